import { defineConfig } from 'vitest/config';

// Vitest runs the plain-TS unit tests (Node); browser code is tested by Playwright.
export default defineConfig({
  test: { include: ['test/**/*.unit.test.ts', 'nodes/**/*.unit.test.ts', 'src/**/*.unit.test.ts'] },
});
