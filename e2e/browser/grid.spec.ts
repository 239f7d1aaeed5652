/**
 * The main flow in a real browser against the real engine: open the Event Viewer CSV export, see
 * its 239 rows, filter by level and text, open a row's details, upload another file.
 */
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { LogGridPage } from '../support/log-grid-page';
import { CSV_FIXTURE, ROOT, startServe, TEXT_FIXTURE, type ServeHandle } from '../support/serve';

let serve: ServeHandle;
test.beforeEach(async () => {
  serve = await startServe([CSV_FIXTURE]);
});
test.afterEach(async () => {
  await serve.stop();
});

test('opens the Event Viewer CSV sample: 239 rows, level filter, search, details', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  const app = new LogGridPage(page);
  await page.goto(serve.url);

  await app.expectShown(239, 239);
  await expect(app.rows.first()).toContainText('Microsoft-Windows-Servicing');
  await expect(page.getByTestId('source-chip')).toContainText('Event Viewer export');
  await expect(app.levelToggle('information')).toContainText('239');

  await app.levelToggle('information').click();
  await app.expectShown(0, 239);
  await expect(app.rows).toHaveCount(0);
  await app.levelToggle('information').click();
  await app.expectShown(239, 239);

  await app.search('KB5071959');
  await app.expectShown(3, 239);
  await expect(app.rows).toHaveCount(3);

  await app.openRow('A reboot is necessary before package KB5071959');
  await expect(page.getByTestId('detail-message')).toHaveText(
    'A reboot is necessary before package KB5071959 can be changed to the Installed state.',
  );
  await expect(app.detail).toContainText('Event ID');
  await expect(app.detail).toContainText('mta_test_eventviewer_export.csv (line 3)');
  expect(errors).toEqual([]);
});

test('uploads a file picked in the browser and merges it into the grid', async ({ page }) => {
  const app = new LogGridPage(page);
  await page.goto(serve.url);
  await app.expectShown(239, 239);
  await page.getByTestId('file-input').setInputFiles(TEXT_FIXTURE);
  await expect(page.getByTestId('source-chip')).toHaveCount(2);
  await app.expectShown(250, 250);
  await expect(app.levelToggle('critical')).toContainText('1');
  await app.levelToggle('information').click();
  // 11 entries of the text log remain: 9 events less its 3 INFO ones, plus 2 unparsed header lines.
  await app.expectShown(8, 250);
});

test('shows log content as text, never as HTML', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'logsift-hostile-'));
  const hostile = join(dir, 'hostile.log');
  writeFileSync(hostile, '2025-01-01 10:00:00 ERROR <img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>\n');
  let dialogs = 0;
  page.on('dialog', (dialog) => {
    dialogs++;
    void dialog.dismiss();
  });
  const app = new LogGridPage(page);
  await page.goto(serve.url);
  await page.getByTestId('file-input').setInputFiles(hostile);
  await app.expectShown(240, 240);
  await app.search('onerror');
  await app.openRow('<img src=x');
  await expect(page.getByTestId('detail-message')).toContainText('<script>window.__pwned=2</script>');
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(dialogs).toBe(0);
});

test('reads a source again in the time zone the user states', async ({ page }) => {
  const app = new LogGridPage(page);
  await page.goto(serve.url);
  await app.expectShown(239, 239);
  const firstTime = page.locator('.ag-row[row-index="0"] [col-id="time"]');
  await expect(firstTime).toHaveText('2024-01-22 14:04:22');
  await page.getByTestId('read-as-button').click();
  await page.getByTestId('read-as-zone').fill('Europe/Berlin');
  await page.getByTestId('read-as-apply').click();
  await expect(firstTime).toHaveText('2024-01-22 13:04:22');
  await expect(page.getByTestId('source-chip')).toContainText('times in Europe/Berlin');
  await app.expectShown(239, 239);
});

test('the server refuses the page without its token', async ({ page }) => {
  const response = await page.goto(serve.origin + '/');
  expect(response?.status()).toBe(401);
  await expect(page.locator('body')).toContainText('needs the access token');
  const wrong = await page.goto(serve.origin + '/?token=not-the-token');
  expect(wrong?.status()).toBe(403);
});

test('screenshot of the demo folder for the README', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 860 });
  await serve.stop();
  serve = await startServe([join(ROOT, 'demo', 'logs')]);
  const app = new LogGridPage(page);
  await page.goto(serve.url);
  await expect(page.getByTestId('source-chip')).toHaveCount(3);
  await app.expectShown(252, 252);
  await page.locator('.ag-header-cell[col-id="level"]').click(); // sort by level: most severe first
  await app.openRow('dismounted');
  await page.screenshot({ path: join(ROOT, 'docs', 'screenshot.png') });
});
