import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SpoolWriter } from '../ingest/spool';
import { EventStore } from './event-store';
import { storeTestEntries, testEvent } from './store-test-entries';

const event = testEvent;

/** Stores entries the way ingest workers do: spooled to a file, then bulk-loaded. */
const append = storeTestEntries;

describe('EventStore (DuckDB)', () => {
  let store: EventStore;
  beforeEach(async () => {
    store = await EventStore.create();
    await append(store, 1, [
      event({ time: Date.UTC(2025, 0, 3), level: 'error', message: 'Delivery failed 100%', eventId: 9221 }),
      event({ time: Date.UTC(2025, 0, 1), level: 'warning', message: 'retrying', provider: 'MSExchangeMTA' }),
      event({ time: null, level: 'information', message: 'no time here', data: ['10054', 'WSARecvEx'] }),
      { kind: 'unparsed', row: { raw: 'garbage line', line: 9, reason: 'bad' } },
    ]);
    await append(store, 2, [event({ time: Date.UTC(2025, 0, 2), message: 'second source' })]);
  });
  afterEach(() => store.close());

  it('pages in time order with untimed entries last and file order breaking ties', async () => {
    const page = await store.page({}, 0, 10);
    expect(page.total).toBe(5);
    expect(page.rows.map((row) => row.message)).toEqual(['retrying', 'second source', 'Delivery failed 100%', 'no time here', 'garbage line']);
    const second = await store.page({}, 1, 2);
    expect(second.rows.map((row) => row.message)).toEqual(['second source', 'Delivery failed 100%']);
  });

  it('filters by level, source and text (case-insensitive, wildcards taken literally)', async () => {
    expect((await store.page({ levels: ['error', 'warning'] }, 0, 10)).total).toBe(2);
    expect((await store.page({ sourceIds: [2] }, 0, 10)).rows[0]?.message).toBe('second source');
    expect((await store.page({ text: 'DELIVERY' }, 0, 10)).total).toBe(1);
    expect((await store.page({ text: '100%' }, 0, 10)).total).toBe(1);
    expect((await store.page({ text: '1_0' }, 0, 10)).total).toBe(0);
    expect((await store.page({ text: 'exchangemta' }, 0, 10)).total).toBe(1);
    expect((await store.page({ levels: [] }, 0, 10)).total).toBe(0);
  });

  it('sorts by any column', async () => {
    const page = await store.page({ sort: [{ column: 'eventId', direction: 'desc' }] }, 0, 1);
    expect(page.rows[0]?.eventId).toBe(9221);
  });

  it('counts all, shown and per level', async () => {
    const counts = await store.counts({ levels: ['error'] });
    expect(counts).toEqual({ all: 5, shown: 1, byLevel: { error: 1, warning: 1, information: 2, unknown: 1 }, hidden: 0, hiddenByRule: {} });
  });

  it('returns full detail, including data and the unparsed reason', async () => {
    const rows = (await store.page({ text: 'no time' }, 0, 1)).rows;
    const detail = await store.get(rows[0]!.id, () => ({ file: 'f.log', format: 'text' }));
    expect(detail).toMatchObject({ data: ['10054', 'WSARecvEx'], file: 'f.log', channel: 'Application', unparsed: false });
    const unparsed = (await store.page({ text: 'garbage' }, 0, 1)).rows[0]!;
    expect(unparsed.unparsed).toBe(true);
    expect((await store.get(unparsed.id, () => ({ file: '', format: '' })))?.unparsedReason).toBe('bad');
    expect(await store.get(9999, () => ({ file: '', format: '' }))).toBeNull();
  });

  it('keeps text that JSON and DuckDB find awkward intact', async () => {
    const awkward = 'quote " backslash \\ newline\n tab\t nul\u0000 soh\u0001\u0001 emoji 🪵 lone \ud800 end';
    await append(store, 3, [event({ message: awkward, raw: awkward, provider: "O'Brien" })]);
    const [row] = (await store.page({ sourceIds: [3] }, 0, 1)).rows;
    expect(row!.message).toBe(awkward.replace('\ud800', '\ufffd'));
    expect(row!.provider).toBe("O'Brien");
  });

  it('removes a source', async () => {
    await store.removeSource(1);
    expect((await store.counts({})).all).toBe(1);
  });

  it('stores many small batches of several sources in one statement, in the order given', async () => {
    // Live tailing of a folder of 1,000 files sends hundreds of tiny batches at once; a statement
    // over that many files once ran DuckDB out of memory (each file got a 512 MB read buffer).
    const dir = mkdtempSync(join(tmpdir(), 'logsift-spool-'));
    const before = await store.lastId();
    const batches = [];
    for (let n = 0; n < 300; n++) {
      const spool = new SpoolWriter(dir, `many${n}`);
      spool.add([event({ message: `file ${n} first`, line: 1 }), event({ message: `file ${n} second`, line: 2 })]);
      batches.push({ sourceId: 100 + (n % 3), batch: (await spool.flush())! });
    }
    await store.appendSpooledMany(batches);
    const rows = await store.after(before, 1000, () => ({ file: '', format: '' }));
    expect(rows).toHaveLength(600);
    expect(rows.map((row) => row.id)).toEqual(rows.map((_, i) => before + 1 + i));
    expect(rows.map((row) => [row.sourceId, row.message]).slice(0, 4)).toEqual([
      [100, 'file 0 first'],
      [100, 'file 0 second'],
      [101, 'file 1 first'],
      [101, 'file 1 second'],
    ]);
    expect(rows.at(-1)).toMatchObject({ sourceId: 102, message: 'file 299 second', raw: '' });
    expect(await store.lastId()).toBe(before + 600);
  });
});
