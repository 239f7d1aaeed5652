/**
 * Runs exports: the view's summary and rows from the store, through the format's writer, into a
 * temporary file beside the target that is renamed into place only when complete — a cancelled or
 * failed export never leaves a half-written file under the chosen name. Progress is announced
 * as rows are written; an export can be cancelled by id.
 */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename } from 'node:path';
import { finished } from 'node:stream/promises';
import type { KbRule } from '../../../shared/kb/rule-schema';
import { SEVERITIES, SEVERITY_LABELS } from '../../../shared/model/severity';
import { kbReason } from '../../../shared/model/kb';
import type { ExportFormat, ExportProgress, ExportRequest, ExportResult } from '../../../shared/model/export';
import type { EventQuery } from '../../../shared/model/query';
import type { EventStore, SourceLabel } from '../store/event-store';
import { streamRows, summarize } from '../store/export-query';
import { csvWriter } from './csv-writer';
import type { ExportRow, ExportSummary, ExportWriter } from './export-writer';
import { htmlWriter } from './html-writer';
import { jsonlWriter } from './jsonl-writer';
import { xlsxWriter } from './xlsx-writer';

const WRITERS: Readonly<Record<ExportFormat, () => ExportWriter>> = { csv: csvWriter, jsonl: jsonlWriter, xlsx: xlsxWriter, html: htmlWriter };

/** Progress is announced at most this often. */
const PROGRESS_INTERVAL_MS = 200;

export class ExportCancelled extends Error {
  constructor() {
    super('Export cancelled');
    this.name = 'ExportCancelled';
  }
}

export interface ExportHost {
  store: EventStore;
  labelOf(sourceId: number): SourceLabel;
  rules(): ReadonlyMap<string, KbRule>;
  progress(progress: ExportProgress): void;
}

export class ExportService {
  private nextId = 1;
  private readonly cancelled = new Set<number>();

  constructor(private readonly host: ExportHost) {}

  /** Claims an id before the export starts, so that the caller can offer Cancel at once. */
  newId(): number {
    return this.nextId++;
  }

  cancel(exportId: number): void {
    this.cancelled.add(exportId);
  }

  async run(request: ExportRequest, target: string, exportId = this.newId()): Promise<ExportResult> {
    const { store } = this.host;
    const temporary = `${target}.part-${process.pid}-${exportId}`;
    const connection = await store.connect();
    const out = createWriteStream(temporary);
    // A file error (disk full, folder gone) must fail this export, not the process: writes see
    // `out.errored`, and `finished` below rejects with it.
    out.on('error', () => undefined);
    let rows = 0;
    let total = 0;
    let lastProgress = 0;
    const announce = (state: ExportProgress['state'], message: string | null = null): void =>
      this.host.progress({ exportId, rows, total, state, message });
    try {
      const summary = await this.summary(connection, request);
      total = summary.rows;
      const writer = WRITERS[request.format]();
      await writer.begin(out, { columns: request.columns, query: request.query, summary, bom: request.bom ?? false });
      announce('running');
      const rules = this.host.rules();
      for await (const chunk of streamRows(connection, request.query, request.ids)) {
        if (this.cancelled.has(exportId)) throw new ExportCancelled();
        const exportRows: ExportRow[] = chunk.map((raw) => {
          const detail = store.toEventDetail(raw, (sourceId) => this.host.labelOf(sourceId));
          const rule = detail.kb ? rules.get(detail.kb.rule) : undefined;
          return { ...detail, kbReason: rule && detail.kb ? kbReason(rule, detail.kb.flag) : null };
        });
        await writer.rows(exportRows);
        rows += exportRows.length;
        if (Date.now() - lastProgress > PROGRESS_INTERVAL_MS) {
          lastProgress = Date.now();
          announce('running');
        }
      }
      await writer.end();
      out.end();
      await finished(out);
      await rename(temporary, target);
      announce('done');
      return { path: target, fileName: basename(target), rows };
    } catch (error) {
      out.destroy();
      await rm(temporary, { force: true });
      announce(error instanceof ExportCancelled ? 'cancelled' : 'failed', error instanceof Error ? error.message : String(error));
      throw error;
    } finally {
      this.cancelled.delete(exportId);
      connection.closeSync();
    }
  }

  private async summary(connection: Awaited<ReturnType<EventStore['connect']>>, request: ExportRequest): Promise<ExportSummary> {
    const found = await summarize(connection, request.query, request.ids);
    const rules = this.host.rules();
    return {
      rows: found.rows,
      filters: describeQuery(request.query, request.ids),
      bySeverity: found.bySeverity,
      bySource: found.bySource.map(({ sourceId, rows }) => ({ file: this.host.labelOf(sourceId).file, rows })),
      hiddenByRule: found.hiddenByRule.flatMap(({ rule, count }) => {
        const known = rules.get(rule);
        return known ? [{ rule: known, count }] : [];
      }),
      timeline: found.timeline,
      createdAt: Date.now(),
    };
  }
}

/** The view's filters in words, for the report and the summary sheet. */
export function describeQuery(query: EventQuery, ids?: readonly number[]): string[] {
  const lines: string[] = [];
  if (query.text) lines.push(`Search: ${query.text}`);
  if (query.levels) lines.push(`Levels: ${SEVERITIES.filter((level) => query.levels!.includes(level)).map((level) => SEVERITY_LABELS[level]).join(', ') || 'none'}`);
  if (query.sourceIds) lines.push(`Files: ${query.sourceIds.length} selected`);
  if (query.sort) lines.push(`Sorted by: ${query.sort.map((key) => `${key.column} ${key.direction === 'desc' ? 'descending' : 'ascending'}`).join(', ')}`);
  else lines.push('Sorted by: time ascending');
  lines.push(query.showHidden ? 'Entries the knowledge base hides: included' : 'Entries the knowledge base hides: left out');
  if (ids) lines.push(`Only the ${ids.length} selected entries`);
  return lines;
}
