// The RVM node on onnxruntime-web's WASM EP, on real video frames, held to onnxruntime-node
// running the same model with the same recurrent feedback; plus what its state does on a jump,
// a reset and a ratio change, and that it leaves nothing behind.

import { expect, test } from '@playwright/test';
import { decodeFrames, talkingClip } from './support/frames.ts';
import { meanAbsDiff, meanAbsDiff8, RvmReference } from './support/rvm-reference.ts';
import { evaluateFrame, fp32WebgpuModel, openRvmPage, serveFrames } from './support/rvm-page.ts';

const W = 320;
const H = 180;
const COUNT = 12;
const RATIO = 0.5;

test('RVM on WASM matches onnxruntime-node frame by frame, and its state follows time', async ({ page }) => {
  const frames = decodeFrames(talkingClip, W, H, COUNT);
  const ref = await RvmReference.open(fp32WebgpuModel.path);
  await openRvmPage(page, [fp32WebgpuModel.entry]);
  await serveFrames(page, frames, W, H);
  const adapter = await page.evaluate(async () => (await navigator.gpu?.requestAdapter())?.info.architecture ?? 'none');

  const diffs: number[] = [];
  const ms: number[] = [];
  let first: Uint8Array | undefined;
  for (let i = 0; i < COUNT; i++) {
    const got = await evaluateFrame(page, i, i, i > 0, { downsampleRatio: RATIO });
    const want = await ref.run(frames[i], W, H, RATIO);
    diffs.push(meanAbsDiff(want, got.matte));
    ms.push(Number(got.status.facts!['ms/frame']));
    first ??= got.matte;
    expect(got.status.state).toBe('ready');
    expect(got.status.facts).toMatchObject({ EP: 'wasm', precision: 'fp32', ratio: String(RATIO), model: fp32WebgpuModel.entry.label });
    if (/swiftshader/i.test(adapter)) {
      expect(got.status.facts!['EP note']).toBe('WebGPU adapter is software (SwiftShader): using WASM');
    }
    // People are in the shot: part of the frame is foreground, part background.
    const fg = got.matte.filter((v) => v > 127).length / got.matte.length;
    expect(fg).toBeGreaterThan(0.05);
    expect(fg).toBeLessThan(0.95);
    expect(got.fgrMean).toBeGreaterThan(0.05);
  }
  console.log(`WASM ${W}x${H} @${RATIO}: pha mean abs diff per frame ${diffs.map((d) => d.toFixed(5)).join(' ')}`);
  console.log(`WASM ms/frame: ${ms.map((m) => m.toFixed(0)).join(' ')}`);
  for (const d of diffs) expect(d).toBeLessThanOrEqual(0.005);

  // Frame 0's picture again, but as the next frame in sequence: the state carries on.
  const carried = await evaluateFrame(page, 0, COUNT, true, { downsampleRatio: RATIO });
  const carriedRef = await ref.run(frames[0], W, H, RATIO);
  expect(meanAbsDiff(carriedRef, carried.matte)).toBeLessThanOrEqual(0.005);
  const stateEffect = meanAbsDiff8(carried.matte, first!);
  console.log(`state effect on frame 0 after ${COUNT} frames: ${stateEffect.toFixed(5)}`);

  // A jump back to frame 0 starts over and gives the first result again.
  const jumped = await evaluateFrame(page, 0, 0, false, { downsampleRatio: RATIO });
  const jumpDiff = meanAbsDiff8(jumped.matte, first!);
  console.log(`jump to frame 0 vs first result: ${jumpDiff.toFixed(6)}`);
  expect(jumpDiff).toBeLessThan(stateEffect / 10);
  expect(jumpDiff).toBeLessThanOrEqual(0.0005);

  // reset() forgets the state even when the caller says "sequential".
  await evaluateFrame(page, 1, 1, true, { downsampleRatio: RATIO });
  await page.evaluate(() => window.rvmHarness.reset());
  const afterReset = await evaluateFrame(page, 2, 2, true, { downsampleRatio: RATIO });
  ref.reset();
  expect(meanAbsDiff(await ref.run(frames[2], W, H, RATIO), afterReset.matte)).toBeLessThanOrEqual(0.005);

  // A new ratio mid-sequence restarts the state too (the recurrent tensors change size).
  const newRatio = await evaluateFrame(page, 3, 3, true, { downsampleRatio: 0.4 });
  ref.reset();
  expect(meanAbsDiff(await ref.run(frames[3], W, H, 0.4), newRatio.matte)).toBeLessThanOrEqual(0.005);
  expect(newRatio.status.facts!.ratio).toBe('0.4');

  await page.evaluate(() => window.rvmHarness.dispose());
  expect(await page.evaluate(() => window.rvmHarness.counts())).toEqual({ images: 0, stateTensors: 0 });
  await ref.release();
});
