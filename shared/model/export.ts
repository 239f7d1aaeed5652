/** Exporting the current view: the same query the grid runs, streamed to a file. */
import type { EventQuery } from './query';

export const EXPORT_FORMATS = ['csv', 'jsonl', 'xlsx', 'html'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_FORMAT_LABELS: Readonly<Record<ExportFormat, string>> = {
  csv: 'CSV (Excel, LibreOffice, pandas)',
  jsonl: 'JSON lines (every field)',
  xlsx: 'Excel workbook (.xlsx)',
  html: 'HTML triage report',
};

/** Columns a table export can carry, in the grid's vocabulary. */
export const EXPORT_COLUMNS = ['time', 'level', 'provider', 'eventId', 'category', 'computer', 'user', 'message', 'kb', 'bookmark', 'channel', 'recordId', 'file', 'line'] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

export const EXPORT_COLUMN_LABELS: Readonly<Record<ExportColumn, string>> = {
  time: 'Time',
  level: 'Level',
  provider: 'Source',
  eventId: 'Event ID',
  category: 'Category',
  computer: 'Computer',
  user: 'User',
  message: 'Message',
  kb: 'KB',
  bookmark: 'Bookmark',
  channel: 'Channel',
  recordId: 'Record ID',
  file: 'File',
  line: 'Line',
};

export interface ExportRequest {
  /** The view: filters, search, sort, and whether the KB's hidden rows are shown. */
  query: EventQuery;
  format: ExportFormat;
  /** Columns of table formats (CSV, xlsx, HTML), in order; JSON lines carry every field. */
  columns: ExportColumn[];
  /** Only these rows (the selection), in the view's order; absent: the whole view. */
  ids?: number[];
  /** CSV: start with a UTF-8 byte-order mark (Excel on Windows needs it to read UTF-8). */
  bom?: boolean;
}

export interface ExportResult {
  /** Where the file was written (the server's temp folder in browser mode). */
  path: string;
  fileName: string;
  rows: number;
  /** Browser mode: where the page downloads the file from (same origin, token cookie). */
  downloadUrl?: string;
}

export interface ExportProgress {
  exportId: number;
  rows: number;
  total: number;
  state: 'running' | 'done' | 'cancelled' | 'failed';
  message: string | null;
}

/** The extension of each format's files. */
export const EXPORT_EXTENSIONS: Readonly<Record<ExportFormat, string>> = { csv: 'csv', jsonl: 'jsonl', xlsx: 'xlsx', html: 'html' };

/** A default file name: logsift-export-2026-11-26T09-30-00.csv. */
export function exportFileName(format: ExportFormat, now = new Date()): string {
  return `logsift-export-${now.toISOString().slice(0, 19).replace(/:/g, '-')}.${EXPORT_EXTENSIONS[format]}`;
}
