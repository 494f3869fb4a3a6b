// The Min/Max → Clip rewrite that keeps RVM's output clamps on onnxruntime-web's WebGPU kernels:
// the rewritten test model has no Min or Max left, and computes exactly what the original does
// (onnxruntime-node, two recurrent frames of real video).

import { readFileSync } from 'node:fs';
import ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { identityModelBytes } from '../../src/ml/onnx-identity-model.ts';
import { summarizeOnnxGraph } from '../../src/ml/onnx-graph-summary.ts';
import { minMaxToClip } from '../../src/ml/onnx-min-max-to-clip.ts';
import { decodeFrames, talkingClip } from './support/frames.ts';
import { fp32WebgpuModel } from './support/rvm-page.ts';

const W = 96;
const H = 64;

async function runTwoFrames(bytes: Uint8Array, frames: Buffer[]) {
  const session = await ort.InferenceSession.create(bytes);
  const zero = () => new ort.Tensor('float32', new Float32Array(1), [1, 1, 1, 1]);
  let state: ort.Tensor[] = [zero(), zero(), zero(), zero()];
  const results: { pha: Float32Array; fgr: Float32Array }[] = [];
  for (const rgba of frames) {
    const src = new Float32Array(3 * W * H);
    for (let i = 0; i < W * H; i++) for (let c = 0; c < 3; c++) src[c * W * H + i] = rgba[i * 4 + c] / 255;
    const out = await session.run({
      src: new ort.Tensor('float32', src, [1, 3, H, W]),
      r1i: state[0], r2i: state[1], r3i: state[2], r4i: state[3],
      downsample_ratio: new ort.Tensor('float32', new Float32Array([0.5]), [1]),
    });
    state = [out.r1o, out.r2o, out.r3o, out.r4o];
    results.push({ pha: out.pha.data as Float32Array, fgr: out.fgr.data as Float32Array });
  }
  await session.release();
  return results;
}

const maxAbsDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

describe('Min/Max → Clip', () => {
  it('rewrites the RVM output clamps and changes nothing in the result', async () => {
    const original = new Uint8Array(readFileSync(fp32WebgpuModel.path));
    const { bytes, rewritten } = minMaxToClip(original);
    expect(rewritten).toBe(4); // fgr and pha: Max(Min(x, 1), 0)
    const before = summarizeOnnxGraph(original).ops;
    const after = summarizeOnnxGraph(bytes).ops;
    expect([before.Min, before.Max, before.Clip]).toEqual([2, 2, undefined]);
    expect([after.Min, after.Max, after.Clip]).toEqual([undefined, undefined, 4]);

    const frames = decodeFrames(talkingClip, W, H, 2);
    const want = await runTwoFrames(original, frames);
    const got = await runTwoFrames(bytes, frames);
    for (let i = 0; i < 2; i++) {
      expect(maxAbsDiff(want[i].pha, got[i].pha)).toBe(0);
      expect(maxAbsDiff(want[i].fgr, got[i].fgr)).toBe(0);
      expect(Math.min(...got[i].pha)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...got[i].pha)).toBeLessThanOrEqual(1);
    }
  });

  it('leaves a model without such clamps untouched', () => {
    const identity = identityModelBytes();
    expect(minMaxToClip(identity)).toEqual({ bytes: identity, rewritten: 0 });
    expect(minMaxToClip(new Uint8Array([1, 2, 3])).rewritten).toBe(0); // not ONNX: the session will say so
  });
});
