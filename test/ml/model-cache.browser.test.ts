// The browser model cache and in-page download, on the real library: a model added in the page
// is checked, labelled, kept in Cache Storage and found again after a reload; a wrong file is
// refused naming the mismatch and leaves nothing behind; a download from a CORS mirror shows
// progress, can be cancelled (nothing stored) or finished (checked by size and sha256, then
// kept); a GitHub release address is refused up front; removing frees the model.

import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { startMirror, type MirrorServer } from '../pages/ml/model-mirror-server.ts';
import { sharedModels } from '../support/shared-paths.ts';
import { buildIdentityModel } from './support/tiny-onnx.ts';

const fp32 = {
  path: sharedModels('rvm_mobilenetv3_fp32_webgpu.onnx'),
  file: 'rvm_mobilenetv3_fp32_webgpu.onnx',
  bytes: 14984203,
  sha256: '3e79fe53620c5a5a06ab0e53f631cf34cb5964bb43556e5dd203c47d544c7783',
};
const fp16 = { path: sharedModels('rvm_mobilenetv3_fp16_webgpu.onnx'), file: 'rvm_mobilenetv3_fp16_webgpu.onnx', bytes: 7513347 };

let mirror: MirrorServer;
test.beforeAll(async () => {
  mirror = await startMirror(fp32.path);
});
test.afterAll(async () => {
  await mirror.close();
});

async function openCachePage(page: Page) {
  page.on('console', (m) => m.type() === 'error' && console.log('[page]', m.text()));
  await page.routeWebSocket(() => true, () => undefined);
  // Nothing installed: everything listed comes from the browser.
  await page.route('**/__test/installed.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.route('**/__test/models/*.onnx', (route) =>
    route.fulfill({ path: sharedModels(basename(new URL(route.request().url()).pathname)), contentType: 'application/octet-stream' }),
  );
  await page.goto('/test/pages/ml/model-cache.html');
  await expect(page.locator('#ready')).toHaveText('ready');
  await page.evaluate(() => window.modelCacheHarness.setup('/__test/installed.json'));
}

test('an added model is kept in browser storage, survives a reload and loads; removing it frees it', async ({ page }) => {
  await openCachePage(page);
  const added = await page.evaluate((f) => window.modelCacheHarness.addFile(`/__test/models/${f}`, f), fp16.file);
  expect(added).toEqual({
    ok: {
      origin: 'cached',
      entry: expect.objectContaining({ id: 'rvm_mobilenetv3_fp16_webgpu', family: 'rvm', precision: 'fp16', official: false, bytes: fp16.bytes }),
    },
  });
  expect(await page.evaluate(() => window.modelCacheHarness.storedBytes())).toBe(fp16.bytes);

  // Adding the same bytes again stores nothing more.
  await page.evaluate((f) => window.modelCacheHarness.addFile(`/__test/models/${f}`, f), fp16.file);
  expect(await page.evaluate(() => window.modelCacheHarness.storedBytes())).toBe(fp16.bytes);

  await page.reload();
  await expect(page.locator('#ready')).toHaveText('ready');
  await page.evaluate(() => window.modelCacheHarness.setup('/__test/installed.json'));
  expect(await page.evaluate(() => window.modelCacheHarness.catalogue())).toEqual([
    { id: 'rvm_mobilenetv3_fp16_webgpu', origin: 'cached', bytes: fp16.bytes, official: false },
  ]);
  const loaded = await page.evaluate(() => window.modelCacheHarness.load('rvm', 'auto'));
  expect(loaded).toEqual({ ok: { id: 'rvm_mobilenetv3_fp16_webgpu', sha256: '1d858cb37b700a9ad6e51dcc6961e1da93201246b7197d3b0f387651d06c77fb' } });

  expect(await page.evaluate(() => window.modelCacheHarness.remove('rvm_mobilenetv3_fp16_webgpu'))).toBe(fp16.bytes);
  expect(await page.evaluate(() => window.modelCacheHarness.storedBytes())).toBe(0);
  expect(await page.evaluate(() => window.modelCacheHarness.load('rvm', 'rvm_mobilenetv3_fp16_webgpu'))).toEqual({
    error: expect.stringMatching(/^No RVM model installed/),
  });
});

test('a wrong .onnx is refused naming the mismatch, and nothing is stored', async ({ page }) => {
  await openCachePage(page);
  const identity = readFileSync(buildIdentityModel());
  await page.route('**/__test/wrong/identity.onnx', (route) => route.fulfill({ body: identity }));
  // Picked on the model page: no family given, judged from its inputs.
  expect(await page.evaluate(() => window.modelCacheHarness.addFile('/__test/wrong/identity.onnx', 'identity.onnx'))).toEqual({
    error: '"identity.onnx" was refused: not a usable Robust Video Matting model: input "src" is missing (the model\'s inputs are: x)',
  });
  // An RVM file dropped on a BGMv2 node.
  expect(await page.evaluate((f) => window.modelCacheHarness.addFile(`/__test/models/${f}`, f, 'bgmv2'), fp16.file)).toEqual({
    error: `"${fp16.file}" was refused: not a usable Background Matting V2 model: input "bgr" is missing (the model's inputs are: src, r1i, r2i, r3i, r4i, downsample_ratio)`,
  });
  expect(await page.evaluate(() => window.modelCacheHarness.storedBytes())).toBe(0);
  expect(await page.evaluate(() => window.modelCacheHarness.catalogue())).toEqual([]);
});

test('a download from a CORS mirror shows progress; cancelled, it leaves nothing; finished, it is checked and kept', async ({ page }) => {
  await openCachePage(page);
  const request = { url: `${mirror.origin}/model.onnx`, fileName: fp32.file, expectedBytes: fp32.bytes, expectedSha256: fp32.sha256 };

  mirror.slow = true;
  await page.evaluate((r) => window.modelCacheHarness.startDownload(r), request);
  // Progress moves in steps against the expected size.
  await expect.poll(() => page.evaluate(() => window.modelCacheHarness.progressSteps())).toBeGreaterThan(5);
  const [received, total] = (await page.evaluate(() => window.modelCacheHarness.progress()))!;
  expect(total).toBe(fp32.bytes);
  expect(received).toBeGreaterThan(0);
  expect(received).toBeLessThan(fp32.bytes);
  await page.evaluate(() => window.modelCacheHarness.cancelDownload());
  expect(await page.evaluate(() => window.modelCacheHarness.finishDownload())).toEqual({ error: 'cancelled by the user' });
  expect(await page.evaluate(() => window.modelCacheHarness.storedBytes())).toBe(0);
  expect(await page.evaluate(() => window.modelCacheHarness.catalogue())).toEqual([]);

  mirror.slow = false;
  await page.evaluate((r) => window.modelCacheHarness.startDownload(r), request);
  const done = await page.evaluate(() => window.modelCacheHarness.finishDownload());
  expect(done).toEqual({ ok: { origin: 'cached', entry: expect.objectContaining({ id: 'rvm_mobilenetv3_fp32_webgpu', bytes: fp32.bytes, sha256: fp32.sha256 }) } });
  expect(await page.evaluate(() => window.modelCacheHarness.progress())).toEqual([fp32.bytes, fp32.bytes]);
  expect(await page.evaluate(() => window.modelCacheHarness.storedBytes())).toBe(fp32.bytes);
});

test('a download that is not the expected file, or not allowed to the page, is refused and stores nothing', async ({ page }) => {
  await openCachePage(page);
  const base = { fileName: fp32.file, expectedBytes: fp32.bytes };
  const run = async (req: object) => {
    await page.evaluate((r) => window.modelCacheHarness.startDownload(r as never), req);
    return page.evaluate(() => window.modelCacheHarness.finishDownload());
  };
  expect(await run({ ...base, url: `${mirror.origin}/model.onnx`, expectedSha256: '0'.repeat(64) })).toEqual({
    error: `download of ${fp32.file} is not the expected file (its sha256 differs from the manifest's)`,
  });
  expect(await run({ ...base, url: `${mirror.origin}/model.onnx`, expectedBytes: 1000, expectedSha256: fp32.sha256 })).toEqual({
    error: `cannot download ${fp32.file}: the server offers ${fp32.bytes} bytes, expected 1000`,
  });
  expect(await run({ ...base, url: `${mirror.origin}/no-cors/model.onnx`, expectedSha256: fp32.sha256 })).toEqual({
    error: expect.stringMatching(new RegExp(`^cannot download ${fp32.file} from ${mirror.origin}/no-cors/model\\.onnx: the server is unreachable or sends no CORS header`)),
  });
  const requestsBefore = mirror.requests;
  expect(await run({ ...base, url: 'https://github.com/PeterL1n/RobustVideoMatting/releases/download/v1.0.0/rvm_mobilenetv3_fp32.onnx', expectedSha256: null })).toEqual({
    error: `cannot download ${fp32.file}: GitHub release assets send no CORS header, so a web page cannot download them`,
  });
  expect(mirror.requests).toBe(requestsBefore);
  expect(await page.evaluate(() => window.modelCacheHarness.storedBytes())).toBe(0);
});
