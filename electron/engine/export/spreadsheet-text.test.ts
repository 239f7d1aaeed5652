import { createWriteStream, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ExportColumn } from '../../../shared/model/export';
import { csvWriter } from './csv-writer';
import { exportTestContext, exportTestRows } from './export-test-rows';
import type { ExportRow, ExportWriter } from './export-writer';
import { neutraliseFormula, restoreSpreadsheetText, spreadsheetCellText } from './spreadsheet-text';
import { xlsxWriter } from './xlsx-writer';

/** Cells a spreadsheet would run: DDE, arithmetic, functions, and a tab or CR before the `=`. */
const FORMULAS = [`=cmd|' /C calc'!A0`, `+1+cmd|' /C calc'!A0`, `-2+3+cmd|' /C calc'!A0`, `@SUM(1+1)*cmd|' /C calc'!A0`, '\t=1+1', '\r=1+1', `=HYPERLINK("http://127.0.0.1:9/x","click")`];

describe('neutraliseFormula', () => {
  it('puts a quote before text a spreadsheet would take for a formula', () => {
    for (const formula of FORMULAS) expect(neutraliseFormula(formula)).toBe(`'${formula}`);
  });

  it('leaves other text alone, formula characters later in the text included', () => {
    for (const text of ['', 'Disk full', ' =not first', 'a=b', '1-2', "'quoted", '(1)', '★', 'C:\\Logs\\app.log']) expect(neutraliseFormula(text)).toBe(text);
  });

  it('adds one more quote to text that already starts with quotes before a formula character', () => {
    expect(neutraliseFormula("'=1+1")).toBe("''=1+1");
    expect(neutraliseFormula("''-x")).toBe("'''-x");
  });

  it('is undone by restoreSpreadsheetText, exactly, for any text', () => {
    for (const text of [...FORMULAS, "'=1+1", "''@x", "'plain", 'plain', '', "'", '-', '=']) {
      expect(restoreSpreadsheetText(neutraliseFormula(text))).toBe(text);
    }
  });
});

/** A row whose every text column starts like a formula, with a negative event ID. */
function formulaRow(): ExportRow {
  const [base] = exportTestRows();
  return {
    ...base!,
    provider: FORMULAS[0]!,
    category: FORMULAS[1]!,
    computer: FORMULAS[2]!,
    user: FORMULAS[3]!,
    message: FORMULAS[6]!,
    bookmark: '-see ticket',
    file: '@evil.log',
    eventId: -5,
    recordId: 7,
  };
}

const COLUMNS: ExportColumn[] = ['time', 'level', 'provider', 'eventId', 'category', 'computer', 'user', 'message', 'bookmark', 'file', 'recordId', 'line'];

async function writeWith(writer: ExportWriter, path: string, rows: ExportRow[]): Promise<void> {
  const out = createWriteStream(path);
  await writer.begin(out, exportTestContext(rows, COLUMNS));
  await writer.rows(rows);
  await writer.end();
  out.end();
  await finished(out);
}

describe('spreadsheetCellText', () => {
  it('neutralises text columns and leaves numbers and times as they are', () => {
    const row = formulaRow();
    expect(spreadsheetCellText(row, 'provider')).toBe(`'${FORMULAS[0]}`);
    expect(spreadsheetCellText(row, 'file')).toBe("'@evil.log");
    expect(spreadsheetCellText(row, 'eventId')).toBe('-5');
    expect(spreadsheetCellText(row, 'time')).toBe(new Date(row.time!).toISOString());
  });
});

describe('spreadsheet exports of formula-like text', () => {
  const folder = mkdtempSync(join(tmpdir(), 'logsift-formula-'));

  it('CSV: every text cell that starts like a formula starts with a quote; numbers stay numbers', async () => {
    const path = join(folder, 'formulas.csv');
    await writeWith(csvWriter(), path, [formulaRow()]);
    const [header, cells] = parse(readFileSync(path, 'utf8'), { relax_quotes: true }) as string[][];
    const cell = (column: ExportColumn): string => cells![COLUMNS.indexOf(column)]!;
    expect(header).toHaveLength(COLUMNS.length);
    for (const column of ['provider', 'category', 'computer', 'user', 'message', 'bookmark', 'file'] as const) {
      expect(cell(column).startsWith("'"), column).toBe(true);
      expect(restoreSpreadsheetText(cell(column))).toBe(spreadsheetCellText(formulaRow(), column).slice(1));
    }
    expect(cell('eventId')).toBe('-5');
    expect(cell('recordId')).toBe('7');
  });

  it('CSV: a tab or carriage return before the = is neutralised too', async () => {
    const path = join(folder, 'whitespace.csv');
    await writeWith(csvWriter(), path, [{ ...formulaRow(), provider: '\t=1+1', message: '\r=1+1' }]);
    const [, cells] = parse(readFileSync(path, 'utf8'), { relax_quotes: true }) as string[][];
    expect(cells![COLUMNS.indexOf('provider')]).toBe("'\t=1+1");
    expect(cells![COLUMNS.indexOf('message')]).toBe("'\r=1+1");
  });

  it('xlsx: text cells are strings (never formulas), neutralised; the negative event ID is a number', async () => {
    const path = join(folder, 'formulas.xlsx');
    await writeWith(xlsxWriter(), path, [formulaRow()]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const row = book.getWorksheet('Entries')!.getRow(2);
    const cell = (column: ExportColumn) => row.getCell(COLUMNS.indexOf(column) + 1);
    for (const column of ['provider', 'category', 'computer', 'user', 'message', 'bookmark', 'file'] as const) {
      expect(cell(column).type, column).toBe(ExcelJS.ValueType.String);
      expect(cell(column).formula, column).toBeUndefined();
      expect(cell(column).value, column).toBe(spreadsheetCellText(formulaRow(), column));
    }
    expect(cell('message').value).toBe(`'=HYPERLINK("http://127.0.0.1:9/x","click")`);
    expect(cell('eventId').type).toBe(ExcelJS.ValueType.Number);
    expect(cell('eventId').value).toBe(-5);
    expect(cell('time').type).toBe(ExcelJS.ValueType.Date);
    // No formula anywhere in the workbook, the Summary sheet included (it names the file).
    book.eachSheet((sheet) => sheet.eachRow((line) => line.eachCell((each) => expect(each.type).not.toBe(ExcelJS.ValueType.Formula))));
    const summary = book.getWorksheet('Summary')!;
    const files: unknown[] = [];
    summary.eachRow((line) => files.push(line.getCell(1).value));
    expect(files).toContain("'@evil.log");
  });
});
