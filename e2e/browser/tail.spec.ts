/**
 * Following logs in a real browser against the real engine: `logsift serve FOLDER` watches the
 * folder; lines appended to its file appear and the grid follows them down; scrolling up stops
 * following and counts what arrives; Pause holds the grid; a new file in the folder becomes a new
 * source; and a second folder is watched by path through the Watch folder… form.
 */
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { LogGridPage } from '../support/log-grid-page';
import { ROOT, startServe, type ServeHandle } from '../support/serve';

const START = Date.UTC(2026, 10, 26, 10, 0, 0);

/** `2026-11-26 10:00:07 INFO line 8`: one second apart, so time order is line order. */
function lines(from: number, to: number, label = 'line', level = 'INFO'): string {
  let text = '';
  for (let n = from; n <= to; n++) {
    const time = new Date(START + (n - 1) * 1000).toISOString().replace('T', ' ').slice(0, 19);
    text += `${time} ${level} ${label} ${n}\n`;
  }
  return text;
}

let serve: ServeHandle | undefined;
test.afterEach(async () => {
  await serve?.stop();
});

test('follows a watched folder: new lines, follow off and +N new, pause, new files, a second folder', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));

  const folder = mkdtempSync(join(tmpdir(), 'logsift-tail-'));
  const log = join(folder, 'app.log');
  writeFileSync(log, lines(1, 5));
  serve = await startServe([folder]);
  const app = new LogGridPage(page);
  await page.goto(serve.url);

  await app.expectShown(5, 5);
  const group = app.watchGroup(folder);
  await expect(group.getByTestId('watch-chip')).toContainText('watching');
  await expect(group.getByTestId('watch-chip')).toContainText('1 file');
  await expect(group.getByTestId('source-chip')).toHaveAttribute('data-live-state', 'following');
  await expect(group.getByTestId('source-chip')).toContainText('app.log');
  await expect(app.followToggle).toHaveAttribute('aria-pressed', 'true');

  // 200 lines arrive in bursts, as a busy log grows: the grid follows them to the bottom.
  for (let burst = 0; burst < 4; burst++) {
    appendFileSync(log, lines(6 + burst * 50, 55 + burst * 50));
    await page.waitForTimeout(150);
  }
  await app.expectShown(205, 205);
  await app.expectRowOnScreen(204, 'line 205');
  await expect(app.row(0)).not.toBeInViewport();
  await expect(group.getByTestId('source-chip')).toContainText('205 entries');

  // Scrolling up stops following; what arrives meanwhile is counted, and the view stays put.
  await app.wheelGrid(-1500);
  await expect(app.followToggle).toHaveAttribute('aria-pressed', 'false');
  await expect(app.jumpToNewest).toBeVisible();
  appendFileSync(log, lines(206, 235));
  await expect(app.newCount).toHaveText('+30 new');
  await app.expectShown(235, 235);
  await expect(app.row(234)).not.toBeInViewport();

  await app.jumpToNewest.click();
  await app.expectRowOnScreen(234, 'line 235');
  await expect(app.followToggle).toHaveAttribute('aria-pressed', 'true');
  await expect(app.newCount).toHaveCount(0);
  await expect(app.jumpToNewest).toHaveCount(0);

  // Pause: entries are still read and counted, but the grid holds still until Resume.
  await app.pauseToggle.click();
  await expect(app.pauseToggle).toHaveText(/Resume/);
  appendFileSync(log, lines(236, 245));
  await expect(app.newCount).toHaveText('+10 new');
  await app.expectShown(245, 245);
  await expect(app.row(244)).toHaveCount(0);
  await app.pauseToggle.click();
  await app.expectRowOnScreen(244, 'line 245');
  await expect(app.newCount).toHaveCount(0);

  // Filters apply to what arrives: a search keeps only matching new entries.
  await app.search('warned');
  await app.expectShown(0, 245);
  appendFileSync(log, lines(246, 247, 'warned', 'WARN'));
  await app.expectShown(2, 247);
  await expect(app.rows).toHaveCount(2);
  await app.search('');
  await app.expectShown(247, 247);

  // A new file in the folder becomes a new followed source, its entries merged by time.
  writeFileSync(join(folder, 'other.log'), lines(300, 302, 'other'));
  await expect(group.getByTestId('source-chip')).toHaveCount(2);
  await expect(group.getByTestId('source-chip').first()).toContainText('other.log');
  await expect(group.getByTestId('watch-chip')).toContainText('2 files');
  await app.expectShown(250, 250);
  await app.expectRowOnScreen(249, 'other 302');

  // A second folder, by path: a wrong path is refused with the engine's reason, a right one watched.
  const second = mkdtempSync(join(tmpdir(), 'logsift-tail-second-'));
  writeFileSync(join(second, 'b.log'), lines(400, 401, 'second'));
  for (let n = 1; n <= 5; n++) writeFileSync(join(second, `extra-${n}.log`), lines(500 + n, 500 + n, 'extra'));
  writeFileSync(join(second, 'ignored.txt'), lines(600, 600, 'ignored'));
  await app.watchFolder(join(second, 'not-there'));
  await expect(page.getByTestId('watch-problem')).toContainText('no such folder');
  await app.watchFolder(second, { include: '*.log' });
  await expect(page.getByTestId('watch-form')).toHaveCount(0);
  const secondGroup = app.watchGroup(second);
  await expect(secondGroup.getByTestId('watch-chip')).toContainText('6 files');
  await app.expectShown(257, 257);
  await app.expectRowOnScreen(256, 'extra 505');
  // Six files: three chips and the rest behind "+3 more files", so a big folder cannot flood the bar.
  await expect(secondGroup.getByTestId('source-chip')).toHaveCount(3);
  await expect(secondGroup.getByTestId('more-files')).toHaveText('+3 more files');
  await secondGroup.getByTestId('more-files').click();
  await expect(secondGroup.getByTestId('more-files-list').getByTestId('source-chip')).toHaveCount(3);
  await expect(secondGroup.getByTestId('source-chip').filter({ hasText: 'b.log' })).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(secondGroup.getByTestId('more-files-list')).toHaveCount(0);

  // Leave the screen in an interesting state for the screenshot: not following, entries waiting.
  await app.wheelGrid(-400);
  await expect(app.followToggle).toHaveAttribute('aria-pressed', 'false');
  appendFileSync(log, lines(248, 252));
  await expect(app.newCount).toHaveText('+5 new');
  await page.screenshot({ path: join(ROOT, 'test-results', 'tail.png') });

  // Unwatching keeps what was loaded; the folder's files are no longer followed.
  await secondGroup.getByTestId('unwatch').click();
  await expect(secondGroup.getByTestId('watch-chip')).toContainText('no longer watched');
  await expect(secondGroup.locator('[data-live-state="gone"]').first()).toBeVisible();
  await app.expectShown(262, 262);

  // The Follow toggle does by hand what scrolling and jumping do.
  await app.followToggle.click();
  await app.expectRowOnScreen(261, 'extra 505');
  await expect(app.newCount).toHaveCount(0);
  await app.followToggle.click();
  await expect(app.followToggle).toHaveAttribute('aria-pressed', 'false');
  appendFileSync(log, lines(253, 254));
  await expect(app.newCount).toHaveText('+2 new');
  await app.followToggle.click();
  await expect(app.newCount).toHaveCount(0);
  await app.expectShown(264, 264);

  // Sorted newest first, following keeps the top in view instead of dragging the grid down.
  const timeHeader = page.locator('.ag-header-cell[col-id="time"]');
  await timeHeader.click();
  await timeHeader.click();
  await expect(timeHeader).toHaveAttribute('aria-sort', 'descending');
  appendFileSync(log, lines(1000, 1000, 'latest'));
  await app.expectShown(265, 265);
  await app.expectRowOnScreen(0, 'latest 1000');
  await expect(app.followToggle).toHaveAttribute('aria-pressed', 'true');
  expect(errors).toEqual([]);
});
