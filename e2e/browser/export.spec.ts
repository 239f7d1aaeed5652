/**
 * Export through the UI in a real browser: filter the view, export it as CSV, and check the
 * downloaded file holds exactly the rows shown, in their order, with the visible columns.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { LogGridPage } from '../support/log-grid-page';
import { CSV_FIXTURE, ROOT, startServe, type ServeHandle } from '../support/serve';

let serve: ServeHandle;
test.beforeEach(async () => {
  serve = await startServe([CSV_FIXTURE, join(ROOT, 'fixtures', 'kb', 'founding-eventviewer.csv')]);
});
test.afterEach(async () => {
  await serve.stop();
});

test('exports the filtered view as CSV: the rows shown, in order, with the visible columns', async ({ page }) => {
  const app = new LogGridPage(page);
  await page.goto(serve.url);
  await app.expectShown(242, 248);
  await app.search('KB50');
  await expect(app.rowCount).not.toHaveText(/^242 of/);
  const shown = Number((await app.rowCount.textContent())!.split(' of ')[0]!.replace(/,/g, ''));
  expect(shown).toBeGreaterThan(5);

  await page.getByTestId('export-button').click();
  await page.getByTestId('export-format').selectOption('csv');
  const download = page.waitForEvent('download');
  await page.getByTestId('export-start').click();
  const file = await (await download).path();
  await expect(page.getByTestId('export-done')).toContainText(`${shown} entries exported`);

  const text = readFileSync(file, 'utf8');
  const lines = text.replace(/^\ufeff/, '').trim().split('\r\n');
  // Two files are open: the grid's File column is exported as each entry's file.
  expect(lines[0]).toBe('Time (UTC),File,Level,Source,Event ID,Category,Computer,User,Message,KB');
  expect(lines).toHaveLength(shown + 1);
  expect(lines.slice(1).every((line) => line.includes('KB50'))).toBe(true);
  // The grid's first rows, in the same order.
  const firstMessages = await page.locator('.ag-row [col-id="message"]').allTextContents();
  const rowIndexOf = (message: string) => lines.findIndex((line) => line.includes(message));
  expect(rowIndexOf(firstMessages[0]!)).toBe(1);
});
