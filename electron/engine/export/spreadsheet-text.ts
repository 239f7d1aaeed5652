/**
 * Text cells of the spreadsheet exports (CSV and xlsx), safe to open. A spreadsheet reads a cell
 * that starts with `=`, `+`, `-` or `@` as a formula — `=cmd|' /C calc'!A0` starts a program,
 * `=HYPERLINK(…)` sends data away — and Excel also when a tab or carriage return comes first.
 * Log text is written by whoever reaches the logged system, so such a cell gets a leading `'`,
 * which spreadsheets take as "this is text" (OWASP's advice for CSV injection). In xlsx the
 * cells are typed strings, never formulas, but Excel re-reads a cell as input when it is edited,
 * and xlsx files are often saved on as CSV: the same `'` keeps them text there too.
 *
 * Only text cells: numbers (event IDs, record IDs, lines) and times stay what they are, so a
 * negative event ID is still a number. Text that starts with `'` before such a character gets one
 * more `'`, so that restoreSpreadsheetText() gives back the exact text (Logsift reads its own CSV).
 */
import type { ExportColumn } from '../../../shared/model/export';
import { neutraliseFormula } from '../../../shared/text/spreadsheet-formula';
import { cellText } from './export-cells';
import type { ExportRow } from './export-writer';

/** Columns whose cells are numbers or ISO times, never free text: written as they are. */
const NUMERIC_COLUMNS: ReadonlySet<ExportColumn> = new Set(['eventId', 'recordId', 'line', 'time']);

/** A column's cell as text for a spreadsheet: the other exports' text, neutralised where it is free text. */
export function spreadsheetCellText(row: ExportRow, column: ExportColumn): string {
  const text = cellText(row, column);
  return NUMERIC_COLUMNS.has(column) ? text : neutraliseFormula(text);
}

export { neutraliseFormula, restoreSpreadsheetText } from '../../../shared/text/spreadsheet-formula';
