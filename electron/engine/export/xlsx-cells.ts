/**
 * The cells of the xlsx export: each column's typed value, text as a cell can hold it, and the
 * colours shared by the Entries and Summary sheets.
 */
import type ExcelJS from 'exceljs';
import type { ExportColumn } from '../../../shared/model/export';
import { SEVERITY_PALETTE, type Severity } from '../../../shared/model/severity';
import type { ExportRow } from './export-writer';
import { spreadsheetCellText } from './spreadsheet-text';

/**
 * A cell's value, typed: the time as a Date (UTC), ids and lines as numbers, the rest as text —
 * always a string cell, never a formula, and with a leading `'` where a spreadsheet would take it
 * for one on editing or when saved as CSV (spreadsheet-text.ts).
 */
export type XlsxValue = Date | number | string | null;

/** The value of one column of one row: the other table exports' text, typed where Excel has a type. */
export function xlsxValue(row: ExportRow, column: ExportColumn): XlsxValue {
  switch (column) {
    case 'time':
      return row.time !== null && Number.isFinite(new Date(row.time).getTime()) ? new Date(row.time) : null;
    case 'eventId':
      return row.eventId;
    case 'recordId':
      return row.recordId;
    case 'line':
      return row.line;
    default: {
      const text = spreadsheetCellText(row, column);
      return text === '' ? null : excelText(text); // an empty cell, not an empty string
    }
  }
}

/** Excel refuses cells longer than this (it reports the file as damaged). */
export const XLSX_CELL_LIMIT = 32_767;

/**
 * Text as a cell holds it: Excel's line break is a line feed (a carriage return would not survive
 * the XML), and a cell holds at most 32,767 characters, so longer text ends with a note.
 */
export function excelText(text: string): string {
  const value = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  if (value.length <= XLSX_CELL_LIMIT) return value;
  const note = ` … [cut at Excel's cell limit: ${(value.length - XLSX_CELL_LIMIT).toLocaleString('en-US')} more characters; export CSV or JSON lines for the whole text]`;
  let cut = XLSX_CELL_LIMIT - note.length;
  const code = value.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--; // do not split a surrogate pair
  return value.slice(0, cut) + note;
}

/** The grey of header rows. */
export const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8E8E8' } };

/** '#c62828' → 'FFC62828' (exceljs colours are ARGB). */
export function argb(hex: string): string {
  return `FF${hex.replace('#', '').toUpperCase()}`;
}

/** The row tint of a severity; none for a white background (same look, keeps Excel's grid lines). */
export function severityFill(severity: Severity): ExcelJS.Fill | undefined {
  const { background } = SEVERITY_PALETTE.light[severity];
  return background.toLowerCase() === '#ffffff' ? undefined : { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(background) } };
}
