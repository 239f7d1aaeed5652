/**
 * Turns an EventQuery into a parameterised WHERE and ORDER BY for the events table. User text is
 * only ever passed as a parameter, never spliced into SQL.
 */
import type { EventQuery, SortableColumn } from '../../../shared/model/query';
import { severityCode } from '../../../shared/model/severity';

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

/** The text search looks in every column a user would read, event data (insertion strings) included. */
const SEARCHED_COLUMNS = ['message', 'provider', 'category', 'computer', 'user_name', 'channel', 'data', 'raw'];

/** Builds the filter; `includeLevels` false leaves out the level filter (for per-level counts). */
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
  if (query.from !== undefined) clauses.push(`time_ms >= ${placeholder(Math.trunc(query.from))}`);
  if (query.to !== undefined) clauses.push(`time_ms < ${placeholder(Math.trunc(query.to))}`);
  if (query.sourceIds) {
    if (query.sourceIds.length === 0) clauses.push('FALSE');
    else clauses.push(`source_id IN (${query.sourceIds.map((id) => placeholder(id)).join(', ')})`);
  }
  const text = query.text?.trim();
  if (text) {
    const pattern = placeholder(`%${escapeLike(text)}%`);
    clauses.push(`(${SEARCHED_COLUMNS.map((column) => `${column} ILIKE ${pattern} ESCAPE '\\'`).join(' OR ')})`);
  }
  return { where: clauses.length > 0 ? clauses.join(' AND ') : 'TRUE', params };
}

/** ORDER BY for the query; file order (id) always breaks ties so pages are stable. */
export function buildOrderBy(query: EventQuery): string {
  const keys = (query.sort ?? [{ column: 'time', direction: 'asc' }]).map(
    (key) => `${COLUMN_SQL[key.column]} ${key.direction === 'desc' ? 'DESC' : 'ASC'} NULLS LAST`,
  );
  return [...keys, 'id ASC'].join(', ');
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
