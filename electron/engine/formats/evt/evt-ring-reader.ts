/**
 * Windowed reads over an .evt file, with the ring buffer's wrap: the records' area runs from the
 * end of the header to the end of the file and then continues right after the header, so a record
 * (or the end-of-file record) can start near the end of the file and finish at offset 0x30.
 */
import type { RandomAccessFile } from '../binary-format';
import { HEADER_SIZE } from './evt-layout';

/** Bytes fetched per read: the pipeline hands batches on between reads, so keep them moderate. */
export const WINDOW_SIZE = 64 * 1024;

/** Reads a file in cached windows; positions are file offsets. */
export class RingReader {
  private windowStart = 0;
  private window: Uint8Array = new Uint8Array(0);

  constructor(
    private readonly file: RandomAccessFile,
    /** Where the ring wraps back to the end of the header: the file's size. */
    readonly ringEnd: number = file.size,
  ) {}

  /** Up to `length` bytes at `position`, without wrapping (fewer at the end of the file). */
  async read(position: number, length: number): Promise<Uint8Array> {
    const from = position - this.windowStart;
    if (from >= 0 && from + length <= this.window.length) return this.window.subarray(from, from + length);
    if (position >= this.file.size || length <= 0) return new Uint8Array(0);
    this.window = await this.file.read(position, Math.max(length, WINDOW_SIZE));
    this.windowStart = position;
    return this.window.subarray(0, Math.min(length, this.window.length));
  }

  /**
   * Exactly `length` bytes starting at ring position `position`, continuing after the header when
   * they run past the end of the file; undefined when the file does not hold them all.
   */
  async readRing(position: number, length: number): Promise<Uint8Array | undefined> {
    const start = this.normalize(position);
    const first = Math.min(length, this.ringEnd - start);
    const head = await this.read(start, first);
    if (head.length < first) return undefined;
    if (first === length) return head;
    // Copy the first part: the next read may replace the window it lives in.
    const joined = new Uint8Array(length);
    joined.set(head);
    const rest = length - first;
    // A record larger than the whole ring cannot be real.
    if (rest > this.ringEnd - HEADER_SIZE) return undefined;
    const tail = await this.read(HEADER_SIZE, rest);
    if (tail.length < rest) return undefined;
    joined.set(tail, first);
    return joined;
  }

  /** Maps a position that ran past the end of the file to where the ring continues it. */
  normalize(position: number): number {
    const span = this.ringEnd - HEADER_SIZE;
    if (position < this.ringEnd || span <= 0) return position;
    return HEADER_SIZE + ((position - this.ringEnd) % span);
  }
}
