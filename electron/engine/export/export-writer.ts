/**
 * What every export format implements. Rows come in the view's order, a few thousand at a time;
 * the writer streams them to `out` and never holds the whole export. The summary (counts, what
 * the KB hid and why, a timeline) is worked out by the store before the rows, so that a report
 * can put it first.
 */
import type { Writable } from 'node:stream';
import type { KbRule } from '../../../shared/kb/rule-schema';
import type { EventDetail } from '../../../shared/model/log-event';
import type { ExportColumn } from '../../../shared/model/export';
import type { EventQuery } from '../../../shared/model/query';
import type { Severity } from '../../../shared/model/severity';

/** One exported entry: everything known about it, with the KB's reason in words. */
export interface ExportRow extends EventDetail {
  /** The matching rule's reason ("…: shown: unusual volume"), or null when no rule matched. */
  kbReason: string | null;
}

export interface ExportSummary {
  /** Rows in the export. */
  rows: number;
  /** The filters of the view, in words, one per line ("Search: 10054", "Levels: Error, Warning"). */
  filters: string[];
  bySeverity: Partial<Record<Severity, number>>;
  bySource: { file: string; rows: number }[];
  /** Entries the KB hid under the view's other filters (not in the export unless shown), by rule. */
  hiddenByRule: { rule: KbRule; count: number }[];
  /** Rows per time bucket and severity, oldest first (empty when no row has a time). */
  timeline: { start: number; end: number; counts: Partial<Record<Severity, number>> }[];
  /** When the export was made (ms since epoch). */
  createdAt: number;
}

export interface ExportContext {
  columns: ExportColumn[];
  query: EventQuery;
  summary: ExportSummary;
  /** CSV only: write a UTF-8 byte-order mark first. */
  bom: boolean;
}

export interface ExportWriter {
  begin(out: Writable, context: ExportContext): Promise<void>;
  rows(rows: readonly ExportRow[]): Promise<void>;
  /** Finishes the document; the caller closes `out` afterwards. */
  end(): Promise<void>;
}

/** Writes text to a stream, waiting when it is full (bounded memory on any export size). */
export async function write(out: Writable, text: string): Promise<void> {
  // A stream that already failed never drains: say so instead of waiting for ever.
  if (out.destroyed || out.errored) throw out.errored ?? new Error('the output was closed');
  if (!out.write(text)) await new Promise<void>((resolve, reject) => {
    const done = (): void => {
      out.off('error', fail);
      resolve();
    };
    const fail = (error: Error): void => {
      out.off('drain', done);
      reject(error);
    };
    out.once('drain', done);
    out.once('error', fail);
  });
}
