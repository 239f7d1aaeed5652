/**
 * Facet counts: for each facet field, how many of the entries a query shows have each value. One
 * scan of the table answers every field (GROUPING SETS), and DuckDB keeps only each field's top
 * values, so a field with a hundred thousand distinct users costs no more to send than one with ten.
 */
import type { EventQuery } from '../../../shared/model/query';
import { FACET_FIELDS, type FacetField, type FacetResult, type FacetValue } from '../../../shared/model/triage';
import type { EventStore } from './event-store';
import { buildFilter } from './query-sql';

const FACET_COLUMNS: Readonly<Record<FacetField, string>> = {
  source: 'source_id',
  provider: 'provider',
  eventId: 'event_id',
  computer: 'computer',
  channel: 'channel',
  user: 'user_name',
  kbRule: 'kb_rule',
};

/** What a value without one is shown as. */
export const NO_VALUE_LABEL = '(none)';

export async function queryFacets(
  store: EventStore,
  query: EventQuery,
  limit: number,
  sourceName: (sourceId: number) => string,
): Promise<FacetResult[]> {
  const filter = buildFilter(query);
  const columns = FACET_FIELDS.map((field) => FACET_COLUMNS[field]);
  // Column and field names are ours; only the filter's parameters come from the user.
  const fieldOfRow = `CASE ${FACET_FIELDS.map((field) => `WHEN GROUPING(${FACET_COLUMNS[field]}) = 0 THEN '${field}'`).join(' ')} END`;
  // Within one field's rows every other column is NULL, so ordering by all of them orders by the value.
  const byValue = columns.map((column) => `${column} ASC NULLS LAST`).join(', ');
  // At least one row per field is read, to learn its distinct count even when the limit is 0.
  const keep = limit >= 1 ? Math.min(Math.trunc(limit), 2 ** 31 - 1) : 1;
  const rows = await store.read(
    `WITH counted AS (
       SELECT ${fieldOfRow} AS field, ${columns.join(', ')}, count(*) AS n
       FROM events WHERE ${filter.where}
       GROUP BY GROUPING SETS (${columns.map((column) => `(${column})`).join(', ')})
     ), ranked AS (
       SELECT *, row_number() OVER (PARTITION BY field ORDER BY n DESC, ${byValue}) AS rank,
              count(*) OVER (PARTITION BY field) AS distinct_values
       FROM counted
     )
     SELECT field, ${columns.join(', ')}, n::BIGINT AS n, distinct_values::BIGINT AS distinct_values
     FROM ranked WHERE rank <= $${filter.params.length + 1} ORDER BY field, rank`,
    [...filter.params, keep],
  );
  const results = new Map<FacetField, FacetResult>(FACET_FIELDS.map((field) => [field, { field, values: [], distinct: 0 }]));
  for (const row of rows) {
    const result = results.get(row.field as FacetField)!;
    result.distinct = Number(row.distinct_values);
    if (result.values.length < limit) result.values.push(facetValue(result.field, row[FACET_COLUMNS[result.field]], Number(row.n), sourceName));
  }
  return [...results.values()];
}

function facetValue(field: FacetField, stored: unknown, count: number, sourceName: (sourceId: number) => string): FacetValue {
  if (stored === null || stored === undefined) return { value: null, label: NO_VALUE_LABEL, count };
  if (field === 'source') return { value: Number(stored), label: sourceName(Number(stored)), count };
  if (field === 'eventId') return { value: Number(stored), label: String(stored), count };
  return { value: String(stored), label: String(stored), count };
}
