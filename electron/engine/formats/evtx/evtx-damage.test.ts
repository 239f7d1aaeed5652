import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHUNK_SIZE } from './evtx-chunk';
import { evtx } from './evtx';
import { parseBytes } from './evtx-test-support';

const FIXTURES = join(__dirname, '..', '..', '..', '..', 'fixtures', 'logs', 'evtx');
/** mta_test.evtx: chunk 0 holds records 10–172 (163), chunk 1 records 173–248 (76); the rest is unused. */
const MTA = new Uint8Array(readFileSync(join(FIXTURES, 'omerbenamram_mta_test.evtx')));
const CHUNK_0 = 4096;
const CHUNK_1 = CHUNK_0 + CHUNK_SIZE;
const ALL = 239;

const copy = (): Uint8Array => MTA.slice();
const view = (bytes: Uint8Array): DataView => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** Offsets (in the file) of the records of the chunk at `chunk`, walking their sizes. */
function recordOffsets(bytes: Uint8Array, chunk: number): number[] {
  const offsets: number[] = [];
  const free = view(bytes).getUint32(chunk + 48, true);
  for (let pos = chunk + 512; pos < chunk + free; pos += view(bytes).getUint32(pos + 4, true)) offsets.push(pos);
  return offsets;
}

describe('damaged .evtx files: the rest is read, the damage reported', () => {
  it('a bad file header is ignored and reported', async () => {
    const bytes = copy();
    bytes.set([0, 0, 0, 0], 0);
    const { events, damage } = await parseBytes(bytes);
    expect(events).toHaveLength(ALL);
    expect(damage).toEqual([{ offset: 0, length: 4096, reason: expect.stringMatching(/^file header: no ElfFile signature; ignored/) }]);
  });

  it('a wrong file header checksum is reported, the file read anyway', async () => {
    const bytes = copy();
    bytes[100] = 0xff - (bytes[100] as number);
    const { events, damage } = await parseBytes(bytes);
    expect(events).toHaveLength(ALL);
    expect(damage.map((report) => report.reason)).toEqual([expect.stringMatching(/^file header: header checksum mismatch/)]);
  });

  it('a chunk with a bad signature is skipped and the next chunk read', async () => {
    const bytes = copy();
    bytes[CHUNK_0] = 0x58;
    const { events, damage } = await parseBytes(bytes);
    // Chunk 1's records, then the copies of chunk 0's last records that its slack space still holds.
    expect(events.slice(0, 76).map((event) => event.recordId)).toEqual(Array.from({ length: 76 }, (_, i) => 173 + i));
    expect(events.slice(76).every((event) => (event.recordId as number) < 173)).toBe(true);
    expect(damage).toEqual([
      { offset: CHUNK_0, length: CHUNK_SIZE, reason: 'chunk 0: bad chunk signature, skipped' },
      { offset: expect.any(Number), length: 0, reason: `chunk 1: ${events.length - 76} records recovered from slack space after the last record` },
    ]);
  });

  it('a chunk header checksum mismatch is reported and its records still read', async () => {
    const bytes = copy();
    bytes[CHUNK_1 + 300] = 0xff - (bytes[CHUNK_1 + 300] as number); // in the (unused) string table
    const { events, damage } = await parseBytes(bytes);
    expect(events).toHaveLength(ALL);
    expect(damage).toEqual([{ offset: CHUNK_1, length: 0, reason: 'chunk 1: header checksum mismatch; records read anyway' }]);
  });

  it('a record with a zero size is reported, the chunk scanned on for the next record', async () => {
    const bytes = copy();
    const [, , third, fourth] = recordOffsets(bytes, CHUNK_0) as [number, number, number, number];
    view(bytes).setUint32(third + 4, 0, true);
    const { events, damage } = await parseBytes(bytes);
    expect(events).toHaveLength(ALL - 1);
    expect(events.some((event) => event.recordId === 12)).toBe(false);
    expect(events.some((event) => event.recordId === 13)).toBe(true);
    expect(damage.map((report) => [report.offset, report.length])).toContainEqual([third, fourth - third]);
    expect(damage.map((report) => report.reason)).toContainEqual(expect.stringMatching(/^chunk 0: bad record size 0; \d+ bytes skipped, rest of chunk scanned/));
  });

  it('a record whose size points past the chunk is reported and the rest of the chunk scanned', async () => {
    const bytes = copy();
    const offsets = recordOffsets(bytes, CHUNK_1);
    view(bytes).setUint32((offsets[10] as number) + 4, 0x20000, true);
    const { events, damage } = await parseBytes(bytes);
    expect(events).toHaveLength(ALL - 1);
    expect(damage.map((report) => report.reason)).toContainEqual(expect.stringMatching(/record size 131072 runs past the end of the chunk/));
  });

  it('a record with a bad template offset is skipped alone', async () => {
    const bytes = copy();
    // A record that uses a template defined by an earlier record (its offset is not its own).
    const target = recordOffsets(bytes, CHUNK_0).find((pos, i) => i > 0 && view(bytes).getUint32(pos + 34, true) !== pos + 38 - CHUNK_0) as number;
    const recordNumber = view(bytes).getUint32(target + 8, true);
    view(bytes).setUint32(target + 34, 0x30, true);
    const { events, damage } = await parseBytes(bytes);
    expect(events).toHaveLength(ALL - 1);
    expect(damage).toEqual([
      { offset: CHUNK_0, length: 0, reason: 'chunk 0: record data checksum mismatch; records read anyway' },
      { offset: target, length: view(bytes).getUint32(target + 4, true), reason: `chunk 0: record ${recordNumber}: bad template offset 0x30; skipped` },
    ]);
  });

  it('a truncated file yields what its last partial chunk holds', async () => {
    const cut = CHUNK_1 + 0x4000;
    const { events, damage } = await parseBytes(MTA.slice(0, cut));
    const whole = recordOffsets(MTA, CHUNK_1).filter((pos) => pos + view(MTA).getUint32(pos + 4, true) <= cut).length;
    expect(events).toHaveLength(163 + whole);
    expect(damage.map((report) => report.reason)).toEqual([
      `chunk 1: file ends after ${0x4000} of its 65536 bytes (truncated)`,
      expect.stringMatching(/^chunk 1: record size \d+ runs past the end of the data \(file truncated\)/),
    ]);
  });

  it('a carved chunk (no file header) is read on its own', async () => {
    const { events, damage } = await parseBytes(MTA.slice(CHUNK_1, CHUNK_1 + CHUNK_SIZE));
    expect(events.slice(0, 76).map((event) => event.recordId)).toEqual(Array.from({ length: 76 }, (_, i) => 173 + i));
    expect(damage.map((report) => report.reason)).toEqual([`chunk 0: ${events.length - 76} records recovered from slack space after the last record`]);
  });

  it('never throws or hangs on random damage, and reports it by chunk', async () => {
    const small = new Uint8Array(readFileSync(join(FIXTURES, 'mdecrevoisier_ID6-Failed_to_install_an_Exchange_transport_agent.evtx')));
    let seed = 12345;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    for (let round = 0; round < 60; round++) {
      const bytes = small.slice();
      for (let flips = 1 + Math.floor(random() * 40); flips > 0; flips--) bytes[4096 + Math.floor(random() * (bytes.length - 4096))] = Math.floor(random() * 256);
      const { damage } = await parseBytes(bytes);
      for (const report of damage) expect(report.reason).toMatch(/^(chunk \d+|file header)/);
    }
    const noise = new Uint8Array(200_000).map(() => Math.floor(random() * 256));
    noise.set(new TextEncoder().encode('ElfChnk\0'), 4096);
    const { events, damage } = await parseBytes(noise);
    expect(events).toEqual([]);
    expect(damage.length).toBeGreaterThan(0);
    expect(await parseBytes(new Uint8Array(0))).toMatchObject({ events: [] });
    expect(await parseBytes(new TextEncoder().encode('ElfFile\0'))).toMatchObject({ events: [] });
  });
});

describe('record text of a chunk found off the 64 KiB grid (found by fuzzing)', () => {
  it('renders the detail view XML of records in a chunk that starts after stray bytes', async () => {
    // 100 stray bytes after the file header: the reader finds chunk 0 100 bytes on.
    const bytes = new Uint8Array(MTA.length + 100);
    bytes.set(MTA.subarray(0, CHUNK_0), 0);
    bytes.fill(0x41, CHUNK_0, CHUNK_0 + 100);
    bytes.set(MTA.subarray(CHUNK_0), CHUNK_0 + 100);
    const { events, damage } = await parseBytes(bytes);
    expect(damage[0]).toMatchObject({ offset: CHUNK_0, length: 100 });
    const file = { size: bytes.length, read: async (at: number, length: number) => bytes.slice(at, Math.min(bytes.length, at + length)) };
    for (const event of [events[0]!, events[200]!]) {
      expect(await evtx.recordText!(file, event.line)).toContain(`<EventRecordID>${event.recordId}</EventRecordID>`);
    }
  });
});
