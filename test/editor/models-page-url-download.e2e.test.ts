// "Download from URL…" on the model page, driven as a user would, against a local server on
// another port (real cross-origin, CORS-checked requests). A missing manifest row whose official
// address is a GitHub release asset (no Download button, as for the real RVM rows) takes an
// address: a GitHub address is refused before anything is sent, a 404 says there is no file
// there, a slow download shows progress and Cancel leaves nothing behind, a file of another size
// or another sha256 is refused (nothing stored, and the message says how to keep it as custom),
// the real file is kept as the official one. The page's own "Download model from URL…" keeps any
// model of a known family: custom when its sha256 is no release's; a file of no family refused.
//
// Nothing is installed (installed.json answers 404); the manifest the editor imports gets one
// extra official entry, the test model, published only as a GitHub release asset.

import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildBgmv2TestModel } from '../bgmv2/support/test-model.ts';
import { buildIdentityModel } from '../ml/support/tiny-onnx.ts';
import { startModelFilesServer, type ModelFilesServer } from '../pages/editor/model-files-server.ts';
import { repoRoot, sharedModels } from '../support/shared-paths.ts';
import { openEditor } from './editor-page.ts';

const release = {
  id: 'rvm_test_release',
  label: 'RVM MobileNetV3 fp32 (test release)',
  file: 'rvm_mobilenetv3_fp32_webgpu.onnx',
  bytes: 14984203,
  sha256: '3e79fe53620c5a5a06ab0e53f631cf34cb5964bb43556e5dd203c47d544c7783',
  github: 'https://github.com/PeterL1n/RobustVideoMatting/releases/download/v9.9.9/rvm_test_release.onnx',
};
const official = readFileSync(sharedModels(release.file));
// Same size, one byte changed: only the sha256 tells it from the release.
const tampered = Uint8Array.from(official);
tampered[tampered.length >> 1] ^= 0xff;
const customBytes = readFileSync(sharedModels('rvm_mobilenetv3_fp32_from_tfjs.onnx'));

let server: ModelFilesServer;
test.beforeAll(async () => {
  server = await startModelFilesServer({
    '/mirror/rvm.onnx': official,
    '/mirror/tampered.onnx': tampered,
    '/mirror/fp16.onnx': readFileSync(sharedModels('rvm_mobilenetv3_fp16_webgpu.onnx')),
    '/hf/resolve/main/rvm_mobilenetv3_fp32_from_tfjs.onnx': customBytes,
    '/hf/resolve/main/identity.onnx': readFileSync(buildIdentityModel()),
    '/bgmv2/export.onnx': readFileSync(buildBgmv2TestModel()),
  });
});
test.afterAll(async () => {
  await server.close();
});

async function openModelsPage(page: Page) {
  await page.route('/models/installed.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'models/manifest.json'), 'utf8'));
  manifest.official.push({
    id: release.id, family: 'rvm', label: release.label, file: release.file, url: release.github,
    bytes: release.bytes, sha256: release.sha256, precision: 'fp32', signature: 'fp32', licence: 'test', download: false,
  });
  await page.route(/\/models\/manifest\.json\?import/, (route) =>
    route.fulfill({ contentType: 'text/javascript', body: `export default ${JSON.stringify(manifest)};` }),
  );
  await openEditor(page);
  await page.getByRole('button', { name: 'Models' }).click();
  const panel = page.getByRole('dialog', { name: 'Models' });
  await expect(panel).toBeVisible();
  return panel;
}

const row = (page: Page, id: string) => page.locator(`.models-panel tr.model-row[data-model="${id}"]`);
const storedModels = (page: Page) =>
  page.evaluate(async () => {
    const cache = await caches.open('mattegraph-models-v1');
    const sizes: number[] = [];
    for (const req of await cache.keys()) sizes.push((await (await cache.match(req))!.arrayBuffer()).byteLength);
    return sizes.sort((a, b) => a - b);
  });

test('Download from URL… on a missing release: GitHub refused up front, 404, cancel, wrong size, wrong sha256, then the official file kept', async ({ page }) => {
  const panel = await openModelsPage(page);
  await expect(row(page, release.id)).toContainText('Missing');
  await expect(panel.getByRole('button', { name: `Download ${release.label}`, exact: true })).toHaveCount(0);
  await expect(panel).toContainText('give the address of a copy on a server that sends CORS with “Download from URL…”');

  await panel.getByRole('button', { name: `Download ${release.label} from a URL…` }).click();
  const form = panel.getByRole('form', { name: `Download ${release.label} from a URL` });
  const field = form.getByRole('textbox', { name: `Address of ${release.file}` });
  await expect(field).toBeFocused();
  await page.screenshot({ path: '/tmp/models-url-row-open.png' });

  // The release's own GitHub address: refused with the reason, nothing requested.
  await field.fill(release.github);
  await form.getByRole('button', { name: 'Download', exact: true }).click();
  await expect(form.getByRole('alert')).toHaveText(
    'Not downloaded: GitHub release assets send no CORS header, so a web page cannot download them. ' +
      'Put the file on a server that sends CORS (your own, or Hugging Face), or run `npm run models` in the project folder.',
  );
  await page.screenshot({ path: '/tmp/models-url-github-refused.png' });
  expect(server.asked).toEqual([]);

  // Nothing at the address.
  await field.fill(`${server.origin}/mirror/typo.onnx`);
  await expect(form.getByRole('alert')).toHaveCount(0);
  await form.getByRole('button', { name: 'Download', exact: true }).click();
  await expect(panel.getByRole('status')).toHaveText(
    `Download of ${release.file} failed: cannot download ${release.file}: HTTP 404 Not Found from ${server.origin}/mirror/typo.onnx: ` +
      'there is no file at that address. Nothing was stored',
  );
  await expect(panel.getByRole('status')).toHaveClass(/error/);

  // Slow: progress moves, Cancel stores nothing and gives the field back.
  server.slow = true;
  await field.fill(`${server.origin}/mirror/rvm.onnx`);
  await form.getByRole('button', { name: 'Download', exact: true }).click();
  const bar = form.getByRole('progressbar', { name: `Downloading ${release.label}` });
  await expect.poll(async () => Number(await bar.getAttribute('value'))).toBeGreaterThan(200_000);
  await expect(form).toContainText(/MB of 15\.0 MB/);
  await expect(field).toBeDisabled();
  await page.screenshot({ path: '/tmp/models-url-downloading.png' });
  await form.getByRole('button', { name: 'Cancel' }).click();
  await expect(panel.getByRole('status')).toHaveText(`Download of ${release.file} from ${new URL(server.origin).host} cancelled: nothing was stored`);
  await expect(field).toBeEnabled();
  await expect(row(page, release.id)).toContainText('Missing');
  expect(await storedModels(page)).toEqual([]);
  server.slow = false;

  // Another file: of another size (refused from the headers), or the same size but another sha256.
  const keepAnyway = 'if you trust this file, keep it as a custom model with “Download model from URL…” at the top of this page';
  await field.fill(`${server.origin}/mirror/fp16.onnx`);
  await form.getByRole('button', { name: 'Download', exact: true }).click();
  await expect(panel.getByRole('status')).toHaveText(
    `Download of ${release.file} failed: cannot download ${release.file}: the server offers 7513347 bytes, expected ${release.bytes}. Nothing was stored; ${keepAnyway}`,
  );
  await field.fill(`${server.origin}/mirror/tampered.onnx`);
  await form.getByRole('button', { name: 'Download', exact: true }).click();
  await expect(panel.getByRole('status')).toHaveText(
    new RegExp(`^The file at ${server.origin}/mirror/tampered\\.onnx is not RVM MobileNetV3 fp32 \\(test release\\): its sha256 \\([0-9a-f]{8}…\\) ` +
      `differs from the official file's \\(3e79fe53…\\)\\. Nothing was stored; if you trust this file`),
    { timeout: 60_000 },
  );
  expect(await storedModels(page)).toEqual([]);

  // The release itself: checked and kept as the official file; the row says so.
  await field.fill(`${server.origin}/mirror/rvm.onnx`);
  await form.getByRole('button', { name: 'Download', exact: true }).click();
  await expect(panel.getByRole('status')).toHaveText(
    `Downloaded ${release.label} (15.0 MB) from ${new URL(server.origin).host}: the official file (its sha256 matches the manifest); kept in browser storage`,
    { timeout: 60_000 },
  );
  await expect(row(page, release.id)).toContainText('In browser storage');
  await expect(row(page, release.id)).toContainText('official');
  await expect(form).toHaveCount(0);
  expect(await storedModels(page)).toEqual([release.bytes]);
  await page.screenshot({ path: '/tmp/models-url-stored.png' });
});

test('Download model from URL… keeps a custom RVM as custom and says so, refuses a file of no family; a BGMv2 row without a published sha256 keeps its file as custom', async ({ page }) => {
  const panel = await openModelsPage(page);
  const host = new URL(server.origin).host;
  await panel.getByRole('button', { name: 'Download model from URL…' }).click();
  const form = panel.getByRole('form', { name: 'Download a model from a URL' });
  const field = form.getByRole('textbox', { name: 'Address of an .onnx model' });
  await expect(field).toBeFocused();
  await page.screenshot({ path: '/tmp/models-url-any-open.png' });

  await field.fill('not an address');
  await form.getByRole('button', { name: 'Download', exact: true }).click();
  await expect(form.getByRole('alert')).toHaveText('Not downloaded: "not an address" is not a web address.');

  await field.fill(`${server.origin}/hf/resolve/main/identity.onnx?download=true`);
  await form.getByRole('button', { name: 'Download', exact: true }).click();
  await expect(panel.getByRole('status')).toHaveText(
    `Model identity.onnx from ${host} refused: "identity.onnx" was refused: not a usable Robust Video Matting model: ` +
      'input "src" is missing (the model\'s inputs are: x). Nothing was stored.',
  );
  expect(await storedModels(page)).toEqual([]);

  await field.fill(`${server.origin}/hf/resolve/main/rvm_mobilenetv3_fp32_from_tfjs.onnx?download=true`);
  await form.getByRole('button', { name: 'Download', exact: true }).click();
  await expect(panel.getByRole('status')).toHaveText(
    `Downloaded RVM fp32 (custom: rvm_mobilenetv3_fp32_from_tfjs.onnx) (15.0 MB) from ${host}: ` +
      'not an official release (its sha256 matches no manifest entry): listed as a custom model; kept in browser storage',
    { timeout: 60_000 },
  );
  await expect(form).toHaveCount(0);
  await expect(panel.getByRole('button', { name: 'Download model from URL…' })).toBeFocused();
  await expect(row(page, 'rvm_mobilenetv3_fp32_from_tfjs')).toContainText('In browser storage');
  await expect(row(page, 'rvm_mobilenetv3_fp32_from_tfjs')).toContainText('custom');
  expect(await storedModels(page)).toEqual([customBytes.length]);

  // The BGMv2 exports have no published sha256: the file is checked as a BGMv2 model and kept
  // as custom, and the row stays missing.
  const bgmv2 = 'BGMv2 MobileNetV2 HD';
  const bgmv2Button = panel.getByRole('button', { name: /^Download BGMv2 .*HD.* from a URL…$/ });
  await bgmv2Button.click();
  const bgmv2Form = panel.getByRole('form', { name: /^Download BGMv2 .*HD.* from a URL$/ });
  await expect(bgmv2Form).toContainText('none is published for this file: it will be kept as a custom model');
  await bgmv2Form.getByRole('textbox').fill(`${server.origin}/bgmv2/export.onnx`);
  await bgmv2Form.getByRole('button', { name: 'Download', exact: true }).click();
  await expect(panel.getByRole('status')).toHaveText(
    new RegExp(`^Downloaded BGMv2 fp32 \\(custom: onnx_mobilenetv2_hd\\.onnx\\) \\(.+\\) from ${host}: no sha256 is published for ${bgmv2}.*, ` +
      'so it cannot be confirmed as the official file: listed as a custom model; kept in browser storage$'),
    { timeout: 60_000 },
  );
  await expect(bgmv2Form).toHaveCount(0);
  await expect(bgmv2Button).toBeFocused();
  await expect(row(page, 'bgmv2_mobilenetv2_hd')).toContainText('Missing');
  await expect(row(page, 'onnx_mobilenetv2_hd')).toContainText('custom');
  await page.screenshot({ path: '/tmp/models-url-custom-stored.png' });
});
