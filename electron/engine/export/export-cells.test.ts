import { createWriteStream, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { EXPORT_COLUMN_LABELS } from '../../../shared/model/export';
import { csvWriter } from './csv-writer';
import { cellText, PLAIN_BOOKMARK } from './export-cells';
import { exportTestContext, exportTestRows } from './export-test-rows';
import type { ExportWriter } from './export-writer';
import { xlsxWriter } from './xlsx-writer';

/** The test rows with a commented bookmark on the first, a plain one on the second. */
function bookmarkedRows() {
  const rows = exportTestRows();
  rows[0]!.bookmark = 'Check with the network team: <b>first</b> "reset", then retries';
  rows[1]!.bookmark = '';
  return rows;
}

async function writeWith(writer: ExportWriter, path: string, rows = bookmarkedRows()): Promise<void> {
  const out = createWriteStream(path);
  await writer.begin(out, exportTestContext(rows, ['message', 'bookmark']));
  await writer.rows(rows);
  await writer.end();
  out.end();
  await finished(out);
}

describe('the bookmark column', () => {
  it('is the comment, a mark for a bookmark without one, and empty for an entry not bookmarked', () => {
    const rows = bookmarkedRows();
    expect(EXPORT_COLUMN_LABELS.bookmark).toBe('Bookmark');
    expect(rows.slice(0, 3).map((row) => cellText(row, 'bookmark'))).toEqual([rows[0]!.bookmark, PLAIN_BOOKMARK, '']);
  });

  it('reaches CSV and xlsx as the same text', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'logsift-cells-'));
    await writeWith(csvWriter(), join(folder, 'view.csv'));
    const csv = readFileSync(join(folder, 'view.csv'), 'utf8');
    expect(csv.split('\r\n')[0]).toBe('Message,Bookmark');
    expect(csv).toContain(',"Check with the network team: <b>first</b> ""reset"", then retries"\r\n');
    expect(csv).toContain(`,${PLAIN_BOOKMARK}\r\n`);

    await writeWith(xlsxWriter(), join(folder, 'view.xlsx'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(folder, 'view.xlsx'));
    const sheet = book.getWorksheet('Entries')!;
    expect([1, 2, 3, 4].map((row) => sheet.getRow(row).getCell(2).value)).toEqual(['Bookmark', bookmarkedRows()[0]!.bookmark, PLAIN_BOOKMARK, null]);
  });
});
