import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventQuery } from '../../../shared/model/query';
import { SEVERITIES } from '../../../shared/model/severity';
import type { IngestItem } from '../ingest/ingest-item';
import { EventStore } from './event-store';
import { storeTestEntries, testEvent } from './store-test-entries';

/** Pages from this offset on build views in the store under test; the other store never does. */
const DEEP = 50;
const START = Date.UTC(2025, 0, 1);
const PROVIDERS = ['MSExchangeTransport', 'MSExchangeIS', 'Microsoft-Windows-Security-Auditing', '', null];

/**
 * Entries made to tie: a time is shared by six entries and missing from every 37th, providers,
 * computers, event ids and messages repeat, so that only the row id can break many ties.
 */
function entries(count: number, firstTime: number): IngestItem[] {
  return Array.from({ length: count }, (_, i) =>
    testEvent({
      time: i % 37 === 0 ? null : firstTime + Math.floor(i / 6) * 1000,
      level: SEVERITIES[i % 7]!,
      provider: PROVIDERS[i % PROVIDERS.length]!,
      eventId: i % 11 === 0 ? null : i % 13,
      computer: i % 9 === 0 ? null : `HOST${i % 4}`,
      message: `entry ${i % 300}`,
      line: i + 1,
    }),
  );
}

/** Every page of the query, `size` rows at a time, with the totals the pages gave. */
async function allPages(store: EventStore, query: EventQuery, size: number): Promise<{ ids: number[]; totals: number[] }> {
  const ids: number[] = [];
  const totals: number[] = [];
  for (let offset = 0; ; offset += size) {
    const page = await store.page(query, offset, size);
    totals.push(page.total);
    ids.push(...page.rows.map((row) => row.id));
    if (offset + size >= page.total) return { ids, totals };
  }
}

/** The views whose tables exist now: each is two, `<view>_keyed` and `<view>_unkeyed`. */
async function viewsIn(store: EventStore): Promise<string[]> {
  const tables = await store.orderedViews.tables();
  const views = [...new Set(tables.map((table) => table.replace(/_(keyed|unkeyed)$/, '')))];
  expect(tables).toHaveLength(views.length * 2);
  return views.sort();
}

describe('ordered views', () => {
  let viewed: EventStore;
  let plain: EventStore;
  /** Stores the same entries in both stores, so that their row ids agree. */
  const store = async (sourceId: number, items: IngestItem[]): Promise<void> => {
    await storeTestEntries(viewed, sourceId, items);
    await storeTestEntries(plain, sourceId, items);
  };
  /** Asks a deep page (which builds or updates the view), then checks every page against the plain store. */
  const expectSamePages = async (query: EventQuery): Promise<void> => {
    await viewed.page(query, DEEP, 10);
    const expected = await allPages(plain, query, 97);
    const actual = await allPages(viewed, query, 97);
    expect(actual.ids).toEqual(expected.ids);
    expect(actual.totals).toEqual(expected.totals);
  };

  beforeEach(async () => {
    viewed = await EventStore.create(undefined, { deepOffset: DEEP, capacity: 3 });
    plain = await EventStore.create(undefined, { deepOffset: Number.POSITIVE_INFINITY, capacity: 3 });
    await store(1, entries(1500, START));
    await store(2, entries(1500, START + 500));
  });
  afterEach(() => {
    viewed.close();
    plain.close();
  });

  it.each<[string, EventQuery]>([
    ['time order', {}],
    ['time descending', { sort: [{ column: 'time', direction: 'desc' }] }],
    ['provider, then newest first', { sort: [{ column: 'provider', direction: 'asc' }, { column: 'time', direction: 'desc' }] }],
    ['provider descending', { sort: [{ column: 'provider', direction: 'desc' }] }],
    ['computer, then event id descending', { sort: [{ column: 'computer', direction: 'asc' }, { column: 'eventId', direction: 'desc' }] }],
    ['message', { sort: [{ column: 'message', direction: 'asc' }] }],
    ['levels, by event id descending', { levels: ['error', 'warning', 'unknown'], sort: [{ column: 'eventId', direction: 'desc' }] }],
    ['a word', { text: 'entry 1' }],
    ['a left-out provider', { chips: [{ search: 'provider:MSExchangeIS', exclude: true }], sort: [{ column: 'level', direction: 'asc' }] }],
    ['a time range', { from: START + 100_000, to: START + 200_000, sort: [{ column: 'time', direction: 'desc' }] }],
  ])('pages through a view as through the table: %s', async (_name, query) => {
    await expectSamePages(query);
    expect(await viewsIn(viewed)).not.toEqual([]);
    expect(await viewsIn(plain)).toEqual([]);
  });

  it('answers a page past the end, and a query that matches nothing', async () => {
    expect(await viewed.page({}, 10_000, 10)).toEqual({ rows: [], total: 3000 });
    await expectSamePages({ text: 'no entry says this' });
  });

  it('appends rows stored after the view when they sort after it', async () => {
    await expectSamePages({});
    const [table] = await viewsIn(viewed);
    await store(3, entries(300, START + 10_000_000));
    await expectSamePages({});
    expect(await viewsIn(viewed)).toEqual([table]);
  });

  it('builds the view again when stored rows sort inside it', async () => {
    const query: EventQuery = { sort: [{ column: 'time', direction: 'desc' }] };
    await expectSamePages(query);
    const [table] = await viewsIn(viewed);
    await store(3, entries(300, START + 10_000_000));
    // The newest rows come first here, among the view's: a shallow page finds the view cannot take
    // them in, drops it and reads the table; only a deep page builds it again.
    expect((await viewed.page(query, 0, 10)).rows.map((row) => row.id)).toEqual((await plain.page(query, 0, 10)).rows.map((row) => row.id));
    expect(await viewsIn(viewed)).toEqual([]);
    await expectSamePages(query);
    const rebuilt = await viewsIn(viewed);
    expect(rebuilt).toHaveLength(1);
    expect(rebuilt).not.toEqual([table]);
  });

  it('builds the view again after rows change', async () => {
    const query: EventQuery = { bookmarkedOnly: true };
    const bookmark = 'UPDATE events SET bookmark = $1 WHERE id % 3 = $2';
    await Promise.all([viewed.write(bookmark, ['', 0]), plain.write(bookmark, ['', 0])]);
    await expectSamePages(query);
    const [table] = await viewsIn(viewed);
    await Promise.all([viewed.write(bookmark, ['later', 1]), plain.write(bookmark, ['later', 1])]);
    await expectSamePages(query);
    expect((await viewed.page(query, 0, 1)).total).toBe(2000);
    expect(await viewsIn(viewed)).not.toContain(table);
  });

  it('keeps the most recently used views and drops the others', async () => {
    const queries: EventQuery[] = SEVERITIES.slice(0, 5).map((level) => ({ levels: [level, 'unknown'] }));
    const tableOf = async (query: EventQuery): Promise<string> => {
      const before = await viewsIn(viewed);
      await viewed.page(query, DEEP, 10);
      return (await viewsIn(viewed)).find((table) => !before.includes(table)) ?? '';
    };
    const [first, second, third] = [await tableOf(queries[0]!), await tableOf(queries[1]!), await tableOf(queries[2]!)];
    await viewed.page(queries[0]!, 0, 10); // the first is now the most recently used…
    const fourth = await tableOf(queries[3]!); // …so the second goes
    expect(await viewsIn(viewed)).toEqual([first, third, fourth].sort());
    const fifth = await tableOf(queries[4]!);
    expect(await viewsIn(viewed)).toEqual([first, fourth, fifth].sort());
    expect(second).not.toBe('');
  });

  it('builds one view for pages asked at once, and answers each of them in full', async () => {
    const query: EventQuery = { sort: [{ column: 'provider', direction: 'asc' }] };
    const offsets = [DEEP, 0, DEEP * 3, 10, DEEP * 7, 2990];
    const [pages, expected] = await Promise.all([
      Promise.all(offsets.map((offset) => viewed.page(query, offset, 40))),
      Promise.all(offsets.map((offset) => plain.page(query, offset, 40))),
    ]);
    expect(pages.map((page) => page.rows.map((row) => row.id))).toEqual(expected.map((page) => page.rows.map((row) => row.id)));
    expect(pages.map((page) => page.rows.length)).toEqual([40, 40, 40, 40, 40, 10]);
    expect(await viewsIn(viewed)).toHaveLength(1);
  });
});
