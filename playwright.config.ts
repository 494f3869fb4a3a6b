// Browser, editor and CLI tests run in the system Chromium (never a downloaded browser),
// against the Vite dev server, which is cross-origin isolated like production.

import { defineConfig } from '@playwright/test';
import { chromiumArgs } from './test/support/chromium.ts';

// Another port lets a second checkout run its suite beside a developer's dev server.
const port = Number(process.env.MATTEGRAPH_TEST_PORT ?? 5174);

export default defineConfig({
  testDir: './test',
  testMatch: /.*\.(browser|e2e|cli)\.test\.ts$/,
  timeout: 180_000,
  expect: { timeout: 30_000 },
  // One retry on CI: the viewer test that disables and re-enables a node has failed now and then
  // under load (the viewer kept the pass-through picture; noted on the issue). A test that fails
  // twice still fails the run, and Playwright lists a retried pass as flaky.
  retries: process.env.CI ? 1 : 0,
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: { executablePath: '/usr/bin/chromium', args: chromiumArgs },
    acceptDownloads: true,
  },
  webServer: {
    command: `npx vite --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
  },
});
