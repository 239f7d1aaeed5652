/**
 * The same flow in the real Electron app, through Playwright's _electron. The Electron binary is
 * downloaded from outside the npm registry, so on machines that reach only the registry it is
 * absent: then these specs are skipped, and say so.
 */
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { ELECTRON_SKIP_REASON, electronBinary } from '../support/electron-binary';
import { LogGridPage } from '../support/log-grid-page';
import { CSV_FIXTURE, ROOT } from '../support/serve';

const binary = electronBinary();

test.describe('Electron app', () => {
  test.skip(!binary, ELECTRON_SKIP_REASON);

  test('opens the CSV named on the command line, filters by level, shows details', async () => {
    const app = await electron.launch({
      executablePath: binary!,
      args: [join(ROOT, 'dist', 'node', 'main.js'), CSV_FIXTURE],
      env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' },
    });
    try {
      const window = await app.firstWindow();
      const page = new LogGridPage(window);
      await page.expectShown(239, 239);
      await page.levelToggle('information').click();
      await page.expectShown(0, 239);
      await page.levelToggle('information').click();
      await page.openRow('A reboot is necessary before package KB5071959');
      await expect(window.getByTestId('detail-message')).toContainText('KB5071959');
      const isolated = await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require === 'undefined');
      expect(isolated).toBe(true);
    } finally {
      await app.close();
    }
  });

  test('the page has no Node, cannot navigate, open windows, reach the network or name a folder to read', async () => {
    const app = await electron.launch({ executablePath: binary!, args: [join(ROOT, 'dist', 'node', 'main.js'), CSV_FIXTURE] });
    try {
      const shell = await app.firstWindow();
      await new LogGridPage(shell).expectShown(239, 239);
      const before = shell.url();
      const probe = await shell.evaluate(async () => {
        const page = window as unknown as { require?: unknown; process?: unknown; logsift: { watchFolder(path: string, options: object): Promise<unknown> } };
        const opened = window.open('https://example.com/');
        const fetched = await fetch('https://example.com/').then(
          () => 'reached',
          () => 'blocked',
        );
        const watched = await page.logsift.watchFolder('/etc', {}).then(
          () => 'watched',
          (error: unknown) => String(error),
        );
        return { require: typeof page.require, process: typeof page.process, opened: opened === null, fetched, watched };
      });
      expect(probe).toMatchObject({ require: 'undefined', process: 'undefined', opened: true, fetched: 'blocked' });
      expect(probe.watched).toContain('Refused');
      await shell.evaluate(() => {
        window.location.href = 'https://example.com/';
      });
      await shell.waitForTimeout(500);
      expect(shell.url()).toBe(before);
      expect(app.windows()).toHaveLength(1);
    } finally {
      await app.close();
    }
  });
});
