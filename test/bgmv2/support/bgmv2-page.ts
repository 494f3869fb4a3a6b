// Opens the BGMv2 test page with a model list and model files served by the test (page.route),
// and moves pictures in and out of it.

import { expect, type Page } from '@playwright/test';
import { basename } from 'node:path';
import type { ModelEntry } from '../../../src/ml/model-library.ts';
import type { WireImage } from '../../pages/bgmv2/bgmv2-harness.ts';
import type { Rgba } from './pictures.ts';

/** An installed-list entry for a model file served at /__test/models/<file name>. */
export function testModelEntry(path: string, over: Partial<ModelEntry> = {}): ModelEntry {
  const file = basename(path);
  return {
    id: file.replace(/\.onnx$/, ''),
    family: 'bgmv2',
    label: `BGMv2 fp32 (custom: ${file})`,
    precision: 'fp32',
    official: false,
    url: `/__test/models/${file}`,
    file,
    webgpu: 'unknown',
    ...over,
  };
}

/**
 * `models: null` serves no list (404). `files` maps a file name under /__test/models/ to a path.
 * Console lines of the page are collected in `consoleLines`.
 */
export async function openBgmv2Page(
  page: Page,
  models: ModelEntry[] | null,
  files: Record<string, string> = {},
  preferredEp?: 'webgpu' | 'wasm',
): Promise<string[]> {
  const consoleLines: string[] = [];
  page.on('console', (m) => {
    consoleLines.push(m.text());
    // onnxruntime's own log (verbose when a test asks for it) goes to the console as errors too.
    if (m.type() === 'error' && !m.text().includes(':onnxruntime:')) console.log('[page]', m.text());
  });
  page.on('pageerror', (e) => console.log('[page error]', e.message));
  // Cut the dev server's HMR socket: other people's edits would otherwise reload the page mid-test.
  await page.routeWebSocket(() => true, () => undefined);
  await page.route('**/__test/installed.json', (route) =>
    models
      ? route.fulfill({ contentType: 'application/json', body: JSON.stringify({ format: 'mattegraph-installed-models', version: 1, models }) })
      : route.fulfill({ status: 404, body: 'not found' }),
  );
  await page.route('**/__test/models/*', (route) => {
    const path = files[basename(new URL(route.request().url()).pathname)];
    return path ? route.fulfill({ path, contentType: 'application/octet-stream' }) : route.fulfill({ status: 404, body: 'not found' });
  });
  await page.goto('/test/pages/bgmv2/bgmv2.html');
  await expect(page.locator('#ready')).toHaveText('ready');
  await page.evaluate(([ep]) => window.bgmv2.setup('/__test/installed.json', ep), [preferredEp] as const);
  return consoleLines;
}

/** Makes `p` available on the page as picture `name` (and at /__test/pictures/<name>.rgba). */
export async function servePicture(page: Page, name: string, p: Rgba): Promise<void> {
  const body = Buffer.from(p.rgba);
  await page.route(`**/__test/pictures/${name}.rgba`, (route) => route.fulfill({ body, contentType: 'application/octet-stream' }));
  await page.evaluate(([n, w, h]) => window.bgmv2.loadPicture(n, `/__test/pictures/${n}.rgba`, w, h), [name, p.width, p.height] as const);
}

export const fromWire = (w: WireImage): Rgba => ({ width: w.width, height: w.height, rgba: new Uint8Array(Buffer.from(w.b64, 'base64')) });

/** Channel `c` of every pixel. */
export function channel(p: Rgba, c: number): Uint8Array {
  const out = new Uint8Array(p.width * p.height);
  for (let i = 0; i < out.length; i++) out[i] = p.rgba[i * 4 + c];
  return out;
}
