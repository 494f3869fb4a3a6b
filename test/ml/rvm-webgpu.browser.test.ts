// The RVM node forced onto onnxruntime-web's WebGPU EP. Here the adapter is SwiftShader (a CPU
// implementation, ~17 s per tiny frame), so this runs two 128x96 frames: enough to prove the
// GPU path, the GPU-resident recurrent feedback, and that no silent WASM fallback happened.

import { expect, test } from '@playwright/test';
import { decodeFrames, talkingClip } from './support/frames.ts';
import { meanAbsDiff, RvmReference } from './support/rvm-reference.ts';
import { evaluateFrame, fp32WebgpuModel, openRvmPage, serveFrames } from './support/rvm-page.ts';
import { sharedModels } from '../support/shared-paths.ts';

const W = 128;
const H = 96;

test('RVM forced to WebGPU matches onnxruntime-node on two frames', async ({ page }) => {
  test.setTimeout(480_000);
  const frames = decodeFrames(talkingClip, W, H, 2);
  const ref = await RvmReference.open(fp32WebgpuModel.path);
  await openRvmPage(page, [fp32WebgpuModel.entry]);
  await serveFrames(page, frames, W, H);

  for (let i = 0; i < frames.length; i++) {
    const got = await evaluateFrame(page, i, i, i > 0, { backend: 'webgpu' });
    const ratio = Number(got.status.facts!.ratio);
    expect(ratio).toBe(1); // auto: a 128 px long side is below 480 px
    const diff = meanAbsDiff(await ref.run(frames[i], W, H, ratio), got.matte);
    console.log(`WebGPU ${W}x${H} frame ${i}: pha mean abs diff ${diff.toFixed(5)}, ${got.status.facts!['ms/frame']} ms, ` +
      `${got.status.facts!['EP note'] ?? ''}`);
    expect(got.status.state).toBe('ready');
    expect(got.status.facts!.EP).toBe('webgpu');
    expect(diff).toBeLessThanOrEqual(0.005);
  }
  await page.evaluate(() => window.rvmHarness.dispose());
  expect(await page.evaluate(() => window.rvmHarness.counts())).toEqual({ images: 0, stateTensors: 0 });
  await ref.release();
});

test('a model that breaks on WebGPU falls back to WASM and says so', async ({ page }) => {
  test.setTimeout(480_000);
  const W = 96;
  const H = 64;
  const frames = decodeFrames(talkingClip, W, H, 2);
  const tfjs = {
    ...fp32WebgpuModel.entry,
    id: 'rvm_mobilenetv3_fp32_from_tfjs',
    label: 'RVM fp32 (custom: rvm_mobilenetv3_fp32_from_tfjs.onnx)',
    sha256: 'cca1812382514c028040e9e0d08b78c8dfa23639a74a151390cb500f382273c1',
    bytes: 15021485,
    url: '/__test/models/rvm_mobilenetv3_fp32_from_tfjs.onnx',
    webgpu: 'fails' as const,
  };
  const ref = await RvmReference.open(sharedModels('rvm_mobilenetv3_fp32_from_tfjs.onnx'));
  await openRvmPage(page, [tfjs]);
  await serveFrames(page, frames, W, H);

  for (let i = 0; i < frames.length; i++) {
    const got = await evaluateFrame(page, i, i, i > 0, { backend: 'webgpu' });
    console.log(`from_tfjs forced to WebGPU, frame ${i}: ${got.status.state}: ${got.status.message}`);
    expect(got.status.state).toBe('warning');
    expect(got.status.message).toMatch(/^WebGPU (failed|run failed) \(.+\): using WASM$/);
    expect(got.status.facts!.EP).toBe('wasm');
    expect(meanAbsDiff(await ref.run(frames[i], W, H, 1), got.matte)).toBeLessThanOrEqual(0.005);
  }
  await page.evaluate(() => window.rvmHarness.dispose());
  expect(await page.evaluate(() => window.rvmHarness.counts())).toEqual({ images: 0, stateTensors: 0 });
  await ref.release();
});
