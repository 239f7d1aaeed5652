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
import { severityFromCode } from '../../../shared/model/severity';
import { SPOOL_COLUMNS, type SpooledBatch } from '../ingest/spool';
import { buildFilter, buildOrderBy } from './query-sql';

const SCHEMA = `
CREATE TABLE events (
  id BIGINT NOT NULL,
  source_id INTEGER NOT NULL,
  time_ms BIGINT,
  level UTINYINT NOT NULL,
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
  unparsed_reason VARCHAR
)`;

const ROW_COLUMNS =
  'id, source_id, time_ms, level, provider, event_id, category, computer, user_name, message, unparsed';

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

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly writer: DuckDBConnection,
    private readonly reader: DuckDBConnection,
  ) {}

  static async create(): Promise<EventStore> {
    const instance = await DuckDBInstance.create(':memory:');
    const writer = await instance.connect();
    await writer.run(SCHEMA);
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
    const run = this.appending.then(() => this.appendSpooledNow(sourceId, batch));
    this.appending = run.catch(() => undefined);
    return run;
  }

  private async appendSpooledNow(sourceId: SourceId, batch: SpooledBatch): Promise<void> {
    const base = this.nextId;
    this.nextId += batch.count;
    const columns = Object.entries(SPOOL_COLUMNS)
      .map(([name, type]) => `${name}: '${type}'`)
      .join(', ');
    // The path is ours (the session's private folder), never taken from a log or the renderer.
    const path = batch.path.replace(/'/g, "''");
    await this.writer.run(
      `INSERT INTO events
       SELECT ${base} + i, ${sourceId}, t, l, p, e, c, h, u, ch, r, coalesce(m, substr(w, mo + 1)), d, w, n, x, y
       FROM read_csv('${path}', delim = '\t', quote = '"', escape = '"', header = false, nullstr = '\\N',
                     allow_quoted_nulls = false, strict_mode = false, max_line_size = 536870912, columns = {${columns}})`,
    );
    this.changeVersion++;
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
      rows: rowsReader.getRowObjectsJS().map(toEventRow),
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
    return { all, shown, byLevel };
  }

  /** One entry with everything known about it, or null when it no longer exists. */
  async get(id: number, labelOf: (sourceId: SourceId) => SourceLabel): Promise<EventDetail | null> {
    const reader = await this.reader.runAndReadAll(
      `SELECT ${ROW_COLUMNS}, channel, record_id, data, raw, line, unparsed_reason FROM events WHERE id = $1`,
      [id],
    );
    const row = reader.getRowObjectsJS()[0];
    if (!row) return null;
    const base = toEventRow(row);
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
}

function toEventRow(row: Record<string, unknown>): EventRow {
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
