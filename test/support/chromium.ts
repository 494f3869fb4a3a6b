// Chromium flags and path for Playwright tests: the same list the CLI uses (src/cli/chromium.ts).
export { chromiumArgs, chromiumPath } from '../../src/cli/chromium.ts';
