/** Page object for the main screen: what a user sees and does, by role and test id. */
import { expect, type Locator, type Page } from '@playwright/test';

export class LogGridPage {
  constructor(readonly page: Page) {}

  get rowCount(): Locator {
    return this.page.getByTestId('row-count');
  }

  get rows(): Locator {
    return this.page.locator('.ag-row');
  }

  levelToggle(level: string): Locator {
    return this.page.getByTestId(`level-${level}`);
  }

  get detail(): Locator {
    return this.page.getByTestId('detail-pane');
  }

  async expectShown(shown: number, all: number): Promise<void> {
    await expect(this.rowCount).toHaveText(`${shown.toLocaleString('en-US')} of ${all.toLocaleString('en-US')} shown`);
  }

  async search(text: string): Promise<void> {
    await this.page.getByRole('searchbox', { name: 'Search' }).fill(text);
  }

  /** Clicks the grid row whose message cell holds `text`. */
  async openRow(text: string): Promise<void> {
    await this.page.locator('.ag-row [col-id="message"]', { hasText: text }).first().click();
    await expect(this.detail).toBeVisible();
  }

  /** The grid row at `index` in the current order (rendered only when scrolled near). */
  row(index: number): Locator {
    return this.page.locator(`.ag-row[row-index="${index}"]`);
  }

  /** Expects row `index` to be on screen (not scrolled away inside the grid) and to hold `text`. */
  async expectRowOnScreen(index: number, text: string): Promise<void> {
    await expect(this.row(index)).toContainText(text);
    // Vertically inside the grid: rows are wider than a narrow window (the grid
    // scrolls sideways), so an area ratio would measure the columns, not the scrolling.
    await expect
      .poll(async () => {
        const row = await this.row(index).boundingBox();
        const body = await this.page.getByTestId('event-grid').boundingBox();
        if (!row || !body) return false;
        return row.y >= body.y - 1 && row.y + row.height <= body.y + body.height + 1;
      })
      .toBe(true);
  }

  /** Scrolls the grid with the mouse wheel, as a user would (negative: up). */
  async wheelGrid(deltaY: number): Promise<void> {
    const box = await this.page.getByTestId('event-grid').boundingBox();
    if (!box) throw new Error('The grid is not on screen.');
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await this.page.mouse.wheel(0, deltaY);
  }

  get followToggle(): Locator {
    return this.page.getByTestId('follow-toggle');
  }

  get pauseToggle(): Locator {
    return this.page.getByTestId('pause-toggle');
  }

  get newCount(): Locator {
    return this.page.getByTestId('new-count');
  }

  get jumpToNewest(): Locator {
    return this.page.getByTestId('jump-newest');
  }

  /** The source bar's group for the watched folder at `path` (as the engine resolved it). */
  watchGroup(path: string): Locator {
    return this.page.locator(`[data-testid="watch-group"][data-watch-path="${path.replace(/["\\]/g, '\\$&')}"]`);
  }

  /** Watches a folder through the toolbar's "Watch folder…" form (browser mode). */
  async watchFolder(path: string, options: { include?: string } = {}): Promise<void> {
    if (!(await this.page.getByTestId('watch-form').isVisible())) await this.page.getByTestId('watch-folder-button').click();
    await this.page.getByTestId('watch-path').fill(path);
    if (options.include !== undefined) await this.page.getByTestId('watch-include').fill(options.include);
    await this.page.getByTestId('watch-submit').click();
  }
}
