// The RVM node forced onto onnxruntime-web's WebGPU EP. Here the adapter is SwiftShader (a CPU
// implementation, ~10-30 s per tiny frame), so this runs two 128x96 frames: enough to prove the
// GPU-resident path (input tensor written from the frame texture, recurrent state fed back on the
// GPU, pha/fgr turned into textures, nothing read back: every buffer mapped for reading on the
// page is counted, onnxruntime's own included), that it gives what the WASM path gives, and that
// no silent WASM fallback happened.

import { expect, test } from '@playwright/test';
import { decodeFrames, talkingClip } from './support/frames.ts';
import { meanAbsDiff, meanAbsDiff8, RvmReference } from './support/rvm-reference.ts';
import { evaluateFrame, fp32WebgpuModel, openRvmPage, serveFrames } from './support/rvm-page.ts';
import { sharedModels } from '../support/shared-paths.ts';

const W = 128;
const H = 96;

test('RVM forced to WebGPU stays on the GPU and matches onnxruntime-node and the WASM path on two frames', async ({ page }) => {
  test.setTimeout(480_000);
  const frames = decodeFrames(talkingClip, W, H, 2);
  const ref = await RvmReference.open(fp32WebgpuModel.path);
  await openRvmPage(page, [fp32WebgpuModel.entry]);
  await serveFrames(page, frames, W, H);

  const gpuMattes: Uint8Array[] = [];
  for (let i = 0; i < frames.length; i++) {
    const got = await evaluateFrame(page, i, i, i > 0, { backend: 'webgpu' });
    gpuMattes.push(got.matte);
    const ratio = Number(got.status.facts!.ratio);
    expect(ratio).toBe(1); // auto: a 128 px long side is below 480 px
    const diff = meanAbsDiff(await ref.run(frames[i], W, H, ratio), got.matte);
    console.log(`WebGPU ${W}x${H} frame ${i}: pha mean abs diff ${diff.toFixed(5)}, ${got.status.facts!['ms/frame']} ms, ` +
      `${got.status.facts!['EP note'] ?? ''}`);
    console.log(`  facts ${JSON.stringify(got.status.facts)}; GPU reads ${got.gpuReads}, texture readbacks ${got.textureReadbacks}`);
    expect(got.status.state).toBe('ready');
    expect(got.status.facts!.EP).toBe('webgpu');
    expect(diff).toBeLessThanOrEqual(0.005);
    // GPU-resident: pha and fgr are textures, and nothing was read back while the node ran.
    expect(got.status.facts!.IO).toBe('GPU (no readback)');
    expect(got.onGpu).toBe(true);
    expect(got.gpuReads).toBe(0);
    expect(got.textureReadbacks).toBe(0);
  }
  // The same frames on the WASM path (the CPU, frames as pixels): the same mattes.
  for (let i = 0; i < frames.length; i++) {
    const wasm = await evaluateFrame(page, i, i, i > 0, { backend: 'wasm' });
    expect(wasm.status.facts).toMatchObject({ EP: 'wasm', IO: 'CPU' });
    expect(wasm.onGpu).toBe(false);
    const diff = meanAbsDiff8(gpuMattes[i], wasm.matte);
    console.log(`frame ${i}: WebGPU vs WASM pha mean abs diff ${diff.toExponential(2)}`);
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

  const gpuMattes: Uint8Array[] = [];
  for (let i = 0; i < frames.length; i++) {
    const got = await evaluateFrame(page, i, i, i > 0, { backend: 'webgpu' });
    gpuMattes.push(got.matte);
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
