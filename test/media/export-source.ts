// Exports a clip through the export test page (VideoSource -> Export in Chromium) and saves the
// first output file: the step the media tests share.

import { expect, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type ExportOptions = Parameters<Window['exportPage']['exportFile']>[0];
export type ExportResult = Awaited<ReturnType<Window['exportPage']['exportFile']>>;

/** Opens the export test page with `files` served at `/__test/NAME`. */
export async function openExportPage(page: Page, files: Record<string, string>) {
  for (const [name, path] of Object.entries(files)) {
    await page.route(`**/__test/${name}`, (route) => route.fulfill({ path }));
  }
  await page.goto('/test/pages/media/export.html');
  await page.waitForFunction(() => window.exportPage !== undefined);
}

/** Exports `source` with options `o`; `out` is the first file written to `dir/name` (if any). */
export async function exportSource(page: Page, dir: string, source: string, name: string, o: Omit<ExportOptions, 'file'> = {}) {
  await openExportPage(page, { source });
  const r = await page.evaluate((opts) => window.exportPage.exportFile(opts), { file: '/__test/source', ...o });
  const out = join(dir, name);
  if (r.files[0]) writeFileSync(out, Buffer.from(r.files[0].base64, 'base64'));
  return { ...r, out };
}

/** The same, for an export that must succeed and leave no VideoFrame (or image) open. */
export async function exportSourceCleanly(page: Page, dir: string, source: string, name: string, o: Omit<ExportOptions, 'file'> = {}) {
  const r = await exportSource(page, dir, source, name, o);
  expect(r.error, name).toBeUndefined();
  expect(r.openFrames, `${name}: VideoFrames left open`).toBe(0);
  expect(r.liveImages, `${name}: images left`).toBe(0);
  return r;
}
