/**
 * Per-query materialised ordering, for deep scrolling.
 *
 * DuckDB answers `ORDER BY … LIMIT 200 OFFSET n` with a top-N of n + 200 rows, which past a few
 * thousand rows turns into a sort of every matching row on every request (5 to 10 s at 5 million).
 * When a page is asked at or past `deepOffset`, the query's row ids are written once, in order, to
 * temporary tables where each id's rowid is its position (ordered-id-table.ts); that page and every
 * later one of the query, shallow ones too, are then rowid ranges and a lookup of ~200 rows by id.
 *
 * A view holds for one store version. Live tailing changes the version several times a second, but
 * only by storing new rows: when those sort after the view's rows (the newest entries, in time
 * order), they are appended to it. After any other change (rows removed, reclassified, bookmarked),
 * or new rows sorting among the view's, the next deep page builds the view again. Only deep pages
 * build, so queries nobody scrolls far into cost nothing, and the first pages of a query never
 * wait for a build.
 *
 * Temporary tables belong to the connection that made them, so the views have a connection of
 * their own, and its work runs one request at a time: no page reads a table being built, extended
 * or dropped.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { EventQuery } from '../../../shared/model/query';
import { appendedIdsSelect, firstOfAppendedSelect, orderedIdsSelect, viewKey, type ViewPart } from './ordered-ids-sql';
import { OrderedIdTable } from './ordered-id-table';
import { readRowsById } from './rows-by-id';

export interface OrderedViewOptions {
  /** The offset from which a page builds its query's view; until then the query's pages read the table directly. */
  deepOffset: number;
  /** Views kept at once; the least recently used is dropped first. */
  capacity: number;
}

/**
 * Past about 5,000 rows (offset plus limit, at 1 and 5 million entries), DuckDB's top-N sorts
 * everything and a page takes seconds; below, a page costs tens of milliseconds, less than
 * building a view of millions of rows, which live tailing could make it do again and again.
 */
export const DEFAULT_ORDERED_VIEW_OPTIONS: OrderedViewOptions = { deepOffset: 2_000, capacity: 3 };

/** What the views need to know of the store's changes. */
export interface StoreChanges {
  /** Grows with every change of the stored entries. */
  version: number;
  /** The version of the last change that did more than store new rows. */
  lastRewrite: number;
}

interface OrderedView {
  /** Rows whose first sort key has a value, then the others (see ordered-ids-sql.ts). */
  parts: Record<ViewPart, OrderedIdTable>;
  /** The store version it holds for. */
  version: number;
  /** The newest row id it took in; rows after it were stored since. */
  coversUpTo: number;
}

const PARTS: readonly ViewPart[] = ['keyed', 'unkeyed'];

/** Rows as read with the columns given to OrderedViews, and the query's total. */
export interface OrderedPage {
  rows: Record<string, unknown>[];
  total: number;
}

export class OrderedViews {
  /** By viewKey, least recently used first: a Map keeps insertion order. */
  private readonly views = new Map<string, OrderedView>();
  /** The connection's work so far: each request waits for the one before. */
  private work: Promise<unknown> = Promise.resolve();
  private viewsMade = 0;

  constructor(
    private readonly connection: DuckDBConnection,
    private readonly changes: () => StoreChanges,
    /** What pages read of each row (must include `id`). */
    private readonly columns: string,
    private readonly options: OrderedViewOptions = DEFAULT_ORDERED_VIEW_OPTIONS,
  ) {}

  /**
   * A window of the query's rows, read through its view; undefined when the query has no view that
   * is or can be brought up to date and the offset is shallow. The caller then reads the table
   * itself, at once, instead of queueing behind a build (of this query or another).
   */
  page(query: EventQuery, offset: number, limit: number): Promise<OrderedPage | undefined> {
    const key = viewKey(query);
    const deep = offset >= this.options.deepOffset;
    if (!deep && !this.extendable(this.views.get(key))) return Promise.resolve(undefined);
    return this.serially(async () => {
      // Looked up again: the store may have changed while earlier work ran.
      const view = (await this.upToDate(key, query)) ?? (deep ? await this.build(key, query) : undefined);
      if (!view) return undefined;
      this.views.delete(key);
      this.views.set(key, view);
      const { keyed, unkeyed } = view.parts;
      const end = offset + limit;
      const ids = [
        ...(await keyed.ids(offset, Math.min(end, keyed.total))),
        ...(await unkeyed.ids(Math.max(offset - keyed.total, 0), end - keyed.total)),
      ];
      return { rows: await readRowsById(this.connection, this.columns, ids), total: keyed.total + unkeyed.total };
    });
  }

  /** The temporary tables holding views now, by name. */
  tables(): Promise<string[]> {
    return this.serially(async () => {
      const reader = await this.connection.runAndReadAll(
        `SELECT table_name FROM duckdb_tables() WHERE temporary AND starts_with(table_name, 'ordered_view_') ORDER BY table_name`,
      );
      return reader.getRowObjectsJS().map((row) => String(row.table_name));
    });
  }

  close(): void {
    this.connection.closeSync();
  }

  /** Whether nothing but new rows changed since the view was made. */
  private extendable(view: OrderedView | undefined): view is OrderedView {
    return view !== undefined && view.version >= this.changes().lastRewrite;
  }

  /** The query's view, current or brought up to date with the rows stored since; undefined when it needs building. */
  private async upToDate(key: string, query: EventQuery): Promise<OrderedView | undefined> {
    const view = this.views.get(key);
    // Read before looking at the rows: a change ending meanwhile can make the view look older
    // than what it holds (and be looked at again), never newer.
    const { version } = this.changes();
    if (!this.extendable(view)) return undefined;
    if (view.version === version) return view;
    const lastStored = await this.lastStoredId();
    if (lastStored === view.coversUpTo) return Object.assign(view, { version });
    for (const part of PARTS) {
      const { lastId } = view.parts[part];
      if (lastId === null) continue;
      const [first] = await this.readIds(firstOfAppendedSelect(query, part, lastId, view.coversUpTo, lastStored));
      if (first === lastId) continue;
      // A stored row sorts among the view's: it can only be built again, so its memory goes now.
      await this.drop(key);
      return undefined;
    }
    try {
      for (const part of PARTS) await view.parts[part].append(appendedIdsSelect(query, part, view.coversUpTo, lastStored));
    } catch (error) {
      // One part may have taken its rows in and not the other.
      await this.drop(key);
      throw error;
    }
    return Object.assign(view, { version, coversUpTo: lastStored });
  }

  private async build(key: string, query: EventQuery): Promise<OrderedView> {
    const { version, lastRewrite } = this.changes();
    // Views that can never be brought up to date again give their memory back first, and so does
    // this query's own old one.
    for (const [otherKey, view] of this.views) if (otherKey === key || view.version < lastRewrite) await this.drop(otherKey);
    // Rows are only ever stored after the largest id: the view takes in everything up to it, and
    // what is stored later can be appended to it.
    const coversUpTo = await this.lastStoredId();
    const name = `ordered_view_${++this.viewsMade}`;
    const keyed = await OrderedIdTable.create(this.connection, `${name}_keyed`, orderedIdsSelect(query, 'keyed', coversUpTo));
    const unkeyed = await OrderedIdTable.create(this.connection, `${name}_unkeyed`, orderedIdsSelect(query, 'unkeyed', coversUpTo)).catch(
      async (error: unknown) => {
        await keyed.drop().catch(() => undefined);
        throw error;
      },
    );
    const view = { parts: { keyed, unkeyed }, version, coversUpTo };
    this.views.set(key, view);
    while (this.views.size > Math.max(1, this.options.capacity)) await this.drop(this.views.keys().next().value!);
    return view;
  }

  private async drop(key: string): Promise<void> {
    const view = this.views.get(key);
    if (!view) return;
    this.views.delete(key);
    for (const part of PARTS) await view.parts[part].drop();
  }

  private async lastStoredId(): Promise<number> {
    const [id] = await this.readIds({ sql: 'SELECT coalesce(max(id), -1)::BIGINT AS id FROM events', params: [] });
    return id!;
  }

  private async readIds({ sql, params }: { sql: string; params: (string | number)[] }): Promise<number[]> {
    const reader = await this.connection.runAndReadAll(sql, params);
    return reader.getRowObjectsJS().map((row) => Number(row.id));
  }

  private serially<T>(task: () => Promise<T>): Promise<T> {
    const run = this.work.then(task);
    this.work = run.catch(() => undefined);
    return run;
  }
}
