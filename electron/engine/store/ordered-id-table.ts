/**
 * A temporary table of row ids in a query's order, one part of an ordered view (ordered-views.ts).
 *
 * It is written in order and afterwards only appended to, so each id's rowid is its position: a
 * page is a rowid range, which DuckDB reads from the one row group holding it.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Statement } from './ordered-ids-sql';

export class OrderedIdTable {
  private constructor(
    private readonly connection: DuckDBConnection,
    /** Ours, numbered: nothing of a query reaches SQL but as parameters. */
    readonly name: string,
    /** Ids in it. */
    public total: number,
    /** The id at its last position (null when empty): appended rows must sort after it. */
    public lastId: number | null,
  ) {}

  /** Writes the ids `select` lists, in its order, to a new table; if that fails, no table is left. */
  static async create(connection: DuckDBConnection, name: string, select: Statement): Promise<OrderedIdTable> {
    const table = new OrderedIdTable(connection, name, 0, null);
    try {
      // DuckDB keeps the SELECT's order when it inserts (preserve_insertion_order).
      await connection.run(`CREATE TEMP TABLE ${name} AS ${select.sql}`, select.params);
      const reader = await connection.runAndReadAll(`SELECT count(*)::BIGINT AS n FROM ${name}`);
      await table.grew(Number(reader.getRowObjectsJS()[0]!.n));
      return table;
    } catch (error) {
      await table.drop().catch(() => undefined);
      throw error;
    }
  }

  /** Appends the ids `select` lists after those already there, in its order. */
  async append(select: Statement): Promise<void> {
    const result = await this.connection.run(`INSERT INTO ${this.name} ${select.sql}`, select.params);
    if (result.rowsChanged > 0) await this.grew(this.total + result.rowsChanged);
  }

  /** The ids at positions `from` (included) to `to` (excluded). */
  async ids(from: number, to: number): Promise<number[]> {
    if (to <= from) return [];
    const reader = await this.connection.runAndReadAll(`SELECT id FROM ${this.name} WHERE rowid >= $1 AND rowid < $2 ORDER BY rowid`, [from, to]);
    return reader.getRowObjectsJS().map((row) => Number(row.id));
  }

  async drop(): Promise<void> {
    await this.connection.run(`DROP TABLE IF EXISTS ${this.name}`);
  }

  private async grew(total: number): Promise<void> {
    const [lastId] = await this.ids(total - 1, total);
    this.total = total;
    this.lastId = lastId ?? null;
  }
}
