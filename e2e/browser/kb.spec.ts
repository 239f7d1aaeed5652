/**
 * The knowledge base in a real browser against the real engine: the founding case (MSExchangeMTA
 * 9221, sockets error 10054) is hidden with its count shown, revealed greyed with the rule's
 * reason, and a rule made from a row hides more — and is still there after a reload and a restart.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { LogGridPage } from '../support/log-grid-page';
import { ROOT, startServe, type ServeHandle } from '../support/serve';

const FOUNDING_CSV = join(ROOT, 'fixtures', 'kb', 'founding-eventviewer.csv');

let serve: ServeHandle | undefined;
test.afterEach(async () => {
  await serve?.stop();
});

test('hides known-benign 9221 resets with a count, reveals them, and keeps a rule made from a row', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const userData = mkdtempSync(join(tmpdir(), 'logsift-e2e-kb-'));
  serve = await startServe([FOUNDING_CSV], userData);
  const app = new LogGridPage(page);
  await page.goto(serve.url);

  // Five 10054 resets and the 0x2746 one are hidden; the 10061 one and two others are shown.
  await app.expectShown(3, 9);
  await expect(page.getByTestId('hidden-count')).toHaveText('6 hidden by KB');
  await expect(app.rows).toHaveCount(3);
  await expect(page.locator('.ag-row [col-id="message"]', { hasText: '10061' })).toHaveCount(1);

  await page.getByTestId('hidden-count').click();
  await expect(page.getByRole('dialog', { name: 'Hidden by rule' })).toContainText('6');
  await page.getByTestId('hidden-count').click();

  await page.getByTestId('show-hidden').click();
  await app.expectShown(9, 9);
  await expect(page.locator('.ag-row.kb-hidden')).toHaveCount(6);
  await page.locator('.ag-row.kb-hidden [col-id="message"]').first().click();
  await expect(page.getByTestId('kb-section')).toContainText('Q169143');
  await expect(page.getByTestId('kb-section')).toContainText('Known benign');
  await page.screenshot({ path: join(ROOT, 'test-results', 'kb-revealed.png') });
  await page.getByTestId('show-hidden').click();
  await app.expectShown(3, 9);

  // A rule from a row: the Information Store start notice.
  await page.locator('.ag-row [col-id="message"]', { hasText: 'Information Store' }).first().click({ button: 'right' });
  await page.getByTestId('mark-benign').click();
  const editor = page.getByTestId('rule-editor');
  await expect(page.getByTestId('rule-providers')).toHaveValue('MSExchangeIS');
  await expect(page.getByTestId('rule-event-ids')).toHaveValue('1000');
  await page.screenshot({ path: join(ROOT, 'test-results', 'kb-rule-editor.png') });
  await page.getByTestId('rule-message').fill('(unclosed');
  await page.getByTestId('rule-save').click();
  await expect(page.getByTestId('rule-problem')).toContainText('match.message');
  await expect(page.getByTestId('rule-problem')).toContainText('not a valid regular expression');
  await page.getByTestId('rule-message').fill('Information Store service started');
  await page.getByTestId('rule-save').click();
  await expect(editor).toHaveCount(0);
  await expect(page.getByTestId('hidden-count')).toHaveText('7 hidden by KB');
  await app.expectShown(2, 9);

  await page.reload();
  await expect(page.getByTestId('hidden-count')).toHaveText('7 hidden by KB');

  // The rule is on disk: a new server with the same user data applies it too.
  await serve.stop();
  serve = await startServe([FOUNDING_CSV], userData);
  await page.goto(serve.url);
  await app.expectShown(2, 9);
  await expect(page.getByTestId('hidden-count')).toHaveText('7 hidden by KB');
  await page.getByTestId('hidden-count').click();
  await page.getByRole('button', { name: 'Manage rules…' }).click();
  await expect(page.getByTestId('rules-manager')).toContainText('your rule');
  await page.screenshot({ path: join(ROOT, 'test-results', 'kb-rules-manager.png') });
  expect(errors).toEqual([]);
});
