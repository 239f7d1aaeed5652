import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

// Browser specs drive the real renderer and engine through `logsift serve` in Chromium. Debian's
// Chromium is used where present (CI installs it); Playwright cannot download its own here.
const debianChromium = '/usr/bin/chromium';
const executablePath = process.env.LOGSIFT_CHROMIUM ?? (existsSync(debianChromium) ? debianChromium : undefined);

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  workers: 2,
  reporter: [['list']],
  globalSetup: './e2e/support/global-setup.ts',
  outputDir: 'test-results',
  projects: [
    {
      name: 'browser',
      testMatch: 'browser/**/*.spec.ts',
      use: {
        viewport: { width: 1400, height: 820 },
        launchOptions: {
          ...(executablePath ? { executablePath } : {}),
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
        },
      },
    },
    { name: 'electron', testMatch: 'electron/**/*.spec.ts' },
  ],
});
