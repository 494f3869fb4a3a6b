// Opens the built headless page (headless.html) in the system Chromium, headless, and runs calls
// on it under a watchdog: page errors, a crash or a page that stops making progress end the call
// with a one-line reason instead of hanging the CLI.

import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumArgs, chromiumPath } from './chromium.ts';
import { CliError, oneLine } from './cli-error.ts';
import { HEADLESS_API, PROGRESS_FUNCTION, type ProgressCallback } from './headless-protocol.ts';

export interface HeadlessBrowserOptions {
  origin: string;
  /** A call fails when nothing progresses for this long. */
  watchdogMs: number;
  verbose: boolean;
  log(line: string): void;
  onProgress?: ProgressCallback;
}

export class HeadlessBrowser {
  private lastActivity = Date.now();
  private lastPageError?: string;
  private failure?: string;

  private constructor(private readonly browser: Browser, readonly page: Page, private readonly options: HeadlessBrowserOptions) {}

  static async open(options: HeadlessBrowserOptions): Promise<HeadlessBrowser> {
    let browser: Browser;
    try {
      browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true, handleSIGINT: false, handleSIGTERM: false });
    } catch (e) {
      throw new CliError(`cannot start Chromium (${chromiumPath}): ${oneLine(e).split(' Call log:')[0]}`);
    }
    try {
      const page = await browser.newPage();
      const session = new HeadlessBrowser(browser, page, options);
      session.watch();
      await page.exposeFunction(PROGRESS_FUNCTION, (done: number, total: number, label?: string) => {
        session.touch();
        options.onProgress?.(done, total, label);
      });
      await page.goto(`${options.origin}/headless.html`);
      await session.guard(
        page.waitForFunction((name) => name in window, HEADLESS_API, { timeout: 60_000 }).catch(() => {
          throw new CliError(`the headless page did not start${session.lastPageError ? `: ${session.lastPageError}` : ''}`);
        }),
      );
      return session;
    } catch (e) {
      await browser.close().catch(() => {});
      throw e;
    }
  }

  /** e.g. "156.0.7258.5". */
  get browserVersion(): string {
    return this.browser.version();
  }

  /** Counts as progress for the watchdog. */
  touch() {
    this.lastActivity = Date.now();
  }

  private watch() {
    const { page, options } = this;
    page.on('pageerror', (e) => {
      this.lastPageError = oneLine(e);
      if (options.verbose) options.log(`[page error] ${e.stack ?? e.message}`);
    });
    page.on('console', (msg) => {
      if (msg.type() === 'error') this.lastPageError = oneLine(msg.text());
      if (options.verbose) options.log(`[page console.${msg.type()}] ${msg.text()}`);
    });
    page.on('crash', () => (this.failure = 'the browser page crashed (out of memory?)'));
    this.browser.on('disconnected', () => (this.failure ??= 'the browser closed unexpectedly'));
  }

  /** Resolves or rejects with `work`, or rejects when the page crashes or stalls. */
  async guard<T>(work: Promise<T>): Promise<T> {
    this.touch();
    let timer: NodeJS.Timeout | undefined;
    const stalled = new Promise<never>((_, reject) => {
      timer = setInterval(() => {
        if (this.failure) reject(new CliError(this.failure));
        const idle = Date.now() - this.lastActivity;
        if (idle > this.options.watchdogMs) {
          const seconds = Math.round(this.options.watchdogMs / 100) / 10;
          const hint = this.lastPageError ? `; last page error: ${this.lastPageError}` : '';
          reject(new CliError(`no progress for ${seconds} s, giving up (--watchdog SECONDS waits longer)${hint}`));
        }
      }, 250);
    });
    try {
      return await Promise.race([work, stalled]);
    } catch (e) {
      if (this.failure && !(e instanceof CliError)) throw new CliError(this.failure);
      throw e;
    } finally {
      clearInterval(timer);
    }
  }

  async close() {
    await this.browser.close().catch(() => {});
  }
}
