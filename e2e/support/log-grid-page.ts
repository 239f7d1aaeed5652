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
}
