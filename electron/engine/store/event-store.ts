/**
 * The event store: every entry of every source in one DuckDB table, off the V8 heap.
 *
 * Ingest workers spool batches to files that DuckDB bulk-loads on a writer connection; queries
 * run on a reader connection so a long load does not block the grid. Row ids follow arrival
 * order, which is the tie-breaker for stable paging.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { EventDetail, EventRow, ParsedEvent, SourceId } from '../../../shared/model/log-event';
import type { EventCounts, EventPage, EventQuery } from '../../../shared/model/query';
import type { RuleEntry } from '../../../shared/kb/matcher';
import type { Verdict } from '../../../shared/kb/rule-schema';
import { severityFromCode } from '../../../shared/model/severity';
import { SPOOL_COLUMNS, SPOOL_QUOTE, type SpooledBatch } from '../ingest/spool';
import { KB_RULES_SCHEMA, KbStore, kbFlagOf } from './kb-store';
import { buildFilter, buildOrderBy } from './query-sql';

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
  kb_hidden BOOLEAN NOT NULL
)`;

const ROW_COLUMNS =
  'id, source_id, time_ms, level, provider, event_id, category, computer, user_name, message, unparsed, kb_rule, kb_flag, kb_hidden';
const DETAIL_COLUMNS = `${ROW_COLUMNS}, channel, record_id, data, raw, line, unparsed_reason`;

/** Per-source facts the detail view needs but rows do not carry. */
export interface SourceLabel {
  file: string;
  format: string;
}

export class EventStore {
  private nextId = 0;
  private changeVersion = 0;
  /** Loads run one at a time, so row ids follow arrival order. */
  private appending: Promise<void> = Promise.resolve();

  /** The knowledge base's columns and rules table. */
  readonly kb: KbStore;
  /** Verdicts of the rules in force, for the rows' `kb` field. */
  private verdicts = new Map<string, Verdict>();

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly writer: DuckDBConnection,
    private readonly reader: DuckDBConnection,
  ) {
    this.kb = new KbStore((work) => this.exclusive(work), reader);
  }

  /** Puts KB rules in force: for inserts at once; loaded entries are classified again by the caller. */
  async setKbRules(entries: readonly RuleEntry[]): Promise<void> {
    this.verdicts = new Map(entries.map(({ rule }) => [rule.id, rule.verdict]));
    await this.kb.setRules(entries);
  }

  /** Runs `work` on the writer connection, queued with loads so that writes never interleave. */
  private exclusive<T>(work: (writer: DuckDBConnection) => Promise<T>): Promise<T> {
    const run = this.appending.then(() => work(this.writer));
    this.appending = run.then(
      () => {
        this.changeVersion++;
      },
      () => undefined,
    );
    return run;
  }

  static async create(): Promise<EventStore> {
    const instance = await DuckDBInstance.create(':memory:');
    const writer = await instance.connect();
    await writer.run(SCHEMA);
    await writer.run(KB_RULES_SCHEMA);
    const reader = await instance.connect();
    return new EventStore(instance, writer, reader);
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
    return this.exclusive(() => this.appendSpooledNow(sourceId, batch));
  }

  private async appendSpooledNow(sourceId: SourceId, batch: SpooledBatch): Promise<void> {
    const base = this.nextId;
    this.nextId += batch.count;
    const columns = Object.entries(SPOOL_COLUMNS)
      .map(([name, type]) => `${name}: '${type}'`)
      .join(', ');
    // The path is ours (the session's private folder), never taken from a log or the renderer.
    const path = batch.path.replace(/'/g, "''");
    // A rule's severity and hiding apply at once; burst and escalation flags follow (refreshKbFlags).
    await this.writer.run(
      `INSERT INTO events
       SELECT ${base} + i, ${sourceId}, t, coalesce(kb.severity, l), l, p, e, c, h, u, ch, r, coalesce(m, substr(w, mo + 1)), d, w, n, x, y,
              kb.id, NULL, coalesce(kb.hide, false)
       FROM read_csv('${path}', delim = '\t', quote = '${SPOOL_QUOTE}', escape = '${SPOOL_QUOTE}', header = false, nullstr = '\\N',
                     allow_quoted_nulls = false, strict_mode = false, auto_detect = false, max_line_size = 536870912, columns = {${columns}})
       LEFT JOIN kb_rules kb ON kb.id = k`,
    );
  }

  async removeSource(sourceId: SourceId): Promise<void> {
    await this.writer.run('DELETE FROM events WHERE source_id = $1', [sourceId]);
    this.changeVersion++;
  }

  /** A window of the query's rows, in its order. */
  async page(query: EventQuery, offset: number, limit: number): Promise<EventPage> {
    const filter = buildFilter(query);
    const n = filter.params.length;
    const rowsReader = await this.reader.runAndReadAll(
      `SELECT ${ROW_COLUMNS} FROM events WHERE ${filter.where} ORDER BY ${buildOrderBy(query)} LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...filter.params, limit, offset],
    );
    const totalReader = await this.reader.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM events WHERE ${filter.where}`, filter.params);
    return {
      rows: rowsReader.getRowObjectsJS().map((row) => this.toEventRow(row)),
      total: Number(totalReader.getRowObjectsJS()[0]?.n ?? 0),
    };
  }

  /** Counts for the status line: all entries, shown entries, and per-level counts under the other filters. */
  async counts(query: EventQuery): Promise<EventCounts> {
    const filter = buildFilter(query, false);
    // One statement, so "shown" and "all" come from the same snapshot while a file loads.
    const reader = await this.reader.runAndReadAll(
      `SELECT level, (count(*) FILTER (WHERE ${filter.where}))::INTEGER AS n, count(*)::INTEGER AS everything FROM events GROUP BY level`,
      filter.params,
    );
    const byLevel: EventCounts['byLevel'] = {};
    let shown = 0;
    let all = 0;
    for (const row of reader.getRowObjectsJS()) {
      const level = severityFromCode(Number(row.level));
      const count = Number(row.n);
      all += Number(row.everything);
      if (count === 0) continue;
      byLevel[level] = count;
      if (!query.levels || query.levels.includes(level)) shown += count;
    }
    // What the KB hides under the other filters (levels included), whether or not it is shown.
    const hiddenFilter = buildFilter({ ...query, showHidden: true });
    const hiddenReader = await this.reader.runAndReadAll(
      `SELECT kb_rule, count(*)::INTEGER AS n FROM events WHERE kb_hidden AND ${hiddenFilter.where} GROUP BY kb_rule`,
      hiddenFilter.params,
    );
    const hiddenByRule: Record<string, number> = {};
    let hidden = 0;
    for (const row of hiddenReader.getRowObjectsJS()) {
      hiddenByRule[row.kb_rule as string] = Number(row.n);
      hidden += Number(row.n);
    }
    return { all, shown, byLevel, hidden, hiddenByRule };
  }

  /** One entry with everything known about it, or null when it no longer exists. */
  async get(id: number, labelOf: (sourceId: SourceId) => SourceLabel): Promise<EventDetail | null> {
    const reader = await this.reader.runAndReadAll(`SELECT ${DETAIL_COLUMNS} FROM events WHERE id = $1`, [id]);
    const row = reader.getRowObjectsJS()[0];
    return row ? this.toEventDetail(row, labelOf) : null;
  }

  /** Entries stored after `id`, in arrival order, with everything known about them (live tailing). */
  async after(id: number, limit: number, labelOf: (sourceId: SourceId) => SourceLabel): Promise<EventDetail[]> {
    const reader = await this.reader.runAndReadAll(`SELECT ${DETAIL_COLUMNS} FROM events WHERE id > $1 ORDER BY id LIMIT $2`, [id, limit]);
    return reader.getRowObjectsJS().map((row) => this.toEventDetail(row, labelOf));
  }

  /** A connection of its own for a long read (an export), so the grid's queries are not held up. */
  connect(): Promise<DuckDBConnection> {
    return this.instance.connect();
  }

  /** An entry read with EXPORT_COLUMNS_SQL (or the detail columns) as the model has it. */
  toEventDetail(row: Record<string, unknown>, labelOf: (sourceId: SourceId) => SourceLabel): EventDetail {
    const base = this.toEventRow(row);
    const label = labelOf(base.sourceId);
    return {
      ...base,
      channel: (row.channel as string | null) ?? null,
      recordId: row.record_id === null ? null : Number(row.record_id),
      data: row.data === null ? null : (JSON.parse(row.data as string) as ParsedEvent['data']),
      raw: row.raw as string,
      line: Number(row.line),
      file: label.file,
      format: label.format,
      unparsedReason: (row.unparsed_reason as string | null) ?? null,
    };
  }

  close(): void {
    this.reader.closeSync();
    this.writer.closeSync();
    this.instance.closeSync();
  }

  private toEventRow(row: Record<string, unknown>): EventRow {
    const rule = (row.kb_rule as string | null) ?? null;
    const verdict = rule === null ? undefined : this.verdicts.get(rule);
    return {
      ...rowColumns(row),
      kb: rule === null || verdict === undefined ? null : { rule, verdict, hidden: row.kb_hidden === true, flag: kbFlagOf(row.kb_flag) },
    };
  }
}

function rowColumns(row: Record<string, unknown>): Omit<EventRow, 'kb'> {
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
  };
}
