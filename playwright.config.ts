import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { ADMIN } from './test/e2e/credentials.ts';

/** The test server: a fresh PGlite directory per run, migrated and loaded with the demo programmes. */
const PORT = 3100;
const baseURL = `http://localhost:${PORT}`;
// Workers load this file again: the runner creates the directory once and they inherit it.
if (!process.env.BERDAYA_E2E_DATA_DIR) {
  const created = mkdtempSync(path.join(tmpdir(), 'berdaya-e2e-'));
  process.env.BERDAYA_E2E_DATA_DIR = created;
  process.on('exit', () => rmSync(created, { recursive: true, force: true }));
}
const dataDir = process.env.BERDAYA_E2E_DATA_DIR;

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    baseURL,
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      // Debian's Chromium: `npx playwright install` cannot download browsers here.
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 860 } } }],
  webServer: {
    command: 'node bin/berdaya.mjs serve --demo',
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    // A fresh PGlite directory is migrated and loaded with the demo data first (~8 s, more on a busy machine).
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(PORT),
      BERDAYA_DATA_DIR: dataDir,
      BERDAYA_ADMIN_EMAIL: ADMIN.email,
      BERDAYA_ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'warn',
    },
  },
});
