/**
 * SQL for ordered views (ordered-views.ts): the SELECTs that list a query's row ids in the grid's
 * order, and the ones that extend such a list with rows stored since.
 *
 * A view keeps apart the rows whose first sort key has a value and those without one, which the
 * grid shows last whatever the direction: entries without a time (unparsed lines) would otherwise
 * sit after the newest entries, and no newly stored entry could be appended to the view.
 *
 * DuckDB sorts text slowly when values share long prefixes ("MSExchange…", "Microsoft-Windows-…"):
 * 5 to 10 s for 5 million providers. Columns with few distinct values are therefore sorted by each
 * value's rank among the column's distinct values, an integer, in about 1 s; ranks follow the
 * column's own order, so the rows come out in the same order. Messages are nearly all distinct, and
 * ranking them would cost more than sorting them.
 */
import type { EventQuery } from '../../../shared/model/query';
import { buildFilter, buildOrderBy, sortColumns } from './query-sql';

/** Text columns with few distinct values (sources' providers, hosts, users, categories). */
const RANKED_COLUMNS: ReadonlySet<string> = new Set(['provider', 'category', 'computer', 'user_name']);

export interface Statement {
  sql: string;
  params: (string | number)[];
}

/** Rows whose first sort key has a value (`keyed`), or the others, which come after them. */
export type ViewPart = 'keyed' | 'unkeyed';

/** Names what a view holds: queries with the same filter and order share it, whatever else differs. */
export function viewKey(query: EventQuery): string {
  const filter = buildFilter(query);
  return JSON.stringify([filter.where, filter.params, buildOrderBy(query)]);
}

/** The ids of the part's rows of the query stored up to row `lastId`, in the query's order. */
export function orderedIdsSelect(query: EventQuery, part: ViewPart, lastId: number): Statement {
  const filter = buildFilter(query);
  const joins: string[] = [];
  const keys = sortColumns(query).map(({ column, direction }, index) => {
    if (!RANKED_COLUMNS.has(column)) return `events.${column} ${direction} NULLS LAST`;
    // Column names come from the sortable-column table, never from user text. NULL has no rank and,
    // as in the grid's own order, comes last either way.
    const ranks = `sort_rank_${index}`;
    joins.push(
      `LEFT JOIN (SELECT sort_value, row_number() OVER (ORDER BY sort_value) AS sort_rank
                  FROM (SELECT DISTINCT ${column} AS sort_value FROM events WHERE ${column} IS NOT NULL)) ${ranks}
       ON ${ranks}.sort_value = events.${column}`,
    );
    return `${ranks}.sort_rank ${direction} NULLS LAST`;
  });
  const params = [...filter.params, lastId];
  return {
    sql: `SELECT events.id FROM events ${joins.join(' ')}
          WHERE events.id <= $${params.length} AND ${partCondition(query, part)} AND (${filter.where})
          ORDER BY ${[...keys, 'events.id ASC'].join(', ')}`,
    params,
  };
}

/**
 * The ids of the part's rows of the query among those stored after `afterId` up to `lastId`, in
 * its order. They are few (stored since the view was made), so they are sorted by the columns
 * themselves, and `id >` lets zone maps skip every older row group.
 */
export function appendedIdsSelect(query: EventQuery, part: ViewPart, afterId: number, lastId: number): Statement {
  const filter = buildFilter(query);
  const n = filter.params.length;
  return {
    sql: `SELECT id FROM events WHERE id > $${n + 1} AND id <= $${n + 2} AND ${partCondition(query, part)} AND (${filter.where})
          ORDER BY ${buildOrderBy(query)}`,
    params: [...filter.params, afterId, lastId],
  };
}

/**
 * The first, in the query's order, of row `partLastId` (a view part's last row) and the part's
 * rows stored after `afterId` up to `lastId`: when it is `partLastId`, every one of them sorts after
 * the part, and can be appended to it. One UNION ALL branch each, so that zone maps skip to both.
 */
export function firstOfAppendedSelect(query: EventQuery, part: ViewPart, partLastId: number, afterId: number, lastId: number): Statement {
  const filter = buildFilter(query);
  const n = filter.params.length;
  const columns = ['id', ...new Set(sortColumns(query).map(({ column }) => column))].join(', ');
  return {
    sql: `SELECT id FROM (
            SELECT ${columns} FROM events WHERE id = $${n + 1}
            UNION ALL
            SELECT ${columns} FROM events
            WHERE id > $${n + 2} AND id <= $${n + 3} AND ${partCondition(query, part)} AND (${filter.where})
          ) ORDER BY ${buildOrderBy(query)} LIMIT 1`,
    params: [...filter.params, partLastId, afterId, lastId],
  };
}

function partCondition(query: EventQuery, part: ViewPart): string {
  const [first] = sortColumns(query);
  // Ordered by file order alone, every row has its key.
  if (!first) return part === 'keyed' ? 'TRUE' : 'FALSE';
  return `events.${first.column} IS ${part === 'keyed' ? 'NOT ' : ''}NULL`;
}
