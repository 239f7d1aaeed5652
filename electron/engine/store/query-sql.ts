/**
 * Turns an EventQuery into a parameterised WHERE and ORDER BY for the events table. User text is
 * only ever passed as a parameter, never spliced into SQL.
 */
import type { EventQuery, SortableColumn } from '../../../shared/model/query';
import { severityCode } from '../../../shared/model/severity';
import { searchCondition } from './search-sql';

export interface SqlFilter {
  where: string;
  params: (string | number)[];
}

const COLUMN_SQL: Readonly<Record<SortableColumn, string>> = {
  time: 'time_ms',
  level: 'level',
  provider: 'provider',
  eventId: 'event_id',
  category: 'category',
  computer: 'computer',
  user: 'user_name',
  message: 'message',
};

/**
 * Builds the filter; `includeLevels` false leaves out the level filter (for per-level counts). The
 * search box and the chips are read with the search syntax; terms it cannot read are left out (the
 * renderer shows why), so this never fails on what the user typed.
 */
export function buildFilter(query: EventQuery, includeLevels = true): SqlFilter {
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  const placeholder = (value: string | number): string => {
    params.push(value);
    return `$${params.length}`;
  };
  if (includeLevels && query.levels) {
    if (query.levels.length === 0) clauses.push('FALSE');
    else clauses.push(`level IN (${query.levels.map((level) => placeholder(severityCode(level))).join(', ')})`);
  }
  if (!query.showHidden) clauses.push('NOT kb_hidden');
  if (query.bookmarkedOnly) clauses.push('bookmark IS NOT NULL');
  if (query.from !== undefined) clauses.push(`time_ms >= ${placeholder(Math.trunc(query.from))}`);
  if (query.to !== undefined) clauses.push(`time_ms < ${placeholder(Math.trunc(query.to))}`);
  if (query.sourceIds) {
    if (query.sourceIds.length === 0) clauses.push('FALSE');
    else clauses.push(`source_id IN (${query.sourceIds.map((id) => placeholder(id)).join(', ')})`);
  }
  const text = query.text ? searchCondition(query.text, placeholder) : undefined;
  if (text) clauses.push(text);
  for (const chip of query.chips ?? []) {
    // An excluded chip's condition is never NULL, so NOT keeps every entry the chip does not match.
    const condition = searchCondition(chip.search, placeholder, chip.exclude);
    if (condition) clauses.push(chip.exclude ? `NOT (${condition})` : `(${condition})`);
  }
  return { where: clauses.length > 0 ? clauses.join(' AND ') : 'TRUE', params };
}

/** A sort key as a column of the events table. */
export interface SortColumn {
  column: string;
  direction: 'ASC' | 'DESC';
}

/** The query's sort keys, highest priority first; time ascending when it has none. */
export function sortColumns(query: EventQuery): SortColumn[] {
  return (query.sort ?? [{ column: 'time', direction: 'asc' }]).map((key) => ({
    column: COLUMN_SQL[key.column],
    direction: key.direction === 'desc' ? 'DESC' : 'ASC',
  }));
}

/** ORDER BY for the query; file order (id) always breaks ties so pages are stable. */
export function buildOrderBy(query: EventQuery): string {
  const keys = sortColumns(query).map(({ column, direction }) => `${column} ${direction} NULLS LAST`);
  return [...keys, 'id ASC'].join(', ');
}
