/**
 * The store's side of exports: the view's rows streamed in its order (on a connection of their
 * own, so the grid keeps answering), and the summary a report starts with — counts by severity and
 * source, what the KB hid under the same filters, and a timeline.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { EventQuery } from '../../../shared/model/query';
import type { Severity } from '../../../shared/model/severity';
import { severityFromCode } from '../../../shared/model/severity';
import { buildFilter, buildOrderBy, type SqlFilter } from './query-sql';

/** Bars in a report's timeline. */
const TIMELINE_BUCKETS = 48;

export const EXPORT_COLUMNS_SQL =
  'id, source_id, time_ms, level, provider, event_id, category, computer, user_name, message, unparsed, kb_rule, kb_flag, kb_hidden, bookmark, channel, record_id, data, raw, line, unparsed_reason';

/** The view's filter, narrowed to the selected rows when there are any. */
export function exportFilter(query: EventQuery, ids: readonly number[] | undefined): SqlFilter {
  const filter = buildFilter(query);
  if (!ids) return filter;
  const list = ids.filter((id) => Number.isSafeInteger(id) && id >= 0).map(String);
  return { where: `(${filter.where}) AND id IN (${list.length > 0 ? list.join(', ') : 'NULL'})`, params: filter.params };
}

/** Streams the rows, a chunk (about 2,000 rows) at a time, in the view's order. */
export async function* streamRows(connection: DuckDBConnection, query: EventQuery, ids?: readonly number[]): AsyncGenerator<Record<string, unknown>[]> {
  const filter = exportFilter(query, ids);
  const result = await connection.stream(`SELECT ${EXPORT_COLUMNS_SQL} FROM events WHERE ${filter.where} ORDER BY ${buildOrderBy(query)}`, filter.params);
  for await (const rows of result.yieldRowObjectJs()) yield rows as Record<string, unknown>[];
}

export interface StoreSummary {
  rows: number;
  bySeverity: Partial<Record<Severity, number>>;
  bySource: { sourceId: number; rows: number }[];
  hiddenByRule: { rule: string; count: number }[];
  timeline: { start: number; end: number; counts: Partial<Record<Severity, number>> }[];
}

export async function summarize(connection: DuckDBConnection, query: EventQuery, ids?: readonly number[]): Promise<StoreSummary> {
  const filter = exportFilter(query, ids);
  const read = async (sql: string, params = filter.params) => (await connection.runAndReadAll(sql, params)).getRowObjectsJS();
  const bySeverity: StoreSummary['bySeverity'] = {};
  let rows = 0;
  for (const row of await read(`SELECT level, count(*)::INTEGER AS n FROM events WHERE ${filter.where} GROUP BY level`)) {
    bySeverity[severityFromCode(Number(row.level))] = Number(row.n);
    rows += Number(row.n);
  }
  const bySource = (await read(`SELECT source_id, count(*)::INTEGER AS n FROM events WHERE ${filter.where} GROUP BY source_id ORDER BY n DESC`)).map(
    (row) => ({ sourceId: Number(row.source_id), rows: Number(row.n) }),
  );
  // What the KB hid under the same filters, whether or not the view shows it.
  const hidden = exportFilter({ ...query, showHidden: true }, ids);
  const hiddenByRule = (
    await read(`SELECT kb_rule, count(*)::INTEGER AS n FROM events WHERE kb_hidden AND ${hidden.where} GROUP BY kb_rule ORDER BY n DESC`, hidden.params)
  ).map((row) => ({ rule: row.kb_rule as string, count: Number(row.n) }));
  return { rows, bySeverity, bySource, hiddenByRule, timeline: await timeline(read, filter) };
}

async function timeline(
  read: (sql: string) => Promise<Record<string, unknown>[]>,
  filter: SqlFilter,
): Promise<StoreSummary['timeline']> {
  const [range] = await read(`SELECT min(time_ms) AS first, max(time_ms) AS last FROM events WHERE ${filter.where} AND time_ms IS NOT NULL`);
  if (range?.first === null || range?.first === undefined) return [];
  const first = Number(range.first);
  const width = Math.max(1, Math.ceil((Number(range.last) - first + 1) / TIMELINE_BUCKETS));
  const buckets = Array.from({ length: TIMELINE_BUCKETS }, (_, i) => ({ start: first + i * width, end: first + (i + 1) * width, counts: {} as Partial<Record<Severity, number>> }));
  const rows = await read(
    `SELECT ((time_ms - ${first}) // ${width})::INTEGER AS bucket, level, count(*)::INTEGER AS n FROM events WHERE ${filter.where} AND time_ms IS NOT NULL GROUP BY bucket, level`,
  );
  for (const row of rows) {
    const bucket = buckets[Math.min(TIMELINE_BUCKETS - 1, Number(row.bucket))];
    if (bucket) bucket.counts[severityFromCode(Number(row.level))] = Number(row.n);
  }
  return buckets;
}
