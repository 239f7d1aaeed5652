import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FLAG_DIRTY, FLAG_WRAPPED, HEADER_SIZE } from './evt-layout';
import { buildEof, buildHeader, buildRecord, parseEvtBytes, writeRing } from './evt-test-support';

const FIXTURES = join(__dirname, '..', '..', '..', '..', 'fixtures', 'logs', 'evt');
const SIZE = 0x800;

interface Ring {
  bytes: Uint8Array;
  /** Where each live record starts, by record number. */
  offsets: Map<number, number>;
  eofOffset: number;
}

/** A wrapped log: live records written from `start` (wrapping after the end), then the EOF record. */
function ringLog(start: number, live: readonly Uint8Array[], flags = FLAG_WRAPPED): Ring {
  const bytes = new Uint8Array(SIZE);
  const offsets = new Map<number, number>();
  let at = start;
  for (const record of live) {
    offsets.set(new DataView(record.buffer).getUint32(8, true), at);
    at = writeRing(bytes, at, record);
  }
  const first = Math.min(...offsets.keys());
  const last = Math.max(...offsets.keys());
  writeRing(bytes, at, buildEof(start, at, last + 1, first));
  bytes.set(buildHeader({ startOffset: start, endOffset: at, currentRecordNumber: last + 1, oldestRecordNumber: first, maxSize: SIZE, flags }));
  return { bytes, offsets, eofOffset: at };
}

function records(from: number, to: number): Uint8Array[] {
  const list: Uint8Array[] = [];
  for (let n = from; n <= to; n++) list.push(buildRecord({ recordNumber: n, eventId: 1000 + n, strings: [`string of record ${n}`] }));
  return list;
}

const ids = (events: readonly { recordId: number | null }[]): (number | null)[] => events.map((event) => event.recordId);

describe('.evt ring buffer', () => {
  it('reads a wrapped log oldest first, joining a record split across the wrap point', async () => {
    const live = records(20, 27);
    // Start so that the third record straddles the end of the file.
    const start = SIZE - live[0]!.length - live[1]!.length - 40;
    const ring = ringLog(start, live);
    expect(ring.offsets.get(22)! + live[2]!.length).toBeGreaterThan(SIZE);

    const { events, damage } = await parseEvtBytes(ring.bytes);
    expect(ids(events)).toEqual([20, 21, 22, 23, 24, 25, 26, 27]);
    expect(events[2]!.data).toEqual(['string of record 22']);
    expect(events[2]!.eventId).toBe(1022);
    expect(damage).toEqual([]);
  });

  it('reads a record whose length is the last 4 bytes of the file and whose signature follows the header', async () => {
    const live = records(1, 6);
    const ring = ringLog(SIZE - 4 - live[0]!.length - live[1]!.length, live);
    expect(ring.offsets.get(3)).toBe(SIZE - 4);
    const { events, damage } = await parseEvtBytes(ring.bytes);
    expect(ids(events)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(events[2]!.data).toEqual(['string of record 3']);
    expect(damage).toEqual([]);
  });

  it('recovers older records from the free space first, and drops stale copies of live ones', async () => {
    const old = records(5, 6);
    const live = records(10, 14);
    const ring = ringLog(0x400, live);
    // Free space (after the EOF record, wrapping, up to the oldest record): two records of an older
    // round and a byte-identical stale copy of live record 11.
    let at = HEADER_SIZE;
    for (const record of [...old, live[1]!]) {
      ring.bytes.set(record, at);
      at += record.length;
    }
    expect(ring.eofOffset).toBeGreaterThan(0x400);
    expect(at).toBeLessThan(0x400);
    const { events, damage } = await parseEvtBytes(ring.bytes);
    expect(ids(events)).toEqual([5, 6, 10, 11, 12, 13, 14]);
    expect(damage).toEqual([]);
  });

  it('reports a broken record in the free space, but not the unused space around it', async () => {
    const ring = ringLog(0x400, records(10, 12));
    const stale = buildRecord({ recordNumber: 3, strings: ['overwritten'] });
    new DataView(stale.buffer).setUint32(stale.length - 4, 0, true);
    ring.bytes.set(stale, 0x100);
    const { events, damage } = await parseEvtBytes(ring.bytes);
    expect(ids(events)).toEqual([10, 11, 12]);
    expect(damage).toEqual([
      { offset: 0x100, length: stale.length, reason: 'record 3 in free space is damaged: the length copy at its end does not match; skipped' },
    ]);
  });

  it('reports a run of stray signatures in free space once, and keeps them out of the index', async () => {
    const ring = ringLog(0x400, records(10, 12));
    ring.bytes.set(new TextEncoder().encode('LfLe'.repeat(100)), 0x100);
    const { events, damage } = await parseEvtBytes(ring.bytes);
    expect(ids(events)).toEqual([10, 11, 12]);
    expect(damage).toEqual([{ offset: 0xfc, length: 4 + 400, reason: 'a record signature in free space with an implausible length; skipped' }]);
  });

  it('finds an end-of-file record split by the wrap point where the header says it is', async () => {
    const live = records(1, 3);
    const ring = ringLog(SIZE - 8 - live.reduce((sum, record) => sum + record.length, 0), live);
    expect(ring.eofOffset).toBe(SIZE - 8);
    // Free space right after the split EOF record holds an older record: read first, so the EOF
    // record must have been found for the walk to start there.
    ring.bytes.set(buildRecord({ recordNumber: 0 }), HEADER_SIZE + 0x20);
    const { events, damage } = await parseEvtBytes(ring.bytes);
    expect(ids(events)).toEqual([0, 1, 2, 3]);
    expect(damage).toEqual([]);
  });

  it('finds the records of a dirty file whose header offsets are stale', async () => {
    const live = records(30, 37);
    const ring = ringLog(SIZE - 100, live, FLAG_DIRTY | FLAG_WRAPPED);
    // The header still names an older state: wrong start, wrong end.
    ring.bytes.set(buildHeader({ startOffset: 0x30, endOffset: 0x90, currentRecordNumber: 31, oldestRecordNumber: 30, maxSize: SIZE, flags: FLAG_DIRTY | FLAG_WRAPPED }));
    const { events, damage } = await parseEvtBytes(ring.bytes);
    expect(ids(events)).toEqual([30, 31, 32, 33, 34, 35, 36, 37]);
    expect(damage).toEqual([]);
  });

  it('reads a dirty file without an end-of-file record by scanning, and says the record is missing', async () => {
    const live = records(1, 5);
    const ring = ringLog(HEADER_SIZE, live, FLAG_DIRTY);
    ring.bytes.fill(0, ring.eofOffset, ring.eofOffset + 0x28);
    const { events, damage } = await parseEvtBytes(ring.bytes);
    expect(ids(events)).toEqual([1, 2, 3, 4, 5]);
    expect(damage).toEqual([expect.objectContaining({ length: 0, reason: expect.stringContaining('end-of-file record not found') })]);
  });

  it('reports a gap in the live log and reads on after it', async () => {
    const live = records(1, 6);
    const ring = ringLog(0x100, live);
    const broken = ring.offsets.get(3)!;
    ring.bytes.set(new TextEncoder().encode('XXXX'), broken + 4);
    const { events, damage } = await parseEvtBytes(ring.bytes);
    expect(ids(events)).toEqual([1, 2, 4, 5, 6]);
    expect(damage).toEqual([{ offset: broken, length: live[2]!.length, reason: 'no valid record; skipped' }]);
  });
});

describe('.evt damage in a real file (evt-parser System.evt, Windows Server 2003)', () => {
  const sample = (): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, 'evt-parser_win2003_System.evt')));
  /** File offsets of the records, in file order. */
  const recordOffsets = (bytes: Uint8Array): number[] => {
    const found: number[] = [];
    for (let i = HEADER_SIZE + 4; i + 4 <= bytes.length; i++) {
      if (bytes[i] === 0x4c && bytes[i + 1] === 0x66 && bytes[i + 2] === 0x4c && bytes[i + 3] === 0x65) found.push(i - 4);
    }
    return found;
  };

  it('reads all 95 records of the intact file', async () => {
    const { events, damage } = await parseEvtBytes(sample(), 'System.evt');
    expect(events.length).toBe(95);
    expect(ids(events)).toEqual(Array.from({ length: 95 }, (_, i) => i + 1));
    expect(events.every((event) => event.channel === 'System')).toBe(true);
    expect(damage).toEqual([]);
  });

  it('skips a record whose signature was overwritten, reports it, and reads the rest', async () => {
    const bytes = sample();
    const offsets = recordOffsets(bytes);
    const target = offsets[40]!;
    bytes.set([0, 0, 0, 0], target + 4);
    const { events, damage } = await parseEvtBytes(bytes);
    expect(events.length).toBe(94);
    expect(ids(events)).not.toContain(41);
    expect(damage).toEqual([{ offset: target, length: offsets[41]! - target, reason: 'no valid record; skipped' }]);
  });

  it('reports a record whose length copy was damaged', async () => {
    const bytes = sample();
    const offsets = recordOffsets(bytes);
    bytes.set([1, 2, 3, 4], offsets[11]! - 4); // the length copy of record 11
    const { events, damage } = await parseEvtBytes(bytes);
    expect(events.length).toBe(94);
    expect(damage).toEqual([
      { offset: offsets[10], length: offsets[11]! - offsets[10]!, reason: 'record 11 is damaged: the length copy at its end does not match; skipped' },
    ]);
  });

  it('reads a file whose header was cut off, in file order', async () => {
    const { events, damage } = await parseEvtBytes(sample().slice(HEADER_SIZE));
    expect(ids(events)).toEqual(Array.from({ length: 95 }, (_, i) => i + 1));
    expect(damage).toEqual([{ offset: 0, length: 0, reason: 'no file header (the file starts with a record); records were found by scanning' }]);
  });

  it('reads a truncated copy up to the cut and reports the cut record and the missing end', async () => {
    const offsets = recordOffsets(sample());
    const cut = offsets[50]! + 30;
    const { events, damage } = await parseEvtBytes(sample().slice(0, cut));
    expect(ids(events)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(damage.map((report) => report.reason)).toEqual([
      expect.stringContaining('end-of-file record not found'),
      'record 51 is damaged: it runs past the end of the file and does not continue after the header; skipped',
    ]);
    expect(damage[1]).toMatchObject({ offset: offsets[50], length: 30 });
  });
});

describe('.evt damage accounting (found by fuzzing)', () => {
  it('does not count the bytes of a damaged first record twice, as header and as record', async () => {
    // Eight bytes: a record length (0x30) and the signature, the rest of the record missing.
    const { events, damage } = await parseEvtBytes(new Uint8Array([0x30, 0, 0, 0, 0x4c, 0x66, 0x4c, 0x65]));
    expect(events).toEqual([]);
    expect(damage.reduce((sum, report) => sum + report.length, 0)).toBeLessThanOrEqual(8);
    expect(damage.map((report) => report.reason)).toEqual([
      'file header missing or damaged; records were found by scanning',
      'record 0 is damaged: it runs past the end of the file and does not continue after the header; skipped',
    ]);
  });
});
