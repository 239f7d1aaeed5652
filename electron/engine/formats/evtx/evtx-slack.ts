/**
 * Records recovered from chunk slack space are often copies of records another chunk still holds
 * (same record id and time): a chunk rewritten elsewhere leaves its old bytes behind. So they are
 * held back to the end of the file and only those no chunk holds are emitted. Records with a
 * reused id but another time (a cleared log restarts its numbering) are different events and kept.
 *
 * Memory: per chunk, its record ids and times (seconds) in typed arrays — 12 bytes a record.
 */
import type { ParsedEvent } from '../../../../shared/model/log-event';
import type { BinaryParseSink } from '../binary-format';

/** Slack-space events held back; past this they are emitted as they come, unchecked. */
const MAX_HELD_EVENTS = 50_000;
const NO_TIME = 0xffff_ffff;

/** A chunk's record ids (sorted) and their times in seconds. */
export interface ChunkIndex {
  readonly low: number;
  readonly high: number;
  readonly ids: Float64Array;
  readonly seconds: Uint32Array;
}

function secondsOf(time: number | null): number {
  return time === null ? NO_TIME : Math.floor(time / 1000) >>> 0;
}

/** Which records a chunk's records area held; undefined when none has an id. */
export function chunkIndex(events: readonly ParsedEvent[]): ChunkIndex | undefined {
  let count = 0;
  for (const event of events) if (event.recordId !== null) count++;
  if (count === 0) return undefined;
  const ids = new Float64Array(count);
  const seconds = new Uint32Array(count);
  let sorted = true;
  let i = 0;
  for (const event of events) {
    if (event.recordId === null) continue;
    ids[i] = event.recordId;
    seconds[i] = secondsOf(event.time);
    if (i > 0 && (ids[i - 1] as number) > event.recordId) sorted = false;
    i++;
  }
  if (!sorted) {
    // Records are written in id order; only odd files need this.
    const order = Array.from({ length: count }, (_, k) => k).sort((a, b) => (ids[a] as number) - (ids[b] as number));
    const sortedIds = Float64Array.from(order, (k) => ids[k] as number);
    const sortedSeconds = Uint32Array.from(order, (k) => seconds[k] as number);
    ids.set(sortedIds);
    seconds.set(sortedSeconds);
  }
  return { low: ids[0] as number, high: ids[count - 1] as number, ids, seconds };
}

/** Collects slack-space events during a file and emits the ones that are not duplicates. */
export class SlackRecovery {
  private readonly chunks: ChunkIndex[] = [];
  private pending: { chunkNumber: number; offset: number; events: readonly ParsedEvent[] }[] = [];
  private held = 0;

  constructor(private readonly sink: BinaryParseSink) {}

  /** Remembers which records a chunk's records area held (see chunkIndex). */
  chunkRead(index: ChunkIndex | undefined): void {
    if (index) this.chunks.push(index);
  }

  /** Holds a chunk's slack-space events until flush(). */
  add(chunkNumber: number, offset: number, events: readonly ParsedEvent[]): void {
    this.pending.push({ chunkNumber, offset, events });
    this.held += events.length;
    if (this.held > MAX_HELD_EVENTS) this.flush();
  }

  /** Emits the held events that no chunk holds (and each only once), with one note per chunk. */
  flush(): void {
    const emitted = new Set<string>();
    for (const { chunkNumber, offset, events } of this.pending) {
      let kept = 0;
      for (const event of events) {
        const seconds = secondsOf(event.time);
        if (event.recordId !== null) {
          const key = `${event.recordId}:${seconds}`;
          if (emitted.has(key) || this.inChunks(event.recordId, seconds)) continue;
          emitted.add(key);
        }
        this.sink.event({ ...event, raw: '' });
        kept++;
      }
      if (kept > 0) {
        const what = `${kept} record${kept === 1 ? '' : 's'} recovered from slack space after the last record`;
        this.sink.damaged({ offset, length: 0, reason: `chunk ${chunkNumber}: ${what}` });
      }
    }
    this.pending = [];
    this.held = 0;
  }

  /** Whether some chunk's records area holds record `id` with the same time. */
  private inChunks(id: number, seconds: number): boolean {
    for (const chunk of this.chunks) {
      if (id < chunk.low || id > chunk.high) continue;
      let low = 0;
      let high = chunk.ids.length - 1;
      // First index with ids[i] >= id, then every entry with that id (ids repeat only in odd files).
      while (low < high) {
        const middle = (low + high) >> 1;
        if ((chunk.ids[middle] as number) < id) low = middle + 1;
        else high = middle;
      }
      for (let i = low; i < chunk.ids.length && chunk.ids[i] === id; i++) if (chunk.seconds[i] === seconds) return true;
    }
    return false;
  }
}
