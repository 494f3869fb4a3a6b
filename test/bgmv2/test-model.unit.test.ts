// The BGMv2-signature test model itself: exactly the official IO signature, the sampling
// refiner's op kinds, and outputs that the TS reference predicts, on onnxruntime-node.

import ort from 'onnxruntime-node';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkSignature, ioFromMetadata } from '../../src/ml/io-signature.ts';
import { familySpec } from '../../src/ml/manifest.ts';
import { summarizeOnnxGraph } from '../../src/ml/onnx-graph-summary.ts';
import { opsWithoutWebGpuKernel } from '../../src/ml/webgpu-kernels.ts';
import { decodePicture, intelPerson, intelPlate, synthetic, type Rgba } from './support/pictures.ts';
import { buildBgmv2TestModel, type TestModelOptions } from './support/test-model.ts';
import { ambiguousRefCells, runTestModelReference } from './support/test-model-reference.ts';

const planar = (p: Rgba) => {
  const plane = p.width * p.height;
  const out = new Float32Array(3 * plane);
  for (let i = 0; i < plane; i++) for (let c = 0; c < 3; c++) out[c * plane + i] = p.rgba[i * 4 + c] / 255;
  return new ort.Tensor('float32', out, [1, 3, p.height, p.width]);
};

async function runOnNode(options: TestModelOptions, src: Rgba, bgr: Rgba) {
  const session = await ort.InferenceSession.create(buildBgmv2TestModel(options));
  try {
    return await session.run({ src: planar(src), bgr: planar(bgr) });
  } finally {
    await session.release();
  }
}

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

describe('BGMv2 test model', () => {
  it('has the official IO signature: names, float32, rank 4, dynamic axes batch/height/width', async () => {
    const session = await ort.InferenceSession.create(buildBgmv2TestModel());
    const io = ioFromMetadata(session.inputMetadata, session.outputMetadata);
    expect(io.inputs.map((i) => i.name)).toEqual(['src', 'bgr']);
    expect(io.outputs.map((o) => o.name)).toEqual(['pha', 'fgr', 'pha_sm', 'fgr_sm', 'err_sm', 'ref_sm']);
    expect(checkSignature(familySpec('bgmv2'), io)).toEqual({ ok: true, precision: 'fp32' });
    const rgb = ['src', 'bgr', 'fgr', 'fgr_sm'];
    for (const m of [...session.inputMetadata, ...session.outputMetadata]) {
      expect(m.isTensor && m.shape).toEqual(['batch', rgb.includes(m.name) ? 3 : 1, 'height', 'width']);
    }
    await session.release();
  });

  it('holds the sampling refiner op kinds, which onnxruntime-web has no WebGPU kernels for, and opset 12', () => {
    const bytes = new Uint8Array(readFileSync(buildBgmv2TestModel()));
    const graph = summarizeOnnxGraph(bytes);
    for (const op of ['TopK', 'ScatterElements', 'NonZero', 'RoiAlign']) expect(graph.ops[op]).toBeGreaterThan(0);
    expect(graph.topK).toBe(64);
    expect(opsWithoutWebGpuKernel(graph.ops)).toEqual(['TopK', 'ScatterElements', 'NonZero', 'RoiAlign']);
    expect(graph.opset).toBe(12);
  });

  it.each([
    ['1/4', { k: 64, scaleDiv: 4 }, 192, 108],
    ['1/8', { k: 200, scaleDiv: 8 }, 192, 112],
  ] as const)('gives the outputs the reference predicts on a real pair (scale %s)', async (_, options, W, H) => {
    const src = decodePicture(intelPerson, W, H);
    const bgr = decodePicture(intelPlate, W, H);
    const got = await runOnNode(options, src, bgr);
    const want = runTestModelReference(src.rgba, bgr.rgba, W, H, options);
    expect(got.err_sm.dims).toEqual([1, 1, H / options.scaleDiv, W / options.scaleDiv]);
    expect(got.ref_sm.dims).toEqual([1, 1, H / 4, W / 4]);
    expect(maxAbsDiff(got.err_sm.data as Float32Array, want.errSm)).toBeLessThan(1e-6);
    expect(maxAbsDiff(got.pha_sm.data as Float32Array, want.phaSm)).toBeLessThan(1e-5);
    const ref = got.ref_sm.data as Float32Array;
    const unsure = ambiguousRefCells(want, options.k);
    const differ = [...ref.keys()].filter((i) => ref[i] !== want.refSm[i] && !unsure.has(i));
    expect(differ).toEqual([]);
    expect(ref.reduce((a, v) => a + v, 0)).toBe(options.k); // the person gives far more than K cells with error
    if (unsure.size === 0) {
      expect(maxAbsDiff(got.pha.data as Float32Array, want.pha)).toBeLessThan(1e-5);
      expect(maxAbsDiff(got.fgr.data as Float32Array, want.fgr)).toBeLessThan(1e-5);
    }
  });

  it('refines only cells with error, ties going to the lower index, and replaces whole 4x4 patches', async () => {
    const W = 64;
    const H = 48;
    // Plate grey; the source differs by exactly 30 levels in a 5x3-cell block (15 equal errors,
    // more than K = 8) and by 90 levels in two cells: those two must be picked, then the first
    // six of the tied block in reading order.
    const bgr = synthetic(W, H, () => [100, 100, 100]);
    const src = synthetic(W, H, (x, y) => {
      const cx = Math.floor(x / 4);
      const cy = Math.floor(y / 4);
      if ((cx === 14 && cy === 10) || (cx === 1 && cy === 11)) return [190, 190, 190];
      return cx >= 4 && cx < 9 && cy >= 2 && cy < 5 ? [130, 130, 130] : [100, 100, 100];
    });
    const options = { k: 8, scaleDiv: 4 } as const;
    const got = await runOnNode(options, src, bgr);
    const want = runTestModelReference(src.rgba, bgr.rgba, W, H, options);
    const picked = [...(got.ref_sm.data as Float32Array).keys()].filter((i) => (got.ref_sm.data as Float32Array)[i] === 1);
    const cell = (cx: number, cy: number) => cy * (W / 4) + cx;
    expect(picked).toEqual([cell(4, 2), cell(5, 2), cell(6, 2), cell(7, 2), cell(8, 2), cell(4, 3), cell(14, 10), cell(1, 11)]);
    expect(maxAbsDiff(got.pha.data as Float32Array, want.pha)).toBeLessThan(1e-6);
    expect(maxAbsDiff(got.fgr.data as Float32Array, want.fgr)).toBeLessThan(1e-6);
  });

  it('fails like an official export when the frame holds fewer patches than K (why the node pads)', async () => {
    const p = synthetic(24, 16, (x) => [x * 10, 0, 0]);
    await expect(runOnNode({ k: 64, scaleDiv: 4 }, p, p)).rejects.toThrow(/k argument \[64\] should not be greater than specified axis dim value \[24\]/);
  });
});
