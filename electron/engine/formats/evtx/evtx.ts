/**
 * Windows XML Event Log (.evtx) reader: a 4 KiB file header, then 64 KiB chunks read one at a time
 * (each read lets the pipeline hand on what was parsed) and parsed independently by parseChunk —
 * on helper threads, a run of chunks at a time, when the reader offers them (sink.units).
 * Damage never stops the file: a bad header is ignored, a bad chunk is skipped, a bad record is
 * reported and the chunk scanned on for the next one; all of it goes to sink.damaged.
 */
import type { BinaryFormatPlugin, BinaryParseSink, DamageReport, RandomAccessFile, UnitOutcome, UnitRunner } from '../binary-format';
import type { ParseContext } from '../format';
import type { MessageCatalog } from '../messages/render';
import { crc32, hasSignature, isZeroFilled } from './evtx-bytes';
import { CHUNK_HEADER_SIZE, CHUNK_SIGNATURE, CHUNK_SIZE, parseChunk } from './evtx-chunk';
import { FILE_HEADER_BLOCK_SIZE, FILE_SIGNATURE, readFileHeader } from './evtx-file-header';
import { SlackRecovery } from './evtx-slack';
import { catalogFor, evtxUnits, parseChunkForFile, type ChunkGroupInput, type ChunkInput, type ChunkSummary } from './evtx-units';

/** Detection: a whole log, or a chunk carved out of one. */
export function detectEvtx(head: Uint8Array): number {
  if (hasSignature(head, 0, FILE_SIGNATURE)) return 0.99;
  if (hasSignature(head, 0, CHUNK_SIGNATURE)) return 0.9;
  return 0;
}

/**
 * Where a chunk signature starts inside `bytes` after offset 0, or -1. Accepted only where the
 * chunk header's own checksum agrees, so record data that happens to spell it is not taken.
 */
function findChunkSignature(bytes: Uint8Array): number {
  for (let pos = bytes.indexOf(0x45, 1); pos >= 0 && pos + CHUNK_HEADER_SIZE <= bytes.length; pos = bytes.indexOf(0x45, pos + 1)) {
    if (!hasSignature(bytes, pos, CHUNK_SIGNATURE)) continue;
    const stored = new DataView(bytes.buffer, bytes.byteOffset + pos + 124, 4).getUint32(0, true);
    if (crc32(bytes, pos + 128, pos + CHUNK_HEADER_SIZE, crc32(bytes, pos, pos + 120)) === stored) return pos;
  }
  return -1;
}

/** Reads every chunk of `file`, in file order. */
async function parseEvtx(file: RandomAccessFile, sink: BinaryParseSink, context: ParseContext): Promise<void> {
  const head = await file.read(0, FILE_HEADER_BLOCK_SIZE);
  let offset = 0;
  if (!hasSignature(head, 0, CHUNK_SIGNATURE)) {
    // A carved chunk starts at 0; anything else has (or had) the 4 KiB header.
    offset = FILE_HEADER_BLOCK_SIZE;
    const header = readFileHeader(head);
    if (header.problem) {
      sink.damaged({ offset: 0, length: Math.min(FILE_HEADER_BLOCK_SIZE, file.size), reason: `file header: ${header.problem}; ignored, chunks read by their own headers` });
    }
  }
  const slack = new SlackRecovery(sink);
  const chunks = sink.units ? new ChunksOnHelpers(sink, sink.units, slack) : new ChunksHere(sink, slack, await catalogFor(context));
  for (let chunkNumber = 0; offset < file.size; chunkNumber++) {
    const bytes = await file.read(offset, CHUNK_SIZE);
    if (bytes.length === 0) break;
    if (!hasSignature(bytes, 0, CHUNK_SIGNATURE)) {
      // Pre-allocated space that was never written is all zeros: not damage.
      if (!isZeroFilled(bytes, 0, bytes.length)) {
        const found = findChunkSignature(bytes);
        const skipped = found > 0 ? found : bytes.length;
        const what = found > 0 ? `no chunk signature; next chunk found ${skipped} bytes on` : 'bad chunk signature, skipped';
        await chunks.damaged({ offset, length: skipped, reason: `chunk ${chunkNumber}: ${what}` });
        if (found > 0) {
          // Misaligned (carved or spliced) data: continue from the chunk that was found.
          offset += found;
          continue;
        }
      }
      offset += bytes.length;
      sink.progress(offset);
      continue;
    }
    if (bytes.length < CHUNK_SIZE) {
      // The missing bytes are not in the file: the cut record is reported by parseChunk.
      await chunks.damaged({ offset: offset + bytes.length, length: 0, reason: `chunk ${chunkNumber}: file ends after ${bytes.length} of its ${CHUNK_SIZE} bytes (truncated)` });
    }
    const length = bytes.length;
    // After this the bytes may belong to a helper thread (transferred, so detached here).
    await chunks.add({ bytes, chunkNumber, offset });
    offset += length;
    sink.progress(offset);
  }
  await chunks.finish();
  slack.flush();
}

/** What a chunk leaves to the whole file: damage, and the record index and slack-space records. */
function finishChunk(sink: BinaryParseSink, slack: SlackRecovery, summary: ChunkSummary): void {
  for (const report of summary.damage) sink.damaged(report);
  slack.chunkRead(summary.index);
  if (summary.recovered.length > 0) slack.add(summary.chunkNumber, summary.slackOffset, summary.recovered);
}

interface ChunkQueue {
  add(chunk: ChunkInput): Promise<void>;
  /** Damage the reading loop found between chunks: reported in file order with the chunks' own. */
  damaged(report: DamageReport): Promise<void>;
  finish(): Promise<void>;
}

/** Chunks parsed on the reading thread, one by one. */
class ChunksHere implements ChunkQueue {
  constructor(
    private readonly sink: BinaryParseSink,
    private readonly slack: SlackRecovery,
    private readonly catalog: MessageCatalog | undefined,
  ) {}

  add(chunk: ChunkInput): Promise<void> {
    const { events, summary } = parseChunkForFile(chunk, this.catalog);
    for (const event of events) this.sink.event(event);
    finishChunk(this.sink, this.slack, summary);
    return Promise.resolve();
  }

  damaged(report: DamageReport): Promise<void> {
    this.sink.damaged(report);
    return Promise.resolve();
  }

  finish(): Promise<void> {
    return Promise.resolve();
  }
}

/** Chunks in the first unit: small, so that the first rows show at once. */
const FIRST_UNIT_CHUNKS = 2;
/** Chunks in later units (2 MiB): large enough that handing them over costs little. */
const UNIT_CHUNKS = 32;

/**
 * Chunks parsed on helper threads, a run of chunks per unit, several units at a time. Units are
 * delivered in file order, so the store sees the same order as when parsing on one thread.
 */
class ChunksOnHelpers implements ChunkQueue {
  private group: ChunkInput[] = [];
  private units = 0;
  private delivered = 0;
  private readonly inFlight: Promise<UnitOutcome>[] = [];
  /** Damage found while earlier chunks were still on helpers, and how many units must be delivered first. */
  private readonly deferred: { afterUnits: number; report: DamageReport }[] = [];

  constructor(
    private readonly sink: BinaryParseSink,
    private readonly runner: UnitRunner,
    private readonly slack: SlackRecovery,
  ) {}

  async add(chunk: ChunkInput): Promise<void> {
    // The bytes move to the helper: they must own their buffer alone.
    const owned = chunk.bytes.byteOffset === 0 && chunk.bytes.byteLength === chunk.bytes.buffer.byteLength;
    this.group.push(owned ? chunk : { ...chunk, bytes: chunk.bytes.slice() });
    if (this.group.length >= (this.units === 0 ? FIRST_UNIT_CHUNKS : UNIT_CHUNKS)) await this.dispatch();
  }

  /**
   * Held until every chunk read before it is reported (the unit being gathered is sent off, so
   * that no later chunk joins it), so that damage comes in file order as on one thread (found by
   * fuzzing: a bad chunk signature was listed before the damage of the chunk in front of it, and
   * which 200 reports were kept depended on the file's size).
   */
  async damaged(report: DamageReport): Promise<void> {
    if (this.group.length > 0) await this.dispatch();
    if (this.units <= this.delivered) this.sink.damaged(report);
    else this.deferred.push({ afterUnits: this.units, report });
  }

  async finish(): Promise<void> {
    if (this.group.length > 0) await this.dispatch();
    while (this.inFlight.length > 0) await this.deliverOldest();
  }

  private async dispatch(): Promise<void> {
    const input: ChunkGroupInput = { chunks: this.group };
    this.group = [];
    this.units++;
    const outcome = this.runner.run(input, input.chunks.map((chunk) => chunk.bytes.buffer as ArrayBuffer));
    // Rejections are taken when the unit's turn comes, in order.
    outcome.catch(() => undefined);
    this.inFlight.push(outcome);
    if (this.inFlight.length > this.runner.parallelism) await this.deliverOldest();
  }

  private async deliverOldest(): Promise<void> {
    const outcome = await this.inFlight.shift()!;
    await outcome.deliver();
    for (const summary of outcome.summary as ChunkSummary[]) finishChunk(this.sink, this.slack, summary);
    this.delivered++;
    while (this.deferred.length > 0 && this.deferred[0]!.afterUnits <= this.delivered) this.sink.damaged(this.deferred.shift()!.report);
  }
}

/** The XML of the record that starts at `position` (an event's `line`), from its chunk. */
async function recordXml(file: RandomAccessFile, position: number): Promise<string | undefined> {
  const head = await file.read(0, 8);
  const base = hasSignature(head, 0, CHUNK_SIGNATURE) ? 0 : FILE_HEADER_BLOCK_SIZE;
  if (position < base) return undefined;
  const chunkStart = base + Math.floor((position - base) / CHUNK_SIZE) * CHUNK_SIZE;
  const aligned = await recordXmlInChunk(file, chunkStart, position, Math.floor((chunkStart - base) / CHUNK_SIZE));
  if (aligned !== undefined) return aligned;
  // After damage the reader goes on from a chunk found off the 64 KiB grid (parseEvtx): the
  // record's chunk then starts at a signature less than 64 KiB before it, and at least a chunk
  // header before it (found by fuzzing: the detail view had no text for such records).
  const windowStart = Math.max(0, position - CHUNK_SIZE + 1);
  const window = await file.read(windowStart, Math.max(0, position - CHUNK_HEADER_SIZE + 8 - windowStart));
  for (let at = window.lastIndexOf(0x45); at >= 0; at = at > 0 ? window.lastIndexOf(0x45, at - 1) : -1) {
    if (!hasSignature(window, at, CHUNK_SIGNATURE) || windowStart + at === chunkStart) continue;
    const found = await recordXmlInChunk(file, windowStart + at, position, Math.floor((windowStart + at - base) / CHUNK_SIZE));
    if (found !== undefined) return found;
  }
  return undefined;
}

async function recordXmlInChunk(file: RandomAccessFile, chunkStart: number, position: number, chunkNumber: number): Promise<string | undefined> {
  const bytes = await file.read(chunkStart, CHUNK_SIZE);
  if (!hasSignature(bytes, 0, CHUNK_SIGNATURE)) return undefined;
  const result = parseChunk(bytes, chunkNumber, chunkStart);
  return [...result.events, ...result.recovered].find((event) => event.line === position)?.raw;
}

/** Windows XML Event Log (.evtx) reader. */
export const evtx: BinaryFormatPlugin = {
  kind: 'binary',
  id: 'evtx',
  label: 'Windows event log (.evtx)',
  detect: (head) => detectEvtx(head),
  parse: parseEvtx,
  recordText: recordXml,
  units: evtxUnits,
};
