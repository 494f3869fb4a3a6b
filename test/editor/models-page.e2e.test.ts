// The model page (toolbar "Models"), driven as a user would: it lists per family what is
// installed, kept in the browser and missing, says plainly why a GitHub release cannot be
// downloaded in the page; a wrong file is refused naming the mismatch; a valid one is kept,
// survives a reload and the node runs with it; a download from a CORS mirror shows progress
// and can be cancelled (nothing stored) or finished; removing a model frees it and the node
// says its model is missing.
//
// Nothing is installed (installed.json answers 404), and the manifest the editor imports gets
// one extra entry: the test model on a local mirror (another port: a real CORS request).

import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMirror, type MirrorServer } from '../pages/ml/model-mirror-server.ts';
import { repoRoot, sharedModels } from '../support/shared-paths.ts';
import { buildIdentityModel } from '../ml/support/tiny-onnx.ts';
import { dropFile, nodeBox, openEditor, pickFile, centreOf } from './editor-page.ts';

const mirrored = {
  id: 'rvm_mobilenetv3_fp32_test_mirror',
  label: 'RVM MobileNetV3 fp32 (test mirror)',
  path: sharedModels('rvm_mobilenetv3_fp32_webgpu.onnx'),
  bytes: 14984203,
  sha256: '3e79fe53620c5a5a06ab0e53f631cf34cb5964bb43556e5dd203c47d544c7783',
};
const custom = { id: 'rvm_mobilenetv3_fp32_from_tfjs', path: sharedModels('rvm_mobilenetv3_fp32_from_tfjs.onnx') };

let mirror: MirrorServer;
test.beforeAll(async () => {
  mirror = await startMirror(mirrored.path);
});
test.afterAll(async () => {
  await mirror.close();
});

async function serveTestModels(page: Page) {
  await page.route('/models/installed.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'models/manifest.json'), 'utf8'));
  manifest.official.push({
    id: mirrored.id, family: 'rvm', label: mirrored.label, file: 'rvm_mobilenetv3_fp32_webgpu.onnx',
    url: `${mirror.origin}/model.onnx`, bytes: mirrored.bytes, sha256: mirrored.sha256,
    precision: 'fp32', signature: 'fp32', licence: 'test', download: false,
  });
  // The module Vite makes of models/manifest.json for src/ml/manifest.ts.
  await page.route(/\/models\/manifest\.json\?import/, (route) =>
    route.fulfill({ contentType: 'text/javascript', body: `export default ${JSON.stringify(manifest)};` }),
  );
}

const row = (page: Page, id: string) => page.locator(`.models-panel tr.model-row[data-model="${id}"]`);
const storedModelBytes = (page: Page) =>
  page.evaluate(async () => {
    const cache = await caches.open('mattegraph-models-v1');
    let total = 0;
    for (const req of await cache.keys()) total += (await (await cache.match(req))!.arrayBuffer()).byteLength;
    return total;
  });

test('the model page: missing, add, refuse, download with cancel, reload, remove', async ({ page }) => {
  await serveTestModels(page);
  await openEditor(page);
  await expect(nodeBox(page, 'matte')).toContainText(/No RVM model installed: run `npm run models`/);

  // Reachable from the keyboard: the toolbar button, then the dialog's first control has focus.
  await page.getByRole('button', { name: 'Models' }).focus();
  await page.keyboard.press('Enter');
  const panel = page.getByRole('dialog', { name: 'Models' });
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Add model file…' })).toBeFocused();
  await expect(row(page, 'rvm_mobilenetv3_fp32')).toContainText('Missing');
  await expect(row(page, 'rvm_mobilenetv3_fp32')).toContainText('15.0 MB');
  await expect(row(page, 'rvm_mobilenetv3_fp32')).toContainText('official');
  await expect(panel).toContainText(
    'Not downloadable here (GitHub release assets send no CORS header, so a web page cannot download them): ' +
      'run `npm run models -- --id rvm_mobilenetv3_fp32` in the project folder, give the address of a copy on a server that ' +
      'sends CORS with “Download from URL…”, or add the file you have with “Add model file…”',
  );
  await expect(row(page, 'bgmv2_mobilenetv2_hd')).toContainText('size unknown');
  await expect(panel).toContainText('No download address is known: import it with `npm run models -- --from DIR`');
  await expect(panel.getByRole('button', { name: 'Download RVM MobileNetV3 fp32 (official)', exact: true })).toHaveCount(0);
  await expect(panel.getByRole('button', { name: `Download ${mirrored.label}`, exact: true })).toBeVisible();
  await page.screenshot({ path: '/tmp/models-page-missing.png' });

  // A file that is not a model of either family: refused, naming the mismatch; nothing stored.
  await pickFile(page, () => panel.getByRole('button', { name: 'Add model file…' }).click(), buildIdentityModel());
  await expect(panel.getByRole('status')).toHaveText(
    'Model identity.onnx refused: "identity.onnx" was refused: not a usable Robust Video Matting model: input "src" is missing (the model\'s inputs are: x)',
  );
  expect(await storedModelBytes(page)).toBe(0);

  // A valid custom model: kept in the browser, listed with its size.
  await pickFile(page, () => panel.getByRole('button', { name: 'Add model file…' }).click(), custom.path);
  await expect(panel.getByRole('status')).toHaveText(
    'Added RVM fp32 (custom: rvm_mobilenetv3_fp32_from_tfjs.onnx) (15.0 MB): kept in browser storage', { timeout: 60_000 },
  );
  await expect(row(page, custom.id)).toContainText('In browser storage');
  await expect(row(page, custom.id)).toContainText('15.0 MB');
  await expect(row(page, custom.id)).toContainText('custom');
  expect(await storedModelBytes(page)).toBe(15021485);

  // A slow download: progress moves, Cancel leaves nothing behind.
  mirror.slow = true;
  await panel.getByRole('button', { name: `Download ${mirrored.label}`, exact: true }).click();
  const bar = panel.getByRole('progressbar', { name: `Downloading ${mirrored.label}` });
  await expect(bar).toBeVisible();
  await expect.poll(async () => Number(await bar.getAttribute('value'))).toBeGreaterThan(200_000);
  await expect(row(page, mirrored.id)).toContainText(/MB of 15\.0 MB/);
  await page.screenshot({ path: '/tmp/models-page-downloading.png' });
  await panel.getByRole('button', { name: `Cancel download of ${mirrored.label}` }).click();
  await expect(panel.getByRole('status')).toHaveText('Download of rvm_mobilenetv3_fp32_webgpu.onnx cancelled: nothing was stored');
  await expect(row(page, mirrored.id)).toContainText('Missing');
  expect(await storedModelBytes(page)).toBe(15021485);

  // Downloaded to the end: checked (size, sha256, IO) and listed as the manifest's file.
  mirror.slow = false;
  await panel.getByRole('button', { name: `Download ${mirrored.label}`, exact: true }).click();
  await expect(panel.getByRole('status')).toHaveText(`Downloaded ${mirrored.label} (15.0 MB): kept in browser storage`, { timeout: 60_000 });
  await expect(row(page, mirrored.id)).toContainText('In browser storage');
  await expect(row(page, mirrored.id)).toContainText('official');
  expect(await storedModelBytes(page)).toBe(15021485 + mirrored.bytes);
  await page.screenshot({ path: '/tmp/models-page-stored.png' });
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();

  // After a reload, a graph whose node names the stored custom model runs with it.
  await page.reload();
  await expect(page.getByTestId('notice')).toHaveText(/Opened rvm-green\.json/);
  const graph = JSON.parse(readFileSync(join(repoRoot, 'examples/rvm-green.json'), 'utf8'));
  graph.nodes.find((n: { id: string }) => n.id === 'matte').params.model = custom.id;
  const graphPath = join(mkdtempSync(join(tmpdir(), 'mattegraph-models-')), 'stored-model.mattegraph.json');
  writeFileSync(graphPath, JSON.stringify(graph));
  await pickFile(page, () => page.getByRole('button', { name: 'Open…' }).click(), graphPath);
  await expect(page.getByTestId('notice')).toHaveText(/Opened stored-model\.mattegraph\.json/);
  await expect(nodeBox(page, 'matte')).toContainText('RVM fp32 (custom: rvm_mobilenetv3_fp32_from_tfjs.onnx)', { timeout: 150_000 });
  await expect(nodeBox(page, 'matte')).toContainText(/EP\s*wasm/);
  await page.screenshot({ path: '/tmp/models-page-node-after-reload.png' });

  // Removed: gone from the page, storage freed, and the node says its model is missing.
  await page.getByRole('button', { name: 'Models' }).click();
  await expect(row(page, custom.id)).toContainText('In browser storage');
  await panel.getByRole('button', { name: 'Remove RVM fp32 (custom: rvm_mobilenetv3_fp32_from_tfjs.onnx)' }).click();
  await expect(panel.getByRole('status')).toHaveText(
    'Removed RVM fp32 (custom: rvm_mobilenetv3_fp32_from_tfjs.onnx): 15.0 MB of browser storage freed',
  );
  await expect(row(page, custom.id)).toHaveCount(0);
  expect(await storedModelBytes(page)).toBe(mirrored.bytes);
  await page.keyboard.press('Escape');
  await expect(nodeBox(page, 'matte')).toContainText(`model "${custom.id}" is not installed (installed: ${mirrored.id})`);
  await page.screenshot({ path: '/tmp/models-page-removed.png' });
});

test('a model dropped on a node is kept in the browser and listed on the model page', async ({ page }) => {
  await serveTestModels(page);
  await openEditor(page);
  await dropFile(page, sharedModels('rvm_mobilenetv3_fp16_webgpu.onnx'), 'rvm_mobilenetv3_fp16_webgpu.onnx',
    'application/octet-stream', await centreOf(page, '.react-flow__node[data-id="matte"]'));
  await expect(page.getByTestId('notice')).toHaveText(/^matte: using model RVM fp16/, { timeout: 60_000 });
  await page.reload();
  await expect(page.getByTestId('notice')).toHaveText(/Opened rvm-green\.json/);
  await page.getByRole('button', { name: 'Models' }).click();
  await expect(row(page, 'rvm_mobilenetv3_fp16_webgpu')).toContainText('In browser storage');
  await expect(row(page, 'rvm_mobilenetv3_fp16_webgpu')).toContainText('7.5 MB');
});

test('models installed with npm run models are listed as installed, with their size and precision', async ({ page }) => {
  const installed = JSON.parse(readFileSync(join(repoRoot, 'models/installed.json'), 'utf8')) as { models: { id: string; bytes: number; precision: string }[] };
  test.skip(!installed.models.length, 'no models installed (npm run models)');
  await openEditor(page);
  await page.getByRole('button', { name: 'Models' }).click();
  for (const m of installed.models) {
    await expect(row(page, m.id)).toContainText('Installed');
    await expect(row(page, m.id)).toContainText(`${(m.bytes / 1e6).toFixed(1)} MB`);
    await expect(row(page, m.id)).toContainText(m.precision);
    await expect(row(page, m.id).getByRole('button', { name: /^Remove/ })).toHaveCount(0);
  }
  await page.screenshot({ path: '/tmp/models-page-installed.png' });
});
