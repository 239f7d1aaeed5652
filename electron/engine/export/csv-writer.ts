/**
 * CSV as Excel, LibreOffice and pandas read it: RFC 4180 (comma, CRLF, every field quoted when it
 * holds a comma, quote or line break, quotes doubled), UTF-8 with an optional byte-order mark, times
 * in ISO 8601 UTC and the header saying so. Text that a spreadsheet would run as a formula starts
 * with `'` (spreadsheet-text.ts). Logsift reads its own exports back (logsift-csv format).
 */
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import { EXPORT_COLUMN_LABELS } from '../../../shared/model/export';
import { write, type ExportContext, type ExportRow, type ExportWriter } from './export-writer';
import { spreadsheetCellText } from './spreadsheet-text';

/** The header label of the time column: the zone is part of the data's meaning. */
export const CSV_TIME_HEADER = 'Time (UTC)';

export function csvWriter(): ExportWriter {
  let out: Writable;
  let context: ExportContext;
  const line = (fields: string[]): string => stringify([fields], { record_delimiter: '\r\n', quoted_match: /[\r\n]|^\s|\s$/ });
  return {
    async begin(stream, exportContext) {
      out = stream;
      context = exportContext;
      const header = context.columns.map((column) => (column === 'time' ? CSV_TIME_HEADER : EXPORT_COLUMN_LABELS[column]));
      await write(out, `${context.bom ? '\ufeff' : ''}${line(header)}`);
    },
    async rows(rows: readonly ExportRow[]) {
      const text = stringify(
        rows.map((row) => context.columns.map((column) => spreadsheetCellText(row, column))),
        { record_delimiter: '\r\n', quoted_match: /[\r\n]|^\s|\s$/ },
      );
      await write(out, text);
    },
    async end() {},
  };
}
