import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEVERITIES, type Severity } from '../../../shared/model/severity';
import type { FacetResult, Histogram } from '../../../shared/model/triage';
import { EventStore } from './event-store';
import { niceBucketMs } from './histogram-query';
import { InsightQueries } from './insight-queries';
import { storeTestEntries, testEvent } from './store-test-entries';

const T0 = Date.UTC(2025, 0, 1, 10, 0, 0);
const SECOND = 1000;
const MINUTE = 60 * SECOND;

/**
 * Seven entries: rows 3 and 5 are hidden by the knowledge base, rows 4 and 5 have no time.
 *   row source time    level        provider id  computer user
 *   0   1      +0 s    error        P1       1   C1       -
 *   1   1      +30 s   warning      P1       2   C1       -
 *   2   1      +65 s   information  P2       1   C2       bob
 *   3   1      +125 s  information  P1       1   -        bob   hidden (rule "noise")
 *   4   1      -       error        P2       3   C1       -
 *   5   1      -       information  P1       1   C1       -     hidden (rule "noise")
 *   6   2      +3599 s critical     P3       -   C3       -
 */
async function storeEntries(store: EventStore): Promise<void> {
  await storeTestEntries(store, 1, [
    testEvent({ time: T0, level: 'error', provider: 'P1', eventId: 1, computer: 'C1' }),
    testEvent({ time: T0 + 30 * SECOND, level: 'warning', provider: 'P1', eventId: 2, computer: 'C1' }),
    testEvent({ time: T0 + 65 * SECOND, level: 'information', provider: 'P2', eventId: 1, computer: 'C2', user: 'bob' }),
    testEvent({ time: T0 + 125 * SECOND, level: 'information', provider: 'P1', eventId: 1, computer: null, user: 'bob' }),
    testEvent({ time: null, level: 'error', provider: 'P2', eventId: 3, computer: 'C1' }),
    testEvent({ time: null, level: 'information', provider: 'P1', eventId: 1, computer: 'C1' }),
  ]);
  await storeTestEntries(store, 2, [testEvent({ time: T0 + 3599 * SECOND, level: 'critical', provider: 'P3', eventId: null, computer: 'C3' })]);
  await store.write("UPDATE events SET kb_rule = 'noise', kb_hidden = true WHERE id IN (3, 5)");
  await store.registerSource(1, 'a.log');
  await store.registerSource(2, 'b.log');
}

function facet(results: FacetResult[], field: FacetResult['field']): FacetResult {
  return results.find((result) => result.field === field)!;
}

/** Non-zero buckets of a histogram's series, as {index: count}. */
function nonZero(series: number[]): Record<number, number> {
  return Object.fromEntries(series.flatMap((count, i) => (count === 0 ? [] : [[i, count]])));
}

function severities(histogram: Histogram): Partial<Record<Severity, Record<number, number>>> {
  return Object.fromEntries(SEVERITIES.flatMap((severity) => (histogram.bySeverity[severity].some(Boolean) ? [[severity, nonZero(histogram.bySeverity[severity])]] : [])));
}

describe('InsightQueries', () => {
  let store: EventStore;
  let insights: InsightQueries;
  beforeEach(async () => {
    store = await EventStore.create();
    await storeEntries(store);
    insights = new InsightQueries(store, (sourceId) => ['', 'a.log', 'b.log'][sourceId] ?? '?');
  });
  afterEach(() => store.close());

  describe('facets', () => {
    it('counts every facet field for the entries shown, most frequent first, ties by value', async () => {
      const results = await insights.facets({}, 10);
      expect(results.map((result) => result.field)).toEqual(['source', 'provider', 'eventId', 'computer', 'channel', 'user', 'kbRule']);
      expect(facet(results, 'source')).toEqual({
        field: 'source',
        distinct: 2,
        values: [
          { value: 1, label: 'a.log', count: 4 },
          { value: 2, label: 'b.log', count: 1 },
        ],
      });
      expect(facet(results, 'provider').values).toEqual([
        { value: 'P1', label: 'P1', count: 2 },
        { value: 'P2', label: 'P2', count: 2 },
        { value: 'P3', label: 'P3', count: 1 },
      ]);
      expect(facet(results, 'eventId')).toEqual({
        field: 'eventId',
        distinct: 4,
        values: [
          { value: 1, label: '1', count: 2 },
          { value: 2, label: '2', count: 1 },
          { value: 3, label: '3', count: 1 },
          { value: null, label: '(none)', count: 1 },
        ],
      });
      expect(facet(results, 'computer').values.map((value) => [value.value, value.count])).toEqual([
        ['C1', 3],
        ['C2', 1],
        ['C3', 1],
      ]);
      expect(facet(results, 'channel')).toEqual({ field: 'channel', distinct: 1, values: [{ value: 'Application', label: 'Application', count: 5 }] });
      expect(facet(results, 'user').values).toEqual([
        { value: null, label: '(none)', count: 4 },
        { value: 'bob', label: 'bob', count: 1 },
      ]);
      expect(facet(results, 'kbRule')).toEqual({ field: 'kbRule', distinct: 1, values: [{ value: null, label: '(none)', count: 5 }] });
    });

    it('cuts each field at the limit but still says how many distinct values there are', async () => {
      const results = await insights.facets({}, 2);
      expect(facet(results, 'eventId')).toMatchObject({ distinct: 4, values: [{ value: 1 }, { value: 2 }] });
      const none = await insights.facets({}, 0);
      expect(none.map((result) => [result.values.length, result.distinct])).toEqual([
        [0, 2],
        [0, 3],
        [0, 4],
        [0, 3],
        [0, 1],
        [0, 2],
        [0, 1],
      ]);
    });

    it('applies the search, the chips and showHidden', async () => {
      const search = await insights.facets({ text: 'provider:P1', chips: [{ search: 'level:error', exclude: true }] }, 10);
      expect(facet(search, 'eventId').values).toEqual([{ value: 2, label: '2', count: 1 }]);
      const all = await insights.facets({ showHidden: true }, 10);
      expect(facet(all, 'provider').values[0]).toEqual({ value: 'P1', label: 'P1', count: 4 });
      expect(facet(all, 'kbRule').values).toEqual([
        { value: null, label: '(none)', count: 5 },
        { value: 'noise', label: 'noise', count: 2 },
      ]);
      const nothing = await insights.facets({ text: 'no-such-thing' }, 10);
      expect(nothing.every((result) => result.distinct === 0 && result.values.length === 0)).toBe(true);
    });

    it('answers again from its cache until the store changes', async () => {
      const first = await insights.facets({ levels: ['error', 'warning', 'information', 'critical'] }, 10);
      expect(await insights.facets({ levels: ['error', 'warning', 'information', 'critical'], sort: [{ column: 'time', direction: 'desc' }] }, 10)).toBe(first);
      expect(await insights.facets({ levels: ['error'] }, 10)).not.toBe(first);
      await storeTestEntries(store, 2, [testEvent({ provider: 'P1' })]);
      const after = await insights.facets({ levels: ['error', 'warning', 'information', 'critical'] }, 10);
      expect(after).not.toBe(first);
      expect(facet(after, 'provider').values[0]).toEqual({ value: 'P1', label: 'P1', count: 3 });
    });
  });

  describe('histogram', () => {
    it('counts shown entries per severity and hidden ones apart, in minute buckets for an hour', async () => {
      const histogram = await insights.histogram({}, 60);
      expect(histogram).toMatchObject({ from: T0, to: T0 + 60 * MINUTE, bucketMs: MINUTE, untimed: 1 });
      expect(histogram.starts).toHaveLength(60);
      expect(histogram.starts[1]).toBe(T0 + MINUTE);
      expect(severities(histogram)).toEqual({ error: { 0: 1 }, warning: { 0: 1 }, information: { 1: 1 }, critical: { 59: 1 } });
      expect(nonZero(histogram.hidden)).toEqual({ 2: 1 });
      for (const severity of SEVERITIES) expect(histogram.bySeverity[severity]).toHaveLength(60);
    });

    it('counts hidden entries whether or not they are shown, and untimed ones only when shown', async () => {
      const shown = await insights.histogram({ showHidden: true }, 60);
      expect(severities(shown)).toEqual(severities(await insights.histogram({}, 60)));
      expect(nonZero(shown.hidden)).toEqual({ 2: 1 });
      expect(shown.untimed).toBe(2);
      const information = await insights.histogram({ levels: ['information'] }, 60);
      // 65 s to 125 s in at most 60 buckets: 2 s each, from 64 s.
      expect(information).toMatchObject({ from: T0 + 64 * SECOND, to: T0 + 126 * SECOND, bucketMs: 2 * SECOND, untimed: 0 });
      expect(severities(information)).toEqual({ information: { 0: 1 } });
      expect(nonZero(information.hidden)).toEqual({ 30: 1 });
    });

    it('picks the smallest nice bucket size that fits, aligned to multiples of it', async () => {
      const tenMinutes = await insights.histogram({}, 10);
      expect(tenMinutes).toMatchObject({ from: T0, to: T0 + 60 * MINUTE, bucketMs: 10 * MINUTE });
      expect(severities(tenMinutes)).toEqual({ error: { 0: 1 }, warning: { 0: 1 }, information: { 0: 1 }, critical: { 5: 1 } });
      // 00:30 to 05:59 in at most 3 buckets: 5 min would need 2 (00:00 and 05:00)… 2 min would need 3.
      const narrow = await insights.histogram({ from: T0 + 30 * SECOND, to: T0 + 6 * MINUTE }, 3);
      expect(narrow).toMatchObject({ from: T0, to: T0 + 3 * MINUTE, bucketMs: MINUTE });
      expect(nonZero(narrow.hidden)).toEqual({ 2: 1 });
    });

    it('applies the search and the chips', async () => {
      const histogram = await insights.histogram({ text: 'provider:P2' }, 60);
      expect(histogram).toMatchObject({ from: T0 + 65 * SECOND, to: T0 + 66 * SECOND, bucketMs: SECOND, starts: [T0 + 65 * SECOND], untimed: 1 });
      expect(severities(histogram)).toEqual({ information: { 0: 1 } });
      const excluded = await insights.histogram({ chips: [{ search: 'source:b.log', exclude: true }] }, 60);
      expect(excluded).toMatchObject({ from: T0, to: T0 + 130 * SECOND, bucketMs: 5 * SECOND });
      expect(severities(excluded)).toEqual({ error: { 0: 1 }, warning: { 6: 1 }, information: { 13: 1 } });
    });

    it('is empty when nothing the query keeps has a time', async () => {
      const histogram = await insights.histogram({ text: 'provider:P2 level:error' }, 60);
      expect(histogram).toEqual({
        from: 0,
        to: 0,
        bucketMs: 0,
        starts: [],
        bySeverity: Object.fromEntries(SEVERITIES.map((severity) => [severity, []])),
        hidden: [],
        untimed: 1,
      });
    });

    it('is answered again from its cache until a new batch arrives', async () => {
      const first = await insights.histogram({}, 60);
      expect(await insights.histogram({}, 60)).toBe(first);
      await storeTestEntries(store, 2, [testEvent({ time: T0 + 10 * SECOND, level: 'error' })]);
      const after = await insights.histogram({}, 60);
      expect(after.bySeverity.error[0]).toBe(2);
    });
  });
});

describe('niceBucketMs', () => {
  it('picks the smallest nice step giving at most the buckets asked for', () => {
    expect(niceBucketMs(0, 0, 1)).toBe(1000);
    expect(niceBucketMs(0, 59_999, 60)).toBe(1000);
    expect(niceBucketMs(0, 60_000, 60)).toBe(2000);
    expect(niceBucketMs(T0, T0 + 3 * 3_600_000, 100)).toBe(2 * MINUTE);
    expect(niceBucketMs(T0, T0 + 3 * 3_600_000, 10)).toBe(30 * MINUTE);
    expect(niceBucketMs(T0, T0 + 3 * 3_600_000, 4)).toBe(60 * MINUTE);
    expect(niceBucketMs(T0, T0 + 20 * 86_400_000, 4)).toBe(7 * 86_400_000);
    expect(niceBucketMs(0, 400 * 365 * 86_400_000, 3)).toBe(200 * 365 * 86_400_000);
    // Times on both sides of the epoch: one bucket is impossible, and asking for it must still end.
    expect(niceBucketMs(-1, 1, 1)).toBeGreaterThan(1e6 * 365 * 86_400_000);
    expect(niceBucketMs(0, 1000, 0)).toBe(2000);
  });
});
