/**
 * The event store: every entry of every source in one DuckDB table, off the V8 heap.
 *
 * Ingest workers spool batches to files that DuckDB bulk-loads on a writer connection; queries
 * run on a reader connection so a long load does not block the grid. Row ids follow arrival
 * order, which is the tie-breaker for stable paging.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBPreparedStatement } from '@duckdb/node-api';
import type { EventKb } from '../../../shared/model/kb';
import type { EventDetail, EventRow, ParsedEvent, SourceId } from '../../../shared/model/log-event';
import type { EventCounts, EventPage, EventQuery } from '../../../shared/model/query';
import type { RuleEntry } from '../../../shared/kb/matcher';
import type { Verdict } from '../../../shared/kb/rule-schema';
import { severityFromCode } from '../../../shared/model/severity';
import { SPOOL_COLUMNS, SPOOL_QUOTE, type SpooledBatch } from '../ingest/spool';
import { KB_RULES_SCHEMA, KbStore, kbFlagOf } from './kb-store';
import { DEFAULT_ORDERED_VIEW_OPTIONS, OrderedViews, type OrderedViewOptions, type StoreChanges } from './ordered-views';
import { buildFilter, buildOrderBy } from './query-sql';
import { queryCounts } from './count-query';
import { ResultCache } from './result-cache';

const SCHEMA = `
CREATE TABLE events (
  id BIGINT NOT NULL,
  source_id INTEGER NOT NULL,
  time_ms BIGINT,
  -- Shown level: the parsed one, or the one a KB rule gives instead.
  level UTINYINT NOT NULL,
  parsed_level UTINYINT NOT NULL,
  provider VARCHAR,
  event_id INTEGER,
  category VARCHAR,
  computer VARCHAR,
  user_name VARCHAR,
  channel VARCHAR,
  record_id BIGINT,
  message VARCHAR NOT NULL,
  data VARCHAR,
  raw VARCHAR NOT NULL,
  line INTEGER NOT NULL,
  unparsed BOOLEAN NOT NULL,
  unparsed_reason VARCHAR,
  -- The KB rule that matched, why its entries are shown anyway, and whether this one is hidden.
  kb_rule VARCHAR,
  kb_flag VARCHAR,
  kb_hidden BOOLEAN NOT NULL,
  -- The bookmark's comment ('' for none); NULL when the entry is not bookmarked.
  bookmark VARCHAR,
  -- Whether every searched column but the event data is found in the raw text (search-sql.ts searches only those two then).
  raw_covers BOOLEAN NOT NULL
)`;

/** Sources' file names, for `source:` search terms (the engine keeps the rest of what it knows of a source). */
const SOURCES_SCHEMA = 'CREATE TABLE sources (id INTEGER PRIMARY KEY, name VARCHAR NOT NULL)';

/** How much of the store DuckDB keeps in memory before spilling to disk. */
const DEFAULT_MEMORY_LIMIT = '1GB';

/** Longest spool line DuckDB will read (a 512 MB message), and the smallest read buffer asked for. */
const MAX_SPOOL_LINE = 512 * 1024 * 1024;
const MIN_SPOOL_BUFFER = 64 * 1024;

/** Filters whose counts are kept per store version (the grid, the facets and the timeline ask for a handful). */
const CACHED_COUNTS = 16;

/**
 * Sorted reads with a LIMIT up to this many rows sort only the sort keys and row ids, then fetch
 * the rest of the kept rows. DuckDB does so only up to 50 rows by default; a grid page is 200, and
 * carrying every column of millions of rows through the sort made a first page sorted by provider
 * take over a second.
 */
const LATE_MATERIALIZATION_ROWS = 5000;

/**
 * Whether the raw text holds every column a word search looks in but the event data (spool
 * columns; a message read from an offset is the raw text's tail). True for most text lines, false
 * for binary formats (their raw text is rendered later) and for escaped exports (JSON, CSV
 * quoting, XML entities). Event data is JSON, never found as such in the raw text.
 */
const RAW_COVERS_SQL = ['p', 'c', 'h', 'u', 'ch', 'm'].map((column) => `(${column} IS NULL OR contains(w, ${column}))`).join(' AND ');

const ROW_COLUMNS =
  'id, source_id, time_ms, level, provider, event_id, category, computer, user_name, message, unparsed, kb_rule, kb_flag, kb_hidden, bookmark';
const DETAIL_COLUMNS = `${ROW_COLUMNS}, channel, record_id, data, raw, line, unparsed_reason`;

/** Per-source facts the detail view needs but rows do not carry. */
export interface SourceLabel {
  file: string;
  format: string;
}

export class EventStore {
  private nextId = 0;
  private changeVersion = 0;
  /** The version of the last change that did more than append rows. */
  private rewriteVersion = 0;
  /** Loads run one at a time, so row ids follow arrival order. */
  private appending: Promise<void> = Promise.resolve();

  /** The knowledge base's columns and rules table. */
  readonly kb: KbStore;
  private afterStatement: DuckDBPreparedStatement | undefined;
  private afterChain: Promise<void> = Promise.resolve();
  /** Verdicts of the rules in force, for the rows' `kb` field. */
  private verdicts = new Map<string, Verdict>();
  /** The names in the sources table, so that registering an unchanged name writes nothing. */
  private readonly sourceNames = new Map<SourceId, string>();
  /** Answers of counts(), per store version and filter. */
  private readonly countCache = new ResultCache<EventCounts>(CACHED_COUNTS);
  /** Queries' orders written out once, for pages deep into them (ordered-views.ts). */
  readonly orderedViews: OrderedViews;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly writer: DuckDBConnection,
    private readonly reader: DuckDBConnection,
    private readonly spillDir: string,
    viewConnection: DuckDBConnection,
    viewOptions: OrderedViewOptions,
  ) {
    this.kb = new KbStore((work) => this.exclusive(work), reader);
    const changes = (): StoreChanges => ({ version: this.changeVersion, lastRewrite: this.rewriteVersion });
    this.orderedViews = new OrderedViews(viewConnection, changes, ROW_COLUMNS, viewOptions);
  }

  /** Puts KB rules in force: for inserts at once; loaded entries are classified again by the caller. */
  async setKbRules(entries: readonly RuleEntry[]): Promise<void> {
    this.verdicts = new Map(entries.map(({ rule }) => [rule.id, rule.verdict]));
    await this.kb.setRules(entries);
  }

  /**
   * Runs `work` on the writer connection, queued with loads so that writes never interleave.
   * `append` when it only stores new rows after the last one, which ordered views can take in.
   */
  private exclusive<T>(work: (writer: DuckDBConnection) => Promise<T>, change: 'append' | 'rewrite' = 'rewrite'): Promise<T> {
    const run = this.appending.then(() => work(this.writer));
    this.appending = run.then(
      () => {
        this.changeVersion++;
        if (change === 'rewrite') this.rewriteVersion = this.changeVersion;
      },
      () => undefined,
    );
    return run;
  }

  /**
   * An empty store. It holds its entries in memory up to `memoryLimit` (LOGSIFT_MEMORY_LIMIT, 1 GB
   * by default) and spills the rest to a private temporary folder, so that hours of live tailing or
   * a pile of large exports do not grow the process without bound.
   */
  static async create(
    memoryLimit = process.env.LOGSIFT_MEMORY_LIMIT ?? DEFAULT_MEMORY_LIMIT,
    viewOptions = DEFAULT_ORDERED_VIEW_OPTIONS,
  ): Promise<EventStore> {
    const spillDir = mkdtempSync(join(tmpdir(), 'logsift-store-'));
    const instance = await DuckDBInstance.create(':memory:', {
      memory_limit: memoryLimit,
      temp_directory: spillDir,
      late_materialization_max_rows: String(LATE_MATERIALIZATION_ROWS),
    }).catch((error: unknown) => {
      rmSync(spillDir, { recursive: true, force: true });
      throw error;
    });
    const writer = await instance.connect();
    await writer.run(SCHEMA);
    await writer.run(KB_RULES_SCHEMA);
    await writer.run(SOURCES_SCHEMA);
    const reader = await instance.connect();
    return new EventStore(instance, writer, reader, spillDir, await instance.connect(), viewOptions);
  }

  /** Increases whenever stored entries change; queries are only valid for one version. */
  get version(): number {
    return this.changeVersion;
  }

  /**
   * Bulk-loads a spool file written by an ingest worker. DuckDB parses it on its own threads;
   * row ids continue the arrival order (`i` is each row's position in the file).
   */
  appendSpooled(sourceId: SourceId, batch: SpooledBatch): Promise<void> {
    return this.appendSpooledMany([{ sourceId, batch }]);
  }

  /**
   * Bulk-loads several spool files (of one or more sources) in one statement, in the order given:
   * live tailing of many files sends many small batches, and each statement has a fixed cost.
   */
  appendSpooledMany(batches: readonly { sourceId: SourceId; batch: SpooledBatch; clockOffsetMs?: number }[]): Promise<void> {
    return this.exclusive(() => this.appendSpooledNow(batches), 'append');
  }

  private async appendSpooledNow(batches: readonly { sourceId: SourceId; batch: SpooledBatch; clockOffsetMs?: number }[]): Promise<void> {
    if (batches.length === 0) return;
    const columns = Object.entries(SPOOL_COLUMNS)
      .map(([name, type]) => `${name}: '${type}'`)
      .join(', ');
    // Paths are ours (the session's private folder), never taken from a log or the renderer.
    const quoted = (path: string): string => `'${path.replace(/'/g, "''")}'`;
    // Each file's rows get ids from its own base: bases (and sources, and the source's clock
    // offset, added to its times) come from a VALUES list joined on the file name read_csv reports.
    const files = batches.map(({ sourceId, batch, clockOffsetMs }) => {
      const base = this.nextId;
      this.nextId += batch.count;
      const offset = Number.isSafeInteger(clockOffsetMs) ? clockOffsetMs : 0;
      return `(${quoted(batch.path)}, ${sourceId}, ${base}, ${offset}::BIGINT)`;
    });
    const paths = batches.map(({ batch }) => quoted(batch.path)).join(', ');
    // No line is longer than its file. DuckDB sizes each file's read buffer from max_line_size, so
    // a generous fixed limit made a statement over hundreds of small files run out of memory.
    const maxLine = Math.min(MAX_SPOOL_LINE, Math.max(MIN_SPOOL_BUFFER, ...batches.map(({ batch }) => batch.bytes + 1)));
    // A rule's severity and hiding apply at once; burst and escalation flags follow (refreshKbFlags).
    await this.writer.run(
      `INSERT INTO events
       SELECT f.base + i, f.source_id, t + f.clock_offset, coalesce(kb.severity, l), l, p, e, c, h, u, ch, r, coalesce(m, substr(w, mo + 1)), d, w, n, x, y,
              kb.id, NULL, coalesce(kb.hide, false), NULL, ${RAW_COVERS_SQL}
       FROM read_csv([${paths}], delim = '\t', quote = '${SPOOL_QUOTE}', escape = '${SPOOL_QUOTE}', header = false, nullstr = '\\N',
                     allow_quoted_nulls = false, strict_mode = false, auto_detect = false, max_line_size = ${maxLine}, buffer_size = ${maxLine},
                     filename = true, columns = {${columns}}) AS s
       JOIN (VALUES ${files.join(', ')}) AS f(path, source_id, base, clock_offset) ON f.path = s.filename
       LEFT JOIN kb_rules kb ON kb.id = s.k`,
    );
  }

  async removeSource(sourceId: SourceId): Promise<void> {
    await this.writer.run('DELETE FROM events WHERE source_id = $1', [sourceId]);
    this.rewriteVersion = ++this.changeVersion;
  }

  /**
   * Records (or renames) a source's file name for `source:` searches. The engine calls it without
   * waiting, so it never rejects: a closed store has no searches left to answer.
   */
  async registerSource(sourceId: SourceId, name: string): Promise<void> {
    if (this.sourceNames.get(sourceId) === name) return;
    this.sourceNames.set(sourceId, name);
    await this.write('INSERT OR REPLACE INTO sources VALUES ($1, $2)', [sourceId, name]).catch(() => undefined);
  }

  /** Drops a closed source's name. */
  async forgetSource(sourceId: SourceId): Promise<void> {
    if (!this.sourceNames.delete(sourceId)) return;
    await this.write('DELETE FROM sources WHERE id = $1', [sourceId]).catch(() => undefined);
  }

  /** A window of the query's rows, in its order: through the query's ordered view when it has one or the offset is deep. */
  async page(query: EventQuery, offset: number, limit: number): Promise<EventPage> {
    const ordered = await this.orderedViews.page(query, offset, limit);
    if (ordered) return { rows: ordered.rows.map((row) => this.toEventRow(row)), total: ordered.total };
    const filter = buildFilter(query);
    const n = filter.params.length;
    const rowsReader = await this.reader.runAndReadAll(
      `SELECT ${ROW_COLUMNS} FROM events WHERE ${filter.where} ORDER BY ${buildOrderBy(query)} LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...filter.params, limit, offset],
    );
    return {
      rows: rowsReader.getRowObjectsJS().map((row) => this.toEventRow(row)),
      total: (await this.counts(query)).shown,
    };
  }

  /**
   * Counts for the status line: all entries, shown entries, per-level counts under the other
   * filters, and what the KB hides. Cached per store version and filter: a page's total is the
   * shown count, and the grid asks for the counts beside every first page.
   */
  counts(query: EventQuery): Promise<EventCounts> {
    const { sort: _sort, ...filter } = query;
    return this.countCache.get(`${this.changeVersion}\n${JSON.stringify(filter)}`, () => queryCounts(this, query));
  }

  /** One entry with everything known about it, or null when it no longer exists. */
  async get(id: number, labelOf: (sourceId: SourceId) => SourceLabel): Promise<EventDetail | null> {
    const reader = await this.reader.runAndReadAll(`SELECT ${DETAIL_COLUMNS} FROM events WHERE id = $1`, [id]);
    const row = reader.getRowObjectsJS()[0];
    return row ? this.toEventDetail(row, labelOf) : null;
  }

  /**
   * Entries stored after `id`, in arrival order, with everything known about them (live tailing);
   * `raw` only for unparsed rows (a parsed entry's fields say what it held, and reading its raw
   * text too doubled the cost of printing at high rates).
   */
  async after(id: number, limit: number, labelOf: (sourceId: SourceId) => SourceLabel): Promise<EventDetail[]> {
    // Prepared once: live tailing asks this after every store, and planning it each time cost more
    // than running it. Calls are chained so that one's binding never meets another's run.
    const run = this.afterChain.then(async () => {
      this.afterStatement ??= await this.reader.prepare(
        `SELECT ${ROW_COLUMNS}, channel, record_id, data, CASE WHEN unparsed THEN raw ELSE '' END AS raw, line, unparsed_reason
         FROM events WHERE id > $1 ORDER BY id LIMIT $2`,
      );
      this.afterStatement.bind([id, limit]);
      return this.afterStatement.runAndReadAll();
    });
    this.afterChain = run.then(
      () => undefined,
      () => undefined,
    );
    const reader = await run;
    return reader.getRowObjectsJS().map((row) => this.toEventDetail(row, labelOf));
  }

  /** The id of the newest stored row, or -1 when there is none. */
  async lastId(): Promise<number> {
    const reader = await this.reader.runAndReadAll('SELECT coalesce(max(id), -1) AS id FROM events');
    return Number(reader.getRowObjectsJS()[0]!.id);
  }

  /** Runs a read-only query on the reader connection (the triage views' counts). */
  async read(sql: string, params: (string | number)[] = []): Promise<Record<string, unknown>[]> {
    const reader = await this.reader.runAndReadAll(sql, params);
    return reader.getRowObjectsJS() as Record<string, unknown>[];
  }

  /** Runs a statement on the writer connection, queued with loads (bookmarks, clock offsets). */
  write(sql: string, params: (string | number)[] = []): Promise<void> {
    return this.exclusive(async (writer) => {
      await writer.run(sql, params);
    });
  }

  /** A connection of its own for a long read (an export), so the grid's queries are not held up. */
  connect(): Promise<DuckDBConnection> {
    return this.instance.connect();
  }

  /** An entry read with EXPORT_COLUMNS_SQL (or the detail columns) as the model has it. */
  toEventDetail(row: Record<string, unknown>, labelOf: (sourceId: SourceId) => SourceLabel): EventDetail {
    // Fields added one by one, not spread: live tailing converts tens of thousands a second, and
    // spreading made each entry a slow dictionary object.
    const detail = this.toEventRow(row) as EventDetail;
    const label = labelOf(detail.sourceId);
    detail.channel = (row.channel as string | null) ?? null;
    detail.recordId = row.record_id === null ? null : Number(row.record_id);
    detail.data = row.data === null ? null : (JSON.parse(row.data as string) as ParsedEvent['data']);
    detail.raw = row.raw as string;
    detail.line = Number(row.line);
    detail.file = label.file;
    detail.format = label.format;
    detail.unparsedReason = (row.unparsed_reason as string | null) ?? null;
    return detail;
  }

  close(): void {
    this.afterStatement?.destroySync();
    this.orderedViews.close();
    this.reader.closeSync();
    this.writer.closeSync();
    this.instance.closeSync();
    rmSync(this.spillDir, { recursive: true, force: true });
  }

  private toEventRow(row: Record<string, unknown>): EventRow {
    return {
      id: Number(row.id),
      sourceId: Number(row.source_id),
      time: row.time_ms === null ? null : Number(row.time_ms),
      level: severityFromCode(Number(row.level)),
      provider: (row.provider as string | null) ?? null,
      eventId: row.event_id === null ? null : Number(row.event_id),
      category: (row.category as string | null) ?? null,
      computer: (row.computer as string | null) ?? null,
      user: (row.user_name as string | null) ?? null,
      message: row.message as string,
      unparsed: row.unparsed === true,
      kb: this.kbOf(row),
      bookmark: (row.bookmark as string | null) ?? null,
    };
  }

  private kbOf(row: Record<string, unknown>): EventKb | null {
    const rule = (row.kb_rule as string | null) ?? null;
    const verdict = rule === null ? undefined : this.verdicts.get(rule);
    return rule === null || verdict === undefined ? null : { rule, verdict, hidden: row.kb_hidden === true, flag: kbFlagOf(row.kb_flag) };
  }
}
