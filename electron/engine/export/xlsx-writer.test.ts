import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_COLUMN_LABELS, EXPORT_COLUMNS, type ExportColumn } from '../../../shared/model/export';
import { SEVERITY_PALETTE } from '../../../shared/model/severity';
import { exportTestContext, exportTestRows, manyExportRows, MULTILINE_MESSAGE, RULES } from './export-test-rows';
import type { ExportContext, ExportRow } from './export-writer';
import { excelText, XLSX_CELL_LIMIT } from './xlsx-cells';
import { xlsxWriter } from './xlsx-writer';

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'logsift-xlsx-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** Writes an export the way the export service does: a file stream, closed by the caller. */
async function exportTo(name: string, context: ExportContext, batches: Iterable<readonly ExportRow[]>): Promise<string> {
  const path = join(folder, name);
  const out = createWriteStream(path);
  const writer = xlsxWriter();
  await writer.begin(out, context);
  for (const batch of batches) await writer.rows(batch);
  await writer.end();
  out.end();
  await finished(out);
  return path;
}

async function read(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

const argb = (hex: string): string => `FF${hex.slice(1).toUpperCase()}`;

describe('xlsx writer', () => {
  const rows = exportTestRows();
  const columns: ExportColumn[] = [...EXPORT_COLUMNS];
  const col = (column: ExportColumn): number => columns.indexOf(column) + 1;
  /** The letter of the last column (every column is exported). */
  const last = String.fromCharCode(64 + columns.length);
  let workbook: ExcelJS.Workbook;
  let sheet: ExcelJS.Worksheet;

  beforeAll(async () => {
    const path = await exportTo('rows.xlsx', exportTestContext(rows, columns), [rows.slice(0, 3), rows.slice(3)]);
    workbook = await read(path);
    sheet = workbook.getWorksheet('Entries')!;
  });

  it('has the Entries sheet first, then the Summary', () => {
    expect(workbook.worksheets.map((worksheet) => worksheet.name)).toEqual(['Entries', 'Summary']);
  });

  it('writes the columns’ labels in order, the time saying UTC, in bold', () => {
    const header = sheet.getRow(1);
    const labels = columns.map((_, i) => header.getCell(i + 1).value);
    expect(labels).toEqual(columns.map((column) => (column === 'time' ? 'Time (UTC)' : EXPORT_COLUMN_LABELS[column])));
    expect(header.getCell(1).font?.bold).toBe(true);
  });

  it('writes one row per entry, in order', () => {
    expect(sheet.rowCount).toBe(rows.length + 1);
    rows.forEach((row, i) => expect(sheet.getRow(i + 2).getCell(col('recordId')).value).toBe(row.recordId));
  });

  it('types the cells: the time as a Date, ids and lines as numbers', () => {
    const cell = sheet.getRow(2).getCell(col('time'));
    expect(cell.value).toBeInstanceOf(Date);
    expect((cell.value as Date).getTime()).toBe(rows[0]!.time);
    expect(cell.numFmt).toBe('yyyy-mm-dd hh:mm:ss.000');
    expect(sheet.getRow(2).getCell(col('eventId')).value).toBe(1020);
    expect(typeof sheet.getRow(2).getCell(col('line')).value).toBe('number');
    expect(sheet.getRow(2).getCell(col('level')).value).toBe('Error');
  });

  it('keeps a message with line breaks and unicode whole (line breaks as Excel writes them)', () => {
    expect(sheet.getRow(2).getCell(col('message')).value).toBe(MULTILINE_MESSAGE.replace(/\r\n/g, '\n'));
    expect(sheet.getRow(8).getCell(col('message')).value).toBe(rows[6]!.message);
  });

  it('keeps hostile text as plain text', () => {
    const hostile = sheet.getRow(3);
    expect(hostile.getCell(col('provider')).value).toBe(rows[1]!.provider);
    expect(hostile.getCell(col('message')).value).toBe(rows[1]!.message);
    expect(hostile.getCell(col('file')).value).toBe(rows[1]!.file);
  });

  it('writes an unparsed row with empty cells where it has nothing', () => {
    const unparsed = sheet.getRow(4);
    expect(unparsed.getCell(col('level')).value).toBe('Unparsed');
    expect(unparsed.getCell(col('time')).value).toBeNull();
    expect(unparsed.getCell(col('eventId')).value).toBeNull();
  });

  it('writes the KB verdict and reason, with the flag', () => {
    expect(sheet.getRow(5).getCell(col('kb')).value).toBe(`Known benign: ${RULES.topology.title} — shown: unusual volume (more than 100 in 60 min from one computer)`);
    expect(sheet.getRow(6).getCell(col('kb')).value).toBe(`Noise: ${RULES.reset.title}`);
    expect(sheet.getRow(2).getCell(col('kb')).value).toBeNull();
  });

  it('freezes the header and filters every column', () => {
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBe(`A1:${last}${rows.length + 1}`);
  });

  it('tints rows with the palette: the background, and the accent on the Level', () => {
    const error = sheet.getRow(2);
    const palette = SEVERITY_PALETTE.light.error;
    const level = error.getCell(col('level'));
    expect(level.fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: argb(palette.background) } });
    expect(level.font?.color?.argb).toBe(argb(palette.accent));
    expect(error.getCell(col('message')).fill).toMatchObject({ fgColor: { argb: argb(palette.background) } });
    const critical = sheet.getRow(7).getCell(col('level'));
    expect(critical.fill).toMatchObject({ fgColor: { argb: argb(SEVERITY_PALETTE.light.critical.background) } });
  });

  it('sets widths and leaves wrapping off', () => {
    expect(sheet.getColumn(col('message')).width).toBeGreaterThanOrEqual(80);
    expect(sheet.getRow(2).getCell(col('message')).alignment?.wrapText ?? false).toBe(false);
  });

  it('summarizes the filters, counts and what the KB hid', () => {
    const summary = workbook.getWorksheet('Summary')!;
    const text: string[] = [];
    summary.eachRow((row) => row.eachCell((cell) => text.push(String(cell.value))));
    const all = text.join('\n');
    expect(all).toContain('Search: EXCH01');
    expect(all).toContain('✖ Error');
    expect(all).toContain(RULES.topology.title);
    expect(all).toContain('1234');
    expect(all).toContain(RULES.topology.explanation);
    expect(all).toContain('https://learn.microsoft.com/exchange/event-2080?view=exchserver-2019&tabs=a');
    expect(all).toContain('Internal runbook <RB-7>');
    expect(all).toContain('C:\\Logs\\EXCH01\\Application.csv');
  });

  it('writes only the columns asked for, in their order', async () => {
    const chosen: ExportColumn[] = ['message', 'time', 'level'];
    const path = await exportTo('columns.xlsx', exportTestContext(rows, chosen), [rows]);
    const entries = (await read(path)).getWorksheet('Entries')!;
    expect([1, 2, 3].map((i) => entries.getRow(1).getCell(i).value)).toEqual(['Message', 'Time (UTC)', 'Level']);
    expect(entries.getRow(1).getCell(4).value).toBeNull();
    expect(entries.getRow(2).getCell(2).value).toBeInstanceOf(Date);
    expect(entries.autoFilter).toBe(`A1:C${rows.length + 1}`);
  });

  it('goes on in a new sheet when one is full (Excel has 1,048,576 rows)', async () => {
    const path = join(folder, 'split.xlsx');
    const out = createWriteStream(path);
    const writer = xlsxWriter({ rowsPerSheet: 3 });
    await writer.begin(out, exportTestContext(rows));
    await writer.rows(rows.slice(0, 2));
    await writer.rows(rows.slice(2));
    await writer.end();
    out.end();
    await finished(out);
    const book = await read(path);
    expect(book.worksheets.map((worksheet) => worksheet.name)).toEqual(['Entries', 'Entries 2', 'Entries 3', 'Summary']);
    const sheets = book.worksheets.slice(0, 3);
    expect(sheets.map((worksheet) => worksheet.rowCount)).toEqual([4, 4, 3]);
    expect(sheets.map((worksheet) => worksheet.autoFilter)).toEqual([`A1:${last}4`, `A1:${last}4`, `A1:${last}3`]);
    for (const worksheet of sheets) {
      expect(worksheet.getRow(1).getCell(1).value).toBe('Time (UTC)');
      expect(worksheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    }
    expect(sheets[2]!.getRow(3).getCell(col('recordId')).value).toBe(rows[7]!.recordId);
  });

  it('writes a valid workbook with no rows', async () => {
    const path = await exportTo('empty.xlsx', exportTestContext([]), []);
    const entries = (await read(path)).getWorksheet('Entries')!;
    expect(entries.rowCount).toBe(1);
  });

  it('cuts text only at Excel’s cell limit, and says so', () => {
    expect(excelText('a\r\nb\rc')).toBe('a\nb\nc');
    const long = 'x'.repeat(XLSX_CELL_LIMIT + 10);
    const cut = excelText(long);
    expect(cut.length).toBe(XLSX_CELL_LIMIT);
    expect(cut).toMatch(/10 more characters/);
    expect(excelText('y'.repeat(XLSX_CELL_LIMIT))).toBe('y'.repeat(XLSX_CELL_LIMIT));
  });

  it('waits for a slow output and leaves it open for the caller to close', async () => {
    const chunks: Buffer[] = [];
    const out = new Writable({
      highWaterMark: 4096,
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        setTimeout(callback, 1);
      },
    });
    const writer = xlsxWriter();
    const many = manyExportRows(3000);
    await writer.begin(out, exportTestContext(many));
    for (let from = 0; from < many.length; from += 500) await writer.rows(many.slice(from, from + 500));
    await writer.end();
    expect(out.writableEnded).toBe(false);
    out.end();
    await finished(out);
    const workbook = new ExcelJS.Workbook();
    const bytes = Buffer.concat(chunks);
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    expect(workbook.getWorksheet('Entries')!.rowCount).toBe(3001);
  });

  it('reports a failing output instead of hanging', async () => {
    const out = new Writable({
      write(_chunk, _encoding, callback) {
        setImmediate(() => callback(new Error('disk full')));
      },
    });
    const writer = xlsxWriter();
    const run = (async () => {
      await writer.begin(out, exportTestContext(rows));
      for (let i = 0; i < 20; i++) await writer.rows(manyExportRows(500, i * 500));
      await writer.end();
    })();
    await expect(run).rejects.toThrow('disk full');
  });

  it('streams 50,000 rows to a file that reads back whole', async () => {
    const total = 50_000;
    const batch = 5_000;
    const batches = function* (): Generator<ExportRow[]> {
      for (let from = 0; from < total; from += batch) yield manyExportRows(batch, from);
    };
    const context = exportTestContext(manyExportRows(0));
    context.summary.rows = total;
    const path = await exportTo('many.xlsx', context, batches());
    // Read back with exceljs's streaming reader (the whole-workbook reader takes several times longer).
    const sheets: { rows: number; last: ExcelJS.Row | null }[] = [];
    for await (const worksheet of new ExcelJS.stream.xlsx.WorkbookReader(path, { worksheets: 'emit', sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore', entries: 'ignore' })) {
      const sheet = { rows: 0, last: null as ExcelJS.Row | null };
      for await (const row of worksheet) {
        sheet.rows++;
        sheet.last = row;
      }
      sheets.push(sheet);
    }
    expect(sheets).toHaveLength(2);
    expect(sheets[0]!.rows).toBe(total + 1);
    expect(sheets[0]!.last?.number).toBe(total + 1);
    expect(sheets[0]!.last?.getCell(col('recordId')).value).toBe(total - 1);
  }, 30_000);
});
