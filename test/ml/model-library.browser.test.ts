// The browser model library as a user meets it: no model installed, a wrong file dropped,
// a right file dropped, and an fp16 model (read correctly, kept off WebGPU without shader-f16).

import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { decodeFrames, talkingClip } from './support/frames.ts';
import { meanAbsDiff, RvmReference } from './support/rvm-reference.ts';
import { evaluateFrame, fp16WebgpuModel, fp32WebgpuModel, openRvmPage, serveFrames } from './support/rvm-page.ts';
import { buildIdentityModel } from './support/tiny-onnx.ts';

const HOW_TO = 'No RVM model installed: run `npm run models` (or `npm run models -- --from DIR`), or drop an .onnx file on the node';

test('without an installed model the node says how to get one', async ({ page }) => {
  await openRvmPage(page, null);
  expect(await page.evaluate(() => window.rvmHarness.loadError('auto'))).toBe(HOW_TO);
  await serveFrames(page, decodeFrames(talkingClip, 64, 36, 1), 64, 36);
  const err = await page.evaluate(() => window.rvmHarness.evaluate(0, 0, false, {}).then(() => 'no error', (e: Error) => e.message));
  expect(err).toBe(HOW_TO);
  // An empty list means the same thing as no list.
  await openRvmPage(page, []);
  expect(await page.evaluate(() => window.rvmHarness.loadError('auto'))).toBe(HOW_TO);
});

test('a dropped .onnx that is not RVM is refused, naming the mismatch; a real one is accepted', async ({ page }) => {
  const wrong = buildIdentityModel();
  await openRvmPage(page, null);
  await page.route('**/__test/dropped/identity.onnx', (route) => route.fulfill({ body: readFileSync(wrong) }));
  const refused = await page.evaluate(() => window.rvmHarness.addModel('/__test/dropped/identity.onnx', 'identity.onnx'));
  expect(refused.entry).toBeUndefined();
  expect(refused.error).toBe(
    '"identity.onnx" was refused: not a usable Robust Video Matting model: input "src" is missing (the model\'s inputs are: x)',
  );
  await page.route('**/__test/dropped/garbage.onnx', (route) => route.fulfill({ body: 'this is not a model' }));
  const garbage = await page.evaluate(() => window.rvmHarness.addModel('/__test/dropped/garbage.onnx', 'garbage.onnx'));
  expect(garbage.error).toMatch(/^"garbage\.onnx" was refused: not an ONNX model onnxruntime can open/);

  const accepted = await page.evaluate(() =>
    window.rvmHarness.addModel('/__test/models/rvm_mobilenetv3_fp32_webgpu.onnx', 'rvm_mobilenetv3_fp32_webgpu.onnx'),
  );
  expect(accepted.error).toBeUndefined();
  expect(accepted.entry).toEqual({
    id: 'rvm_mobilenetv3_fp32_webgpu',
    family: 'rvm',
    label: 'RVM fp32 (custom: rvm_mobilenetv3_fp32_webgpu.onnx)',
    precision: 'fp32',
    official: false,
    sha256: fp32WebgpuModel.entry.sha256,
    bytes: fp32WebgpuModel.entry.bytes,
    file: 'rvm_mobilenetv3_fp32_webgpu.onnx',
    webgpu: 'verified',
  });
  // With nothing installed, `auto` now means the dropped model.
  expect(await page.evaluate(() => window.rvmHarness.loadError('auto'))).toBeUndefined();
  expect(await page.evaluate(() => window.rvmHarness.loadError('nope'))).toBe(
    'model "nope" is not installed (installed: rvm_mobilenetv3_fp32_webgpu)',
  );
});

test('an fp16 model gives a real matte on WASM, and is kept off WebGPU without shader-f16', async ({ page }) => {
  const W = 160;
  const H = 90;
  const frames = decodeFrames(talkingClip, W, H, 2);
  const ref = await RvmReference.open(fp32WebgpuModel.path);
  await openRvmPage(page, [fp32WebgpuModel.entry, fp16WebgpuModel.entry]);
  await serveFrames(page, frames, W, H);
  const hasF16 = await page.evaluate(async () => Boolean((await navigator.gpu?.requestAdapter())?.features.has('shader-f16')));
  test.skip(hasF16, 'this adapter has shader-f16: the fp16 model would rightly run on WebGPU');

  for (let i = 0; i < frames.length; i++) {
    const got = await evaluateFrame(page, i, i, i > 0, { model: fp16WebgpuModel.entry.id, backend: 'webgpu', downsampleRatio: 0.5 });
    expect(got.status.state).toBe('warning');
    expect(got.status.message).toBe('WebGPU adapter has no shader-f16 for this fp16 model: using WASM');
    expect(got.status.facts).toMatchObject({ EP: 'wasm', precision: 'fp16' });
    // Held to the fp32 model on onnxruntime-node: fp16 rounding only, not a misread tensor.
    const diff = meanAbsDiff(await ref.run(frames[i], W, H, 0.5), got.matte);
    console.log(`fp16 on WASM ${W}x${H} frame ${i}: pha mean abs diff vs fp32 reference ${diff.toFixed(5)}`);
    expect(diff).toBeLessThanOrEqual(0.005);
    expect(got.matte.filter((v) => v > 127).length).toBeGreaterThan(W * H * 0.05);
  }
  await page.evaluate(() => window.rvmHarness.dispose());
  await ref.release();
});
