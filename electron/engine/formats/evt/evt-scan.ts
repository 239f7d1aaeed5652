/**
 * First pass over an .evt file: finds every place that looks like a record ("LfLe" after a length)
 * or an end-of-file record, wherever it lies, and checks each candidate (plausible length, length
 * copy at its end, reading across the wrap point when it runs past the end of the file). Header
 * offsets are not trusted here: dirty files (the normal state of a copied live log) have stale ones.
 * Only a few numbers per candidate are kept, so even a file of a few hundred MB indexes cheaply.
 */
import type { EofRecord } from './evt-layout';
import { EOF_RECORD_SIZE, hasEofMarker, HEADER_SIZE, MIN_RECORD_SIZE, parseEofRecord, RECORD, SIGNATURE, u32 } from './evt-layout';
import type { RingReader } from './evt-ring-reader';
import { WINDOW_SIZE } from './evt-ring-reader';

/** Why a candidate is not a record (0: it is one). */
export const CandidateStatus = {
  Valid: 0,
  BadLength: 1,
  LengthCopyMismatch: 2,
  PastEndOfFile: 3,
} as const;
export type CandidateStatus = (typeof CandidateStatus)[keyof typeof CandidateStatus];

/** Words for each status, for damage reports. */
export const STATUS_REASONS: Readonly<Record<CandidateStatus, string>> = {
  [CandidateStatus.Valid]: 'valid',
  [CandidateStatus.BadLength]: 'implausible record length',
  [CandidateStatus.LengthCopyMismatch]: 'the length copy at its end does not match',
  [CandidateStatus.PastEndOfFile]: 'it runs past the end of the file and does not continue after the header',
};

/** Candidates in file order, column-wise (typed arrays grow by doubling). */
export class RecordIndex {
  count = 0;
  offset = new Float64Array(256);
  length = new Uint32Array(256);
  recordNumber = new Uint32Array(256);
  timeGenerated = new Uint32Array(256);
  eventId = new Uint32Array(256);
  status = new Uint8Array(256);

  /** Appends a candidate; offsets must come in increasing order. */
  add(offset: number, length: number, recordNumber: number, timeGenerated: number, eventId: number, status: CandidateStatus): void {
    // A broken candidate inside the previous broken one adds nothing to a damage report; dropping
    // it keeps a file full of "LfLe" (hostile or garbage) from filling memory. A run of signatures
    // with implausible lengths becomes one entry whose length is the run's extent.
    const last = this.count - 1;
    if (status !== CandidateStatus.Valid && last >= 0 && this.status[last] !== CandidateStatus.Valid) {
      const lastOffset = this.offset[last] ?? 0;
      const lastLength = this.length[last] ?? 0;
      const runEnd = lastOffset + (this.status[last] === CandidateStatus.BadLength ? lastLength : Math.max(8, lastLength));
      if (offset < runEnd) {
        if (this.status[last] === CandidateStatus.BadLength) this.length[last] = Math.max(lastLength, offset + 8 - lastOffset);
        return;
      }
    }
    // An implausible length means nothing: keep what was seen instead, the length and signature.
    if (status === CandidateStatus.BadLength) length = 8;
    if (this.count === this.offset.length) this.grow();
    const i = this.count++;
    this.offset[i] = offset;
    this.length[i] = length;
    this.recordNumber[i] = recordNumber;
    this.timeGenerated[i] = timeGenerated;
    this.eventId[i] = eventId;
    this.status[i] = status;
  }

  /** True when candidate `a` and `b` are copies of the same record (stale copies in free space). */
  sameRecord(a: number, b: number): boolean {
    return (
      this.recordNumber[a] === this.recordNumber[b] &&
      this.length[a] === this.length[b] &&
      this.timeGenerated[a] === this.timeGenerated[b] &&
      this.eventId[a] === this.eventId[b]
    );
  }

  private grow(): void {
    const size = this.offset.length * 2;
    const grow = <T extends Float64Array | Uint32Array | Uint8Array>(old: T, fresh: T): T => {
      fresh.set(old);
      return fresh;
    };
    this.offset = grow(this.offset, new Float64Array(size));
    this.length = grow(this.length, new Uint32Array(size));
    this.recordNumber = grow(this.recordNumber, new Uint32Array(size));
    this.timeGenerated = grow(this.timeGenerated, new Uint32Array(size));
    this.eventId = grow(this.eventId, new Uint32Array(size));
    this.status = grow(this.status, new Uint8Array(size));
  }
}

/** What the first pass found. */
export interface ScanResult {
  index: RecordIndex;
  eofRecords: EofRecord[];
}

/** Bytes of "LfLe" as they appear in the file. */
const L = 0x4c;
const F = 0x66;
const E = 0x65;
/** Bytes read past each step: enough for the 8 marker bytes of an end-of-file record. */
const OVERLAP = 7;

/**
 * Scans the whole file for candidates. `skipHeader` leaves the first 0x30 bytes alone (a valid
 * header looks like a too-short record). `progress` gets the bytes scanned so far.
 */
export async function scanFile(reader: RingReader, skipHeader: boolean, progress: (bytes: number) => void): Promise<ScanResult> {
  const size = reader.ringEnd;
  const index = new RecordIndex();
  const eofRecords: EofRecord[] = [];
  let position = skipHeader ? HEADER_SIZE : 0;
  while (position < size) {
    // Read a little beyond the step so that a signature or marker cut by the window edge is seen.
    const chunk = await reader.read(position, WINDOW_SIZE + OVERLAP);
    if (chunk.length === 0) break;
    const step = chunk.length < WINDOW_SIZE + OVERLAP ? chunk.length : WINDOW_SIZE;
    // TypedArray indexOf is native: far faster than testing every byte in JavaScript.
    for (let i = chunk.indexOf(L); i >= 0 && i < step; i = chunk.indexOf(L, i + 1)) {
      if (chunk[i + 1] !== F || chunk[i + 2] !== L || chunk[i + 3] !== E) continue;
      const offset = position + i - 4;
      if (offset >= (skipHeader ? HEADER_SIZE : 0)) await probeRecord(reader, offset, index);
    }
    for (let i = chunk.indexOf(0x11); i >= 0 && i < step; i = chunk.indexOf(0x11, i + 1)) {
      if (!hasEofMarker(chunk, i)) continue;
      const eof = await probeEof(reader, position + i - 4);
      if (eof) eofRecords.push(eof);
    }
    position += step;
    progress(position);
  }
  // A record whose length is the last 4 bytes of the file has its signature right after the header.
  if (size >= HEADER_SIZE + 8 && size % 4 === 0) {
    const signature = await reader.read(HEADER_SIZE, 4);
    if (signature.length === 4 && u32(signature, 0) === SIGNATURE) await probeRecord(reader, size - 4, index);
  }
  return { index, eofRecords };
}

/** Checks a candidate record at `offset` (its "LfLe" is at offset + 4) and indexes it. */
export async function probeRecord(reader: RingReader, offset: number, index: RecordIndex): Promise<void> {
  const fixed = await reader.readRing(offset, RECORD.dataOffset + 4);
  if (!fixed) {
    index.add(offset, 0, 0, 0, 0, CandidateStatus.PastEndOfFile);
    return;
  }
  const length = u32(fixed, RECORD.length);
  const recordNumber = u32(fixed, RECORD.recordNumber);
  const timeGenerated = u32(fixed, RECORD.timeGenerated);
  const eventId = u32(fixed, RECORD.eventId);
  let status: CandidateStatus = CandidateStatus.Valid;
  // Records are padded to 4 bytes: an unaligned length is not a record's.
  if (length < MIN_RECORD_SIZE || length > reader.ringEnd - HEADER_SIZE || length % 4 !== 0) {
    status = CandidateStatus.BadLength;
  } else {
    const copy = await reader.readRing(offset + length - 4, 4);
    if (!copy) status = CandidateStatus.PastEndOfFile;
    else if (u32(copy, 0) !== length) {
      // A record that would wrap but does not continue after the header: the file was cut short.
      status = offset + length > reader.ringEnd ? CandidateStatus.PastEndOfFile : CandidateStatus.LengthCopyMismatch;
    }
  }
  index.add(offset, length, recordNumber, timeGenerated, eventId, status);
}

/** Reads an end-of-file record whose first marker was seen at `offset` + 4 (it may wrap). */
export async function probeEof(reader: RingReader, offset: number): Promise<EofRecord | undefined> {
  if (offset < 0) return undefined;
  const bytes = await reader.readRing(offset, EOF_RECORD_SIZE);
  return bytes ? parseEofRecord(bytes, offset) : undefined;
}
