/**
 * The timeline: entries over time for a query, per severity, in buckets of a "nice" size (1 s,
 * 5 min, 1 h, 1 day…) aligned to multiples of that size since the epoch (UTC), so bucket edges
 * fall on round times and stay put as entries arrive.
 */
import type { EventQuery } from '../../../shared/model/query';
import { SEVERITIES, severityFromCode, type Severity } from '../../../shared/model/severity';
import type { Histogram } from '../../../shared/model/triage';
import type { EventStore } from './event-store';
import { buildFilter } from './query-sql';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR = 365 * DAY;

/** Bucket sizes a person reads at a glance, smallest first; past a year, 1-2-5 steps of years. */
const NICE_STEPS = [
  ...[1, 2, 5, 10, 15, 30].map((n) => n * SECOND),
  ...[1, 2, 5, 10, 15, 30].map((n) => n * MINUTE),
  ...[1, 2, 3, 6, 12].map((n) => n * HOUR),
  ...[1, 2, 7, 30].map((n) => n * DAY),
];

function* niceSteps(): Generator<number> {
  yield* NICE_STEPS;
  for (let years = 1; ; years *= 10) for (const n of [1, 2, 5]) yield n * years * YEAR;
}

/** How many buckets of `step` the times from `first` to `last` (inclusive) fall in. */
function bucketCount(first: number, last: number, step: number): number {
  return Math.floor(last / step) - Math.floor(first / step) + 1;
}

/** The smallest nice bucket size that covers `first`…`last` in at most `buckets` buckets. */
export function niceBucketMs(first: number, last: number, buckets: number): number {
  const most = Math.max(1, Math.trunc(buckets) || 1);
  for (const step of niceSteps()) {
    // Past 10^6 years any timestamp fits in two buckets (one when all lie on one side of the epoch).
    if (bucketCount(first, last, step) <= most || step > 1e6 * YEAR) return step;
  }
  throw new Error('unreachable: niceSteps never ends');
}

function emptyBySeverity(length: number): Record<Severity, number[]> {
  return Object.fromEntries(SEVERITIES.map((severity) => [severity, new Array<number>(length).fill(0)])) as Record<Severity, number[]>;
}

export async function queryHistogram(store: EventStore, query: EventQuery, buckets: number): Promise<Histogram> {
  // Everything the query's other filters keep, hidden entries included: the timeline draws what the
  // knowledge base hides too (greyed), so their times count for its range.
  const base = buildFilter({ ...query, showHidden: true });
  const shownOnly = query.showHidden ? 'TRUE' : 'NOT kb_hidden';
  const [range] = await store.read(
    `SELECT min(time_ms) AS first, max(time_ms) AS last, count(*) FILTER (WHERE time_ms IS NULL AND ${shownOnly}) AS untimed
     FROM events WHERE ${base.where}`,
    base.params,
  );
  const untimed = Number(range?.untimed ?? 0);
  if (range?.first === null || range?.first === undefined) {
    return { from: 0, to: 0, bucketMs: 0, starts: [], bySeverity: emptyBySeverity(0), hidden: [], untimed };
  }
  const first = Number(range.first);
  const last = Number(range.last);
  const bucketMs = niceBucketMs(first, last, buckets);
  const count = bucketCount(first, last, bucketMs);
  const from = Math.floor(first / bucketMs) * bucketMs;
  const to = from + count * bucketMs;
  const n = base.params.length;
  // Bounded by the range read above: entries stored since then fall outside it and are left for the next ask.
  const rows = await store.read(
    `SELECT ((time_ms - $${n + 1}) // $${n + 2})::INTEGER AS bucket, level,
            count(*) FILTER (WHERE NOT kb_hidden)::INTEGER AS shown, count(*) FILTER (WHERE kb_hidden)::INTEGER AS hidden
     FROM events WHERE ${base.where} AND time_ms >= $${n + 1} AND time_ms < $${n + 3}
     GROUP BY ALL`,
    [...base.params, from, bucketMs, to],
  );
  const bySeverity = emptyBySeverity(count);
  const hidden = new Array<number>(count).fill(0);
  for (const row of rows) {
    const bucket = Number(row.bucket);
    bySeverity[severityFromCode(Number(row.level))][bucket]! += Number(row.shown);
    hidden[bucket]! += Number(row.hidden);
  }
  const starts = Array.from({ length: count }, (_, i) => from + i * bucketMs);
  return { from, to, bucketMs, starts, bySeverity, hidden, untimed };
}
