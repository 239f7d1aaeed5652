/**
 * Test helpers for the .evtx reader: a writer for hand-built Binary XML (names inline at their
 * chunk offsets, as Windows writes them) and a runner that parses bytes through the plugin.
 */
import type { ParsedEvent } from '../../../../shared/model/log-event';
import type { DamageReport, UnitRunner } from '../binary-format';
import type { ParseContext } from '../format';
import { evtx } from './evtx';
import { evtxUnits, type ChunkGroupInput } from './evtx-units';

/** Writes Binary XML tokens as bytes that will sit at chunk offset `base`. */
export class BinXmlWriter {
  readonly bytes: number[] = [];

  constructor(readonly base: number) {}

  /** The chunk offset of the next byte. */
  get pos(): number {
    return this.base + this.bytes.length;
  }

  u8(...values: number[]): this {
    for (const value of values) this.bytes.push(value & 0xff);
    return this;
  }

  u16(value: number): this {
    return this.u8(value, value >> 8);
  }

  u32(value: number): this {
    return this.u8(value, value >> 8, value >> 16, value >>> 24);
  }

  utf16(text: string): this {
    for (let i = 0; i < text.length; i++) this.u16(text.charCodeAt(i));
    return this;
  }

  /** A name stored inline: its offset is where it starts, right after the offset field. */
  name(text: string): this {
    return this.u32(this.pos + 4).u32(0).u16(0).u16(text.length).utf16(text).u16(0);
  }

  /** A name stored earlier in the chunk, by offset. */
  nameRef(offset: number): this {
    return this.u32(offset);
  }

  fragmentHeader(): this {
    return this.u8(0x0f, 1, 1, 0);
  }

  /** Open start element; template definitions carry a dependency id, record bodies do not. */
  open(name: string, options: { attributes?: boolean; dependencyId?: boolean } = {}): this {
    this.u8(options.attributes ? 0x41 : 0x01);
    if (options.dependencyId) this.u16(0xffff);
    this.u32(0).name(name);
    return options.attributes ? this.u32(0) : this;
  }

  attribute(name: string, more = false): this {
    return this.u8(more ? 0x46 : 0x06).name(name);
  }

  text(value: string): this {
    return this.u8(0x05, 0x01).u16(value.length).utf16(value);
  }

  substitution(index: number, type: number, optional = false): this {
    return this.u8(optional ? 0x0e : 0x0d).u16(index).u8(type);
  }

  closeStart(): this {
    return this.u8(0x02);
  }

  closeEmpty(): this {
    return this.u8(0x03);
  }

  end(): this {
    return this.u8(0x04);
  }

  endOfStream(): this {
    return this.u8(0x00);
  }
}

/** Puts `writers`' bytes into a zeroed 64 KiB chunk body (no chunk header: parseFragment needs none). */
export function chunkWith(...writers: BinXmlWriter[]): Uint8Array {
  const chunk = new Uint8Array(0x10000);
  for (const writer of writers) chunk.set(writer.bytes, writer.base);
  return chunk;
}

/** Everything the plugin reports for a file held in memory. */
export interface ParseOutcome {
  events: ParsedEvent[];
  damage: DamageReport[];
  progress: number[];
}

/**
 * A UnitRunner on the test's own thread, for the helper-thread path without threads: units
 * finish in scrambled order (as on real helpers) and their events reach `events` when delivered.
 */
export async function unitsHere(context: ParseContext, events: ParsedEvent[], parallelism = 3): Promise<UnitRunner> {
  const parser = await evtxUnits.prepare(context);
  let units = 0;
  return {
    parallelism,
    run(input, transfer) {
      const parsed: ParsedEvent[] = [];
      const summary = parser.parse(structuredClone(input as ChunkGroupInput, { transfer }), (some) => parsed.push(...some));
      const delay = (units++ * 7) % 5;
      return new Promise((resolve) =>
        setTimeout(() => resolve({ summary, events: parsed.length, deliver: async () => void events.push(...parsed) }), delay),
      );
    },
  };
}

/** Parses `bytes` as a whole .evtx file through the plugin, reading it 64 KiB at a time. */
export async function parseBytes(bytes: Uint8Array, context: Partial<ParseContext> = {}, options: { units?: boolean } = {}): Promise<ParseOutcome> {
  const outcome: ParseOutcome = { events: [], damage: [], progress: [] };
  const fullContext = { fileName: 'test.evtx', modifiedTime: 0, options: {}, ...context };
  const units = options.units ? await unitsHere(fullContext, outcome.events) : undefined;
  await evtx.parse(
    {
      size: bytes.length,
      async read(position, length) {
        return bytes.slice(position, Math.min(bytes.length, position + length));
      },
    },
    {
      units,
      event: (event) => outcome.events.push(event),
      damaged: (report) => outcome.damage.push(report),
      progress: (done) => outcome.progress.push(done),
    },
    fullContext,
  );
  return outcome;
}
