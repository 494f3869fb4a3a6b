// Opens the RVM test page with a model list and model file served by the test (page.route),
// so the tests do not depend on what `npm run models` installed.

import { basename } from 'node:path';
import { expect, type Page } from '@playwright/test';
import type { ModelEntry } from '../../../src/ml/model-library.ts';
import type { EvalResult } from '../../pages/ml/rvm-harness.ts';
import { sharedModels } from '../../support/shared-paths.ts';

export const fp32WebgpuModel = {
  path: sharedModels('rvm_mobilenetv3_fp32_webgpu.onnx'),
  entry: {
    id: 'rvm_mobilenetv3_fp32_webgpu',
    family: 'rvm',
    label: 'RVM fp32 (custom: rvm_mobilenetv3_fp32_webgpu.onnx)',
    precision: 'fp32',
    official: false,
    sha256: '3e79fe53620c5a5a06ab0e53f631cf34cb5964bb43556e5dd203c47d544c7783',
    bytes: 14984203,
    url: '/__test/models/rvm_mobilenetv3_fp32_webgpu.onnx',
    webgpu: 'verified',
  } satisfies ModelEntry,
};

export const fp16WebgpuModel = {
  path: sharedModels('rvm_mobilenetv3_fp16_webgpu.onnx'),
  entry: {
    id: 'rvm_mobilenetv3_fp16_webgpu',
    family: 'rvm',
    label: 'RVM fp16 (custom: rvm_mobilenetv3_fp16_webgpu.onnx)',
    precision: 'fp16',
    official: false,
    sha256: '1d858cb37b700a9ad6e51dcc6961e1da93201246b7197d3b0f387651d06c77fb',
    bytes: 7513347,
    url: '/__test/models/rvm_mobilenetv3_fp16_webgpu.onnx',
    webgpu: 'unknown',
  } satisfies ModelEntry,
};

/** `models: null` serves no list at all (404), as on a machine where nothing was installed. */
export async function openRvmPage(page: Page, models: ModelEntry[] | null, preferredEp?: 'webgpu' | 'wasm') {
  page.on('console', (m) => m.type() === 'error' && console.log('[page]', m.text()));
  // Cut the dev server's HMR socket: other people's edits (or a dependency re-optimisation)
  // would otherwise reload this page in the middle of a stateful frame sequence.
  await page.routeWebSocket(() => true, () => undefined);
  await page.route('**/__test/installed.json', (route) =>
    models
      ? route.fulfill({ contentType: 'application/json', body: JSON.stringify({ format: 'mattegraph-installed-models', version: 1, models }) })
      : route.fulfill({ status: 404, body: 'not found' }),
  );
  // /__test/models/<file> is <file> from the shared test models (never copied into the repo).
  await page.route('**/__test/models/*.onnx', (route) =>
    route.fulfill({ path: sharedModels(basename(new URL(route.request().url()).pathname)), contentType: 'application/octet-stream' }),
  );
  await page.goto('/test/pages/ml/rvm.html');
  await expect(page.locator('#ready')).toHaveText('ready');
  await page.evaluate(([ep]) => window.rvmHarness.setup('/__test/installed.json', ep), [preferredEp] as const);
}

export async function serveFrames(page: Page, frames: Buffer[], width: number, height: number): Promise<void> {
  const body = Buffer.concat(frames);
  await page.route('**/__test/frames.rgba', (route) => route.fulfill({ body, contentType: 'application/octet-stream' }));
  const n = await page.evaluate(([w, h]) => window.rvmHarness.loadFrames('/__test/frames.rgba', w, h), [width, height] as const);
  expect(n).toBe(frames.length);
}

export async function evaluateFrame(
  page: Page,
  index: number,
  frame: number,
  sequential: boolean,
  params: Record<string, string | number> = {},
): Promise<EvalResult & { matte: Uint8Array }> {
  const r = await page.evaluate(
    ([i, f, s, p]) => window.rvmHarness.evaluate(i, f, s, p),
    [index, frame, sequential, params] as const,
  );
  return { ...r, matte: new Uint8Array(Buffer.from(r.pha, 'base64')) };
}
