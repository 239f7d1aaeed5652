import { describe, expect, it } from 'vitest';
import { SEVERITIES, type Severity } from '../../../shared/model/severity';
import type { Histogram } from '../../../shared/model/triage';
import {
  DRAW_ORDER,
  STACK_ORDER,
  bucketCountForWidth,
  bucketIndexAt,
  bucketSummary,
  countAxisMax,
  hasTimedEntries,
  presentLayers,
  snapRangeToBuckets,
  toPlotData,
  wholeSpanQuery,
} from './histogram-plot-data';

/** Three one-minute buckets from 10:00 UTC, with the given counts per severity and hidden. */
function histogram(counts: Partial<Record<Severity, number[]>>, hidden = [0, 0, 0]): Histogram {
  const from = Date.UTC(2025, 11, 9, 10, 0);
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, counts[s] ?? [0, 0, 0]])) as Record<Severity, number[]>;
  return { from, to: from + 3 * 60_000, bucketMs: 60_000, starts: [from, from + 60_000, from + 120_000], bySeverity, hidden, untimed: 0 };
}

describe('toPlotData', () => {
  it('stacks layers bottom to top and lists series top layer first', () => {
    const h = histogram({ critical: [1, 0, 2], error: [2, 1, 0], information: [10, 0, 5] }, [4, 0, 1]);
    const data = toPlotData(h);
    expect(data[0]).toEqual(h.starts);
    const series = (layer: string) => data[1 + DRAW_ORDER.indexOf(layer as never)];
    expect(series('critical')).toEqual([1, 0, 2]);
    expect(series('error')).toEqual([3, 1, 2]);
    expect(series('warning')).toEqual([3, 1, 2]);
    expect(series('information')).toEqual([13, 1, 7]);
    expect(series('unknown')).toEqual([13, 1, 7]);
    expect(series('hidden')).toEqual([17, 1, 8]);
    // The first painted series is the tallest, so lower layers paint over it.
    expect(DRAW_ORDER[0]).toBe('hidden');
    expect(DRAW_ORDER.at(-1)).toBe(STACK_ORDER[0]);
    expect(data).toHaveLength(1 + STACK_ORDER.length);
  });

  it('treats a severity the engine left out as zeros', () => {
    const h = histogram({ error: [1, 1, 1] });
    delete (h.bySeverity as Partial<Record<Severity, number[]>>).verbose;
    expect(toPlotData(h)[1]).toEqual([1, 1, 1]);
  });

  it('gives empty series for an empty histogram', () => {
    const empty: Histogram = { ...histogram({}), from: 0, to: 0, starts: [], hidden: [] };
    expect(toPlotData(empty).every((series) => series.length === 0)).toBe(true);
    expect(hasTimedEntries(empty)).toBe(false);
  });
});

describe('hasTimedEntries', () => {
  it('needs at least one entry, shown or hidden', () => {
    expect(hasTimedEntries(histogram({}))).toBe(false);
    expect(hasTimedEntries(histogram({}, [0, 1, 0]))).toBe(true);
    expect(hasTimedEntries(histogram({ verbose: [0, 0, 3] }))).toBe(true);
  });
});

describe('bucketIndexAt / snapRangeToBuckets', () => {
  const h = histogram({ information: [1, 1, 1] });
  const [b0, b1, b2] = h.starts as [number, number, number];

  it('finds the bucket a time falls in, null outside the span', () => {
    expect(bucketIndexAt(h, b0)).toBe(0);
    expect(bucketIndexAt(h, b1 - 1)).toBe(0);
    expect(bucketIndexAt(h, b1)).toBe(1);
    expect(bucketIndexAt(h, b2 + 59_999)).toBe(2);
    expect(bucketIndexAt(h, b2 + 60_000)).toBeNull();
    expect(bucketIndexAt(h, b0 - 1)).toBeNull();
  });

  it('widens a drag to whole buckets, whichever way it went', () => {
    expect(snapRangeToBuckets(h, b0 + 10_000, b1 + 5_000)).toEqual({ from: b0, to: b2 });
    expect(snapRangeToBuckets(h, b1 + 5_000, b0 + 10_000)).toEqual({ from: b0, to: b2 });
    expect(snapRangeToBuckets(h, b1 + 1, b1 + 2)).toEqual({ from: b1, to: b2 });
  });

  it('clamps a drag that leaves the span to its first and last buckets', () => {
    expect(snapRangeToBuckets(h, b0 - 99_000, b2 + 99_000)).toEqual({ from: b0, to: h.to });
  });

  it('has nothing to snap to without buckets', () => {
    expect(snapRangeToBuckets({ ...h, starts: [] }, b0, b1)).toBeNull();
  });
});

describe('bucketSummary', () => {
  it('lists the severities with entries, most urgent first, and the hidden count apart', () => {
    const h = histogram({ information: [5, 0, 0], critical: [1, 0, 0], 'audit-failure': [2, 0, 0] }, [7, 0, 0]);
    expect(bucketSummary(h, 0)).toEqual({
      start: h.starts[0],
      end: h.starts[1],
      bySeverity: [
        { severity: 'critical', count: 1 },
        { severity: 'audit-failure', count: 2 },
        { severity: 'information', count: 5 },
      ],
      shown: 8,
      hidden: 7,
    });
    expect(bucketSummary(h, 1)).toMatchObject({ bySeverity: [], shown: 0, hidden: 0 });
  });
});

describe('presentLayers', () => {
  it('names the layers that have entries, in stack order', () => {
    expect(presentLayers(histogram({ warning: [0, 1, 0], error: [1, 0, 0] }, [0, 0, 2]))).toEqual(['error', 'warning', 'hidden']);
  });
});

describe('bucketCountForWidth', () => {
  it('asks about one bucket per 7 px, in steps of ten, between 10 and 400', () => {
    expect(bucketCountForWidth(0)).toBe(0);
    expect(bucketCountForWidth(30)).toBe(10);
    expect(bucketCountForWidth(700)).toBe(100);
    expect(bucketCountForWidth(1000)).toBe(140);
    expect(bucketCountForWidth(5000)).toBe(400);
  });
});

describe('wholeSpanQuery', () => {
  it('drops the time range and the sort, and keeps the filters', () => {
    expect(
      wholeSpanQuery({
        text: 'id:1',
        levels: ['error'],
        from: 1,
        to: 2,
        showHidden: true,
        sort: [{ column: 'time', direction: 'desc' }],
        chips: [{ search: 'provider:"x"', exclude: true }],
      }),
    ).toEqual({ text: 'id:1', levels: ['error'], showHidden: true, chips: [{ search: 'provider:"x"', exclude: true }] });
  });
});

describe('countAxisMax', () => {
  it('fits the shown entries, the hidden ones only when they are shown or alone', () => {
    const h = histogram({ error: [2, 0, 1], information: [3, 1, 0] }, [100, 0, 50]);
    expect(countAxisMax(h, false)).toBe(5);
    expect(countAxisMax(h, true)).toBe(105);
    expect(countAxisMax(histogram({}, [0, 7, 3]), false)).toBe(7);
    expect(countAxisMax(histogram({}), false)).toBe(0);
  });
});
