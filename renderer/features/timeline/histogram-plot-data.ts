/**
 * Turns the engine's histogram into what the timeline draws and reads back: uPlot's stacked data
 * arrays, the bucket under a point in time, drag selections snapped to bucket edges, and a
 * bucket's counts for the tooltip. Pure, so the arithmetic is tested apart from the canvas.
 */
import type uPlot from 'uplot';
import { SEVERITIES, type Severity } from '../../../shared/model/severity';
import type { EventQuery } from '../../../shared/model/query';
import type { Histogram } from '../../../shared/model/triage';

/** A time range as the app holds it: `from` inclusive, `to` exclusive (ms since the epoch, UTC). */
export interface TimeRange {
  from: number;
  to: number;
}

/** One band of a stacked bar: the shown entries of a severity, or the entries the KB hides. */
export type StackLayer = Severity | 'hidden';

/**
 * Bottom to top. The most urgent severities sit on the baseline so that errors line up and compare
 * across buckets; hidden entries go on top, apart from everything that is shown.
 */
export const STACK_ORDER: readonly StackLayer[] = [...SEVERITIES, 'hidden'];

/**
 * The order uPlot paints the series in. Each series is a bar from 0 to its layer's cumulative
 * height, so the tallest (top) layer is painted first and every lower layer paints over its
 * lower part, leaving each layer visible as exactly its own segment.
 */
export const DRAW_ORDER: readonly StackLayer[] = [...STACK_ORDER].reverse();

/** About one bucket per 7 px, in steps of 10 so a resize does not refetch at every pixel. */
const PX_PER_BUCKET = 7;
const MIN_BUCKETS = 10;
export const MAX_BUCKETS = 400;

/** How many buckets to ask for a plot this wide (0 while the width is unknown: ask nothing yet). */
export function bucketCountForWidth(widthPx: number): number {
  if (!(widthPx > 0)) return 0;
  const rounded = Math.round(widthPx / PX_PER_BUCKET / 10) * 10;
  return Math.min(MAX_BUCKETS, Math.max(MIN_BUCKETS, rounded));
}

/**
 * The query the histogram asks with: without the time range, so the whole span stays visible (the
 * selected range is drawn over it, not cut out). The sort order changes no count, so a re-sort does
 * not refetch. (The engine counts KB-hidden entries in `hidden` and never in `bySeverity`, whether
 * or not they are shown, so `showHidden` stays: it only decides which untimed entries count.)
 */
export function wholeSpanQuery(query: EventQuery): EventQuery {
  const { from: _from, to: _to, sort: _sort, ...rest } = query;
  return rest;
}

function layerCounts(histogram: Histogram, layer: StackLayer): readonly number[] {
  return (layer === 'hidden' ? histogram.hidden : histogram.bySeverity[layer]) ?? [];
}

/** uPlot's data: bucket starts, then one cumulative series per layer in DRAW_ORDER. */
export function toPlotData(histogram: Histogram): uPlot.AlignedData {
  const n = histogram.starts.length;
  const running = new Array<number>(n).fill(0);
  const cumulative = new Map<StackLayer, number[]>();
  for (const layer of STACK_ORDER) {
    const counts = layerCounts(histogram, layer);
    for (let i = 0; i < n; i++) running[i] = (running[i] ?? 0) + (counts[i] ?? 0);
    cumulative.set(layer, running.slice());
  }
  return [histogram.starts.slice(), ...DRAW_ORDER.map((layer) => cumulative.get(layer) ?? [])];
}

/**
 * The top of the count axis. It fits what the grid shows: the KB usually hides far more than it
 * leaves, and scaling to the hidden band would flatten the shown bars (an error spike among
 * hidden noise must stay visible). Taller hidden bands are then cut at the top, which itself says
 * "much more hidden here"; the tooltip has the exact counts. When hidden entries are shown too, or
 * nothing else is, they count.
 */
export function countAxisMax(histogram: Histogram, hiddenShown: boolean): number {
  let shownMax = 0;
  let allMax = 0;
  for (let i = 0; i < histogram.starts.length; i++) {
    let shown = 0;
    for (const severity of SEVERITIES) shown += histogram.bySeverity[severity]?.[i] ?? 0;
    shownMax = Math.max(shownMax, shown);
    allMax = Math.max(allMax, shown + (histogram.hidden[i] ?? 0));
  }
  return hiddenShown || shownMax === 0 ? allMax : shownMax;
}

/** Every entry in the histogram's buckets, shown or hidden. */
export function histogramTotal(histogram: Histogram): number {
  let total = 0;
  for (const layer of STACK_ORDER) for (const count of layerCounts(histogram, layer)) total += count;
  return total;
}

/** True when there is something to plot: a time span and at least one entry in it. */
export function hasTimedEntries(histogram: Histogram): boolean {
  return histogram.starts.length > 0 && histogram.to > histogram.from && histogramTotal(histogram) > 0;
}

/** End (exclusive) of bucket `index`. */
export function bucketEnd(histogram: Histogram, index: number): number {
  return (histogram.starts[index] ?? histogram.from) + histogram.bucketMs;
}

/** The bucket a time falls in, or null outside the histogram's span. */
export function bucketIndexAt(histogram: Histogram, time: number): number | null {
  const { starts } = histogram;
  if (starts.length === 0 || !Number.isFinite(time) || time < (starts[0] ?? 0) || time >= bucketEnd(histogram, starts.length - 1)) {
    return null;
  }
  return lastStartAtOrBefore(starts, time);
}

/** The bucket a time falls in, or the first/last bucket for times before/after the span. */
function clampedBucketIndex(starts: readonly number[], time: number): number {
  if (time < (starts[0] ?? 0)) return 0;
  return lastStartAtOrBefore(starts, time);
}

/** Binary search: the last index whose start is <= time (starts ascending, time >= starts[0]). */
function lastStartAtOrBefore(starts: readonly number[], time: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if ((starts[mid] ?? Infinity) <= time) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * A dragged span (either direction) widened to whole buckets: from the start of the bucket where
 * it begins to the end of the bucket where it ends. Null when there are no buckets.
 */
export function snapRangeToBuckets(histogram: Histogram, a: number, b: number): TimeRange | null {
  const { starts } = histogram;
  if (starts.length === 0 || !Number.isFinite(a) || !Number.isFinite(b)) return null;
  const first = clampedBucketIndex(starts, Math.min(a, b));
  const last = clampedBucketIndex(starts, Math.max(a, b));
  return { from: starts[first] ?? histogram.from, to: bucketEnd(histogram, last) };
}

export interface BucketSummary {
  start: number;
  end: number;
  /** Shown entries per severity, most urgent first, severities without entries left out. */
  bySeverity: { severity: Severity; count: number }[];
  shown: number;
  hidden: number;
}

/** What the tooltip says about one bucket. */
export function bucketSummary(histogram: Histogram, index: number): BucketSummary {
  const bySeverity: BucketSummary['bySeverity'] = [];
  let shown = 0;
  for (const severity of SEVERITIES) {
    const count = histogram.bySeverity[severity]?.[index] ?? 0;
    if (count > 0) bySeverity.push({ severity, count });
    shown += count;
  }
  return {
    start: histogram.starts[index] ?? histogram.from,
    end: bucketEnd(histogram, index),
    bySeverity,
    shown,
    hidden: histogram.hidden[index] ?? 0,
  };
}

/** The layers with any entries, bottom to top, for the legend. */
export function presentLayers(histogram: Histogram): StackLayer[] {
  return STACK_ORDER.filter((layer) => layerCounts(histogram, layer).some((count) => count > 0));
}
