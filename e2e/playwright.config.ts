import { defineConfig } from '@playwright/test';

/**
 * Journeys run in Debian's Chromium (`apt-get install -y chromium`): Playwright's own browser
 * downloads are not reachable on the project's machines. `scripts/e2e.mjs` starts a fresh
 * server and passes its address in HOI_E2E_URL.
 */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
];

export default defineConfig({
  testDir: '.',
  outputDir: 'test-results',
  workers: 1,
  retries: 0,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: process.env.HOI_E2E_URL ?? 'http://localhost:8080',
    browserName: 'chromium',
    launchOptions: { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'setup', testMatch: /auth\.setup\.ts$/ },
    { name: 'chromium', testMatch: /\.spec\.ts$/, dependencies: ['setup'] },
    // README screenshots: a tool, not a test; present only when asked for.
    ...(process.env.HOI_DOCS_SCREENSHOTS === '1'
      ? [{ name: 'docs', testMatch: /\.shot\.ts$/, dependencies: ['setup'] }]
      : []),
  ],
});
