/**
 * Second step: decides which indexed records to read and in what order, and what was skipped.
 *
 * The log is a ring: the live records run from the oldest (begin offset) to the end-of-file
 * record, wrapping at the end of the file; the space after the end-of-file record up to the oldest
 * record is free space that still holds older, overwritten records. Walking the ring once from
 * just after the end-of-file record gives every record oldest first: first what survives in the
 * free space, then the live log. The end-of-file record found in the file is preferred to the
 * header's offsets, which are stale in dirty files.
 *
 * Free space often holds stale copies of live records (same number, same bytes): those are
 * dropped. Unused free space is not damage; a broken record in it, or any gap in the live log, is.
 */
import type { DamageReport } from '../binary-format';
import type { EofRecord, EvtHeader } from './evt-layout';
import { EOF_RECORD_SIZE, FLAG_DIRTY, HEADER_SIZE } from './evt-layout';
import type { RecordIndex } from './evt-scan';
import { CandidateStatus, STATUS_REASONS } from './evt-scan';

/** Where the ring starts and which part of it is the live log. */
export interface RingLayout {
  /** The file size: the ring wraps here to the end of the header. */
  ringEnd: number;
  /** Where the walk begins (a file offset). */
  walkStart: number;
  /** The live log [begin, end) as file offsets (end: the end-of-file record), when known. */
  live?: { begin: number; end: number };
}

/** What to read, in order, and what was skipped. */
export interface ReadPlan {
  /** Positions in the index of the records to decode, oldest first. */
  order: number[];
  damage: DamageReport[];
  /** Stale copies of records dropped because the same record was read elsewhere. */
  duplicates: number;
}

/** Picks the ring's layout from the header, the end-of-file records found and the index. */
export function chooseLayout(
  header: EvtHeader | undefined,
  eofRecords: readonly EofRecord[],
  index: RecordIndex,
  ringEnd: number,
): { layout: RingLayout; damage: DamageReport[] } {
  const damage: DamageReport[] = [];
  const eof = pickEof(header, eofRecords);
  const isStart = (offset: number): boolean => findOffset(index, offset) >= 0;
  if (!header) {
    // Without a header (a carved or damaged file) there is no ring to rebuild: read in file order.
    const carved = isStart(0);
    const reason = carved ? 'no file header (the file starts with a record)' : 'file header missing or damaged';
    // The header's bytes end where the first candidate record starts: a damaged one there is
    // reported with its own bytes, which must not be counted twice (found by fuzzing: 16 damaged
    // bytes in an 8-byte file).
    const firstCandidate = index.count > 0 ? (index.offset[0] ?? 0) : ringEnd;
    damage.push({ offset: 0, length: carved ? 0 : Math.min(HEADER_SIZE, ringEnd, firstCandidate), reason: `${reason}; records were found by scanning` });
    return { layout: { ringEnd, walkStart: 0 }, damage };
  }
  if (!eof) {
    damage.push({
      offset: 0,
      length: 0,
      reason: `end-of-file record not found (the header says 0x${header.endOffset.toString(16)}): the log may be cut short; records were found by scanning`,
    });
  }
  let begin: number | undefined;
  if (eof && (eof.beginOffset === eof.offset || isStart(eof.beginOffset))) begin = eof.beginOffset;
  else if (isStart(header.startOffset)) begin = header.startOffset;
  const afterEof = eof ? eof.offset + EOF_RECORD_SIZE : undefined;
  const walkStart = afterEof === undefined ? (begin ?? HEADER_SIZE) : afterEof >= ringEnd ? HEADER_SIZE + (afterEof - ringEnd) : afterEof;
  const layout: RingLayout = { ringEnd, walkStart };
  if (eof && begin !== undefined) layout.live = { begin, end: eof.offset };
  return { layout, damage };
}

/** Walks the ring once and lists the records to read; reports gaps that are damage. */
export function planRing(index: RecordIndex, layout: RingLayout): ReadPlan {
  const { ringEnd, walkStart, live } = layout;
  // Ring positions as distances from the walk's start ("linear"), so that wrapping is plain order.
  const total = walkStart >= HEADER_SIZE ? ringEnd - HEADER_SIZE : ringEnd;
  const lin = (offset: number): number => (offset >= walkStart ? offset - walkStart : ringEnd - walkStart + offset - HEADER_SIZE);
  const fileOffset = (linear: number): number => (linear < ringEnd - walkStart ? walkStart + linear : HEADER_SIZE + linear - (ringEnd - walkStart));
  const liveBegin = live ? lin(live.begin) : undefined;
  const liveEnd = live ? lin(live.end) : undefined;
  const walkEnd = liveEnd ?? total;

  const order: number[] = [];
  const damage: DamageReport[] = [];
  let covered = 0;
  /** Broken candidates since the last record read, in ring order. */
  let bad: number[] = [];

  const gap = (from: number, to: number): void => {
    const broken = bad;
    bad = [];
    if (to <= from) return;
    const inLive = liveBegin !== undefined && liveEnd !== undefined && from < liveEnd && to > liveBegin;
    // Without a known live log, only gaps between records are suspicious, not the unused ends.
    const betweenRecords = !live && order.length > 0 && to < walkEnd;
    if (inLive || betweenRecords) {
      // All of it should have been records (from the oldest one on): one report for the gap.
      const gapStart = inLive ? Math.max(from, liveBegin ?? from) : from;
      const start = fileOffset(gapStart);
      const what = broken[0] === undefined ? 'no valid record' : describeCandidate(index, broken[0], '', start);
      damage.push({ offset: start, length: to - gapStart, reason: `${what}; skipped` });
      return;
    }
    // Free space: unused bytes are not damage, a broken record in it is. Report each one's own
    // bytes (for implausible lengths, the run of stray signatures); a signature inside one already
    // reported is part of it.
    const place = live ? ' in free space' : '';
    let reportedEnd = from;
    for (const k of broken) {
      const first = lin(index.offset[k] ?? 0);
      if (first < reportedEnd) continue;
      const claimed = index.length[k] || to - first;
      reportedEnd = Math.min(to, first + claimed);
      const start = fileOffset(first);
      damage.push({ offset: start, length: reportedEnd - first, reason: `${describeCandidate(index, k, place, start)}; skipped` });
    }
  };

  const count = index.count;
  const first = lowerBound(index, walkStart);
  for (let step = 0; step < count; step++) {
    const k = (first + step) % count;
    const offset = index.offset[k] ?? 0;
    // Nothing lives inside the header (only a headerless file is walked from offset 0).
    if (walkStart >= HEADER_SIZE && offset < HEADER_SIZE) continue;
    const at = lin(offset);
    if (at < covered || at >= walkEnd) continue;
    const length = index.length[k] ?? 0;
    const crossesBegin = liveBegin !== undefined && at < liveBegin && at + length > liveBegin;
    if (index.status[k] !== CandidateStatus.Valid || at + length > walkEnd || crossesBegin) {
      bad.push(k);
      continue;
    }
    gap(covered, at);
    order.push(k);
    covered = at + length;
  }
  gap(covered, walkEnd);
  return dropStaleCopies(index, order, liveBegin === undefined ? undefined : (k) => lin(index.offset[k] ?? 0) >= liveBegin, damage);
}

/**
 * Removes second copies of a record, keeping the live one (else the first read). With a known
 * live log only the records outside it are candidates, and there are usually few: only their
 * numbers are held, not every record's.
 */
function dropStaleCopies(index: RecordIndex, order: number[], isLive: ((k: number) => boolean) | undefined, damage: DamageReport[]): ReadPlan {
  const dropped = new Set<number>();
  const outside = isLive ? order.filter((k) => !isLive(k)) : order;
  if (outside.length === 0) return { order, damage, duplicates: 0 };
  const kept = new Map<number, number>();
  for (const k of outside) {
    const number = index.recordNumber[k] ?? 0;
    const other = kept.get(number);
    if (other === undefined) kept.set(number, k);
    else if (index.sameRecord(other, k)) dropped.add(k);
  }
  if (isLive) {
    for (const k of order) {
      if (!isLive(k)) continue;
      const stale = kept.get(index.recordNumber[k] ?? 0);
      if (stale !== undefined && index.sameRecord(stale, k)) dropped.add(stale);
    }
  }
  return { order: dropped.size === 0 ? order : order.filter((k) => !dropped.has(k)), damage, duplicates: dropped.size };
}

/** The end-of-file record to trust: self-consistent ones first, then the header's, then the newest. */
function pickEof(header: EvtHeader | undefined, found: readonly EofRecord[]): EofRecord | undefined {
  const consistent = found.filter((eof) => eof.endOffset === eof.offset);
  const pool = consistent.length > 0 ? consistent : found;
  if (header && (header.flags & FLAG_DIRTY) === 0) {
    const named = pool.find((eof) => eof.offset === header.endOffset);
    if (named) return named;
  }
  let best: EofRecord | undefined;
  for (const eof of pool) if (!best || eof.nextRecordNumber >= best.nextRecordNumber) best = eof;
  return best;
}

/** "record 1572 in free space is damaged (…)": what a skipped candidate was and why. */
function describeCandidate(index: RecordIndex, k: number, place: string, gapStart: number): string {
  const status = (index.status[k] ?? 0) as CandidateStatus;
  const offset = index.offset[k] ?? 0;
  // The report carries the gap's offset; name the record's own only when it starts later.
  const at = offset === gapStart ? '' : ` at 0x${offset.toString(16)}`;
  if (status === CandidateStatus.BadLength) return `a record signature${at}${place} with an implausible length`;
  const record = `record ${index.recordNumber[k]}${at}${place}`;
  if (status === CandidateStatus.Valid) return `${record} overlaps its neighbours`;
  return `${record} is damaged: ${STATUS_REASONS[status]}`;
}

/** First index position whose offset is >= `offset`. */
function lowerBound(index: RecordIndex, offset: number): number {
  let low = 0;
  let high = index.count;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((index.offset[mid] ?? 0) < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Position of the valid record starting at `offset`, or -1. */
function findOffset(index: RecordIndex, offset: number): number {
  const k = lowerBound(index, offset);
  return k < index.count && index.offset[k] === offset && index.status[k] === CandidateStatus.Valid ? k : -1;
}
