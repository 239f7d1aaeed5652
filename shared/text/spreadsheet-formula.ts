/**
 * The leading `'` that keeps a spreadsheet from reading a text cell as a formula (see
 * electron/engine/export/spreadsheet-text.ts), and its inverse: Logsift writes it into CSV and
 * xlsx exports and takes it off when it reads its own CSV back.
 */

/** Text a spreadsheet would take for a formula: `=`, `+`, `-`, `@`, tab or CR first, after any quotes. */
const FORMULA_START = /^'*[=+\-@\t\r]/;
/** A cell neutralised by neutraliseFormula(): one added quote, then what needed it. */
const NEUTRALISED = /^''*[=+\-@\t\r]/;

/** `text`, with a leading `'` when a spreadsheet would read it as a formula. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The exact text of a cell neutraliseFormula() wrote (a cell it left alone comes back as it is). */
export function restoreSpreadsheetText(cell: string): string {
  return NEUTRALISED.test(cell) ? cell.slice(1) : cell;
}
