/**
 * Reads entries by id, in the order asked: a page whose ids come from an ordered view.
 *
 * The events table has no index, but its rows are stored in id order, so DuckDB's zone maps skip
 * every row group outside an `id BETWEEN` range, and only the rows inside it are read; an `IN`
 * list alone reads every column of every row (1 to 2 s at 5 million rows, the table partly
 * spilled to disk). A page's ids mostly lie close together (time order; ties broken by id), and
 * are read as one range; ids far apart (a sort by message, entries without a time) are read as
 * ranges of their own, each a few milliseconds.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * Rows between two ids from which they are read as separate ranges: a range costs about 3 ms
 * however narrow, and about as much again per 30,000 rows it spans (5 million rows, 1 GB limit).
 */
const SPLIT_GAP = 32_768;

export interface IdRange {
  first: number;
  last: number;
  /** The ids in the range, ascending. */
  ids: number[];
}

/** Splits ids (in any order) into ascending ranges wherever two are more than `minGap` apart. */
export function idRanges(ids: readonly number[], minGap = SPLIT_GAP): IdRange[] {
  const sorted = [...ids].sort((a, b) => a - b);
  const ranges: IdRange[] = [];
  for (const id of sorted) {
    const last = ranges.at(-1);
    if (last && id - last.last <= minGap) {
      last.last = id;
      last.ids.push(id);
    } else {
      ranges.push({ first: id, last: id, ids: [id] });
    }
  }
  return ranges;
}

/** The events with these ids, as `columns` (which must include `id`), in the order of `ids`; ids no longer stored are left out. */
export async function readRowsById(connection: DuckDBConnection, columns: string, ids: readonly number[]): Promise<Record<string, unknown>[]> {
  if (ids.length === 0) return [];
  const params: number[] = [];
  const placeholder = (value: number): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const selects = idRanges(ids).map(
    ({ first, last, ids: inRange }) =>
      `SELECT ${columns} FROM events WHERE id BETWEEN ${placeholder(first)} AND ${placeholder(last)} AND id IN (${inRange.map(placeholder).join(', ')})`,
  );
  const reader = await connection.runAndReadAll(selects.join(' UNION ALL '), params);
  const byId = new Map(reader.getRowObjectsJS().map((row) => [Number(row.id), row]));
  const rows: Record<string, unknown>[] = [];
  for (const id of ids) {
    const row = byId.get(id);
    if (row) rows.push(row);
  }
  return rows;
}
