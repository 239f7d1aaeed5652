/**
 * Triage in a real browser against the real engine: brush a time range on the timeline, include and
 * exclude through facets, the field-syntax search, a bookmark with a comment that survives a reload
 * and a server restart (saved beside the file), and two files merged in time order.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { LogGridPage } from '../support/log-grid-page';
import { CSV_FIXTURE, startServe, type ServeHandle } from '../support/serve';

let serve: ServeHandle | undefined;
test.afterEach(async () => {
  await serve?.stop();
  serve = undefined;
});

/**
 * The Event Viewer CSV sample copied to a temp folder (bookmarks are saved beside the file, and the
 * committed fixture must stay as it is), with an empty user-data folder that outlives a restart.
 */
function copiedExport(tag: string): { file: string; userData: string } {
  const file = join(mkdtempSync(join(tmpdir(), `logsift-e2e-${tag}-`)), 'export.csv');
  copyFileSync(CSV_FIXTURE, file);
  return { file, userData: mkdtempSync(join(tmpdir(), 'logsift-e2e-userdata-')) };
}

/** Every time cell's text, in grid order (the rows on screen). */
async function visibleTimes(page: Page): Promise<string[]> {
  return page.locator('.ag-row [col-id="time"]').allInnerTexts();
}

test('timeline brush filters the grid to the range; facets include and exclude', async ({ page }) => {
  serve = await startServe([CSV_FIXTURE]);
  const app = new LogGridPage(page);
  await page.goto(serve.url);
  await app.expectShown(239, 239);

  // Drag across the middle third of the plot: a time range filter.
  const plot = page.getByTestId('timeline-plot');
  await expect(plot).toBeVisible();
  const box = (await plot.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.35, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 8 });
  await page.mouse.move(box.x + box.width * 0.65, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
  const timeline = page.getByTestId('timeline');
  await expect(timeline).toHaveAttribute('data-range-from', /\d+/);
  const from = Number(await timeline.getAttribute('data-range-from'));
  const to = Number(await timeline.getAttribute('data-range-to'));
  expect(to).toBeGreaterThan(from);
  await expect(app.rowCount).not.toHaveText('239 of 239 shown');
  const shownText = await app.rowCount.innerText();
  const shown = Number(shownText.split(' ')[0]!.replace(/,/g, ''));
  expect(shown).toBeGreaterThan(0);
  expect(shown).toBeLessThan(239);
  // Every row on screen lies inside the range (grid times are UTC, "YYYY-MM-DD HH:MM:SS").
  for (const time of await visibleTimes(page)) {
    const ms = Date.parse(`${time.replace(' ', 'T')}Z`);
    expect(ms).toBeGreaterThanOrEqual(from - 1000);
    expect(ms).toBeLessThan(to);
  }
  // Escape on the plot clears it.
  await plot.focus();
  await page.keyboard.press('Escape');
  await expect(timeline).not.toHaveAttribute('data-range-from', /\d+/);
  await app.expectShown(239, 239);

  // Facets: click event ID 1 (121 entries) to include it…
  const facets = page.getByTestId('facet-panel');
  const idOne = facets.locator('[data-testid="facet-value"][data-field="eventId"][data-value="1"]');
  await expect(idOne).toContainText('121');
  await idOne.click();
  await app.expectShown(121, 239);
  await expect(page.getByTestId('filter-chip')).toHaveCount(1);
  await expect(page.getByTestId('filter-chip')).toHaveAttribute('data-exclude', 'false');
  // …remove that chip, then Alt-click event ID 2 (76 entries) to leave it out.
  await page.getByTestId('filter-chip').getByRole('button', { name: /remove/i }).click();
  await app.expectShown(239, 239);
  await facets.locator('[data-testid="facet-value"][data-field="eventId"][data-value="2"]').click({ modifiers: ['Alt'] });
  await app.expectShown(239 - 76, 239);
  await expect(page.getByTestId('filter-chip')).toHaveAttribute('data-exclude', 'true');
  // The facet counts follow the filter: event ID 2 is gone from the list.
  await expect(facets.locator('[data-testid="facet-value"][data-field="eventId"][data-value="2"]')).toHaveCount(0);
});

test('field-syntax search: fields, negation, phrases, highlighted matches', async ({ page }) => {
  serve = await startServe([CSV_FIXTURE]);
  const app = new LogGridPage(page);
  await page.goto(serve.url);
  await app.expectShown(239, 239);

  await app.search('provider:Microsoft-Windows-Servicing id:1,2 -id:2 level>=information');
  await app.expectShown(121, 239);
  await app.search('id:1,2 "was successfully changed"');
  await app.expectShown(76, 239);
  await expect(page.locator('.ag-row [col-id="message"] mark').first()).toHaveText(/was successfully changed/i);
  await app.search('/KB50[0-9]{5}/ -"Installed state"');
  await app.expectShown(119, 239);
  await app.search('level>=warning');
  await app.expectShown(0, 239);
  // A mistake is named, not fatal: the rest of the search still applies.
  await app.search('id:abc id:4');
  await app.expectShown(38, 239);
  await expect(page.getByTestId('search-errors')).toContainText(/id/i);
});

test('a bookmark with a comment survives a reload and a restart, saved beside the file', async ({ page }) => {
  const { file, userData } = copiedExport('bookmark');
  serve = await startServe([file], userData);
  const app = new LogGridPage(page);
  await page.goto(serve.url);
  await app.expectShown(239, 239);

  const target = app.row(3);
  const message = await target.locator('[col-id="message"]').innerText();
  await target.locator('[col-id="message"]').click({ button: 'right' });
  await page.getByTestId('edit-comment').click();
  await page.getByTestId('comment-text').fill('Reboot pending here <b>not html</b>');
  await page.getByTestId('comment-save').click();
  await expect(app.row(3).locator('.bookmark-star')).toBeVisible();
  await expect.poll(() => existsSync(`${file}.logsift.json`)).toBe(true);
  expect(readFileSync(`${file}.logsift.json`, 'utf8')).toContain('Reboot pending here');

  await page.reload();
  await app.expectShown(239, 239);
  await expect(app.row(3).locator('.bookmark-star')).toHaveAttribute('title', 'Bookmarked: Reboot pending here <b>not html</b>');

  // A new server (a new engine) reads the sidecar when it opens the file.
  await serve.stop();
  serve = await startServe([file], userData);
  await page.goto(serve.url);
  await app.expectShown(239, 239);
  await page.getByTestId('bookmarks-button').click();
  await expect(page.getByTestId('bookmark-item')).toHaveCount(1);
  await expect(page.getByTestId('bookmark-item')).toContainText('Reboot pending here <b>not html</b>');
  await page.getByTestId('only-bookmarked').check();
  await app.expectShown(1, 239);
  await page.getByTestId('bookmark-item').click();
  await expect(app.detail).toContainText(message.slice(0, 40));
});

test('two files merged in time order, each with its colour; one hidden, then shifted', async ({ page }) => {
  const folder = mkdtempSync(join(tmpdir(), 'logsift-e2e-merge-'));
  const a = join(folder, 'web01.log');
  const b = join(folder, 'web02.log');
  writeFileSync(a, ['2026-03-01 10:00:00 INFO web01 first', '2026-03-01 10:00:02 INFO web01 second', '2026-03-01 10:00:04 ERROR web01 third', ''].join('\n'));
  writeFileSync(b, ['2026-03-01 10:00:01 INFO web02 first', '2026-03-01 10:00:03 WARN web02 second', '2026-03-01 10:00:05 INFO web02 third', ''].join('\n'));
  serve = await startServe([a, b]);
  const app = new LogGridPage(page);
  await page.goto(serve.url);
  await app.expectShown(6, 6);
  const messages = () => page.locator('.ag-row [col-id="message"]').allInnerTexts();
  await expect.poll(messages).toEqual(['INFO web01 first', 'INFO web02 first', 'INFO web01 second', 'WARN web02 second', 'ERROR web01 third', 'INFO web02 third']);
  await expect(app.row(0).locator('[col-id="source"]')).toHaveText('web01.log');
  await expect(app.row(1).locator('[col-id="source"]')).toHaveText('web02.log');
  const dots = page.locator('.ag-row .source-cell .source-dot');
  const colourA = await dots.nth(0).evaluate((dot) => getComputedStyle(dot).backgroundColor);
  const colourB = await dots.nth(1).evaluate((dot) => getComputedStyle(dot).backgroundColor);
  expect(colourA).not.toBe(colourB);

  // Hide web02 from the merged view, show it again.
  const chipB = page.getByTestId('source-chip').filter({ hasText: 'web02.log' });
  await chipB.getByTestId('source-shown').uncheck();
  await app.expectShown(3, 6);
  await chipB.getByTestId('source-shown').check();
  await app.expectShown(6, 6);

  // web02's clock was 10 s fast: shifting it by -10 s puts all its entries first.
  await chipB.getByTestId('read-as-button').click();
  await page.getByTestId('read-as-offset').fill('-10s');
  await page.getByTestId('read-as-apply').click();
  await expect.poll(messages).toEqual(['INFO web02 first', 'WARN web02 second', 'INFO web02 third', 'INFO web01 first', 'INFO web01 second', 'ERROR web01 third']);
  await expect(chipB).toContainText('clock -00:00:10');
});

test('a restart with nothing to open restores the last session: files, search, chips, columns', async ({ page }) => {
  const { file, userData } = copiedExport('session');
  serve = await startServe([file], userData);
  const app = new LogGridPage(page);
  await page.goto(serve.url);
  await app.expectShown(239, 239);
  await app.search('id:1');
  await app.expectShown(121, 239);
  await page.getByRole('searchbox', { name: 'Search' }).press('Enter');
  await expect(page.getByTestId('filter-chip')).toHaveCount(1);
  await page.getByTestId('columns-button').click();
  await page.getByRole('menu').getByLabel('Category').uncheck();
  await expect(page.locator('.ag-header-cell[col-id="category"]')).toHaveCount(0);
  // The session is saved a moment after the view settles.
  await page.waitForTimeout(1500);
  await serve.stop();

  serve = await startServe([], userData);
  await page.goto(serve.url);
  await expect(page.getByTestId('source-chip')).toContainText('export.csv');
  await app.expectShown(121, 239);
  await expect(page.getByTestId('filter-chip')).toHaveText(/id:1/);
  await expect(page.locator('.ag-header-cell[col-id="category"]')).toHaveCount(0);
  await expect(page.locator('.ag-header-cell[col-id="message"]')).toHaveCount(1);
});
