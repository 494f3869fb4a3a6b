// What the test model computes (see build_test_model.py), re-done in plain TS with float32
// rounding where onnxruntime rounds, from RGBA8 source and plate of one (model-ready) size.
// Held to onnxruntime-node in test-model.unit.test.ts, then used to predict the node's outputs.

import type { TestModelOptions } from './test-model.ts';

export interface TestModelOutputs {
  width: number;
  height: number;
  /** Full resolution: pha [H*W], fgr [3*H*W] (planar). */
  pha: Float32Array;
  fgr: Float32Array;
  /** Backbone scale: err_sm, pha_sm [smW*smH]. */
  errSm: Float32Array;
  phaSm: Float32Array;
  smWidth: number;
  smHeight: number;
  /** Quarter resolution: ref_sm [qW*qH], and the error TopK ranked (err_sm by nearest). */
  refSm: Float32Array;
  errQ: Float32Array;
  qWidth: number;
  qHeight: number;
}

const f = Math.fround;
const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

export function runTestModelReference(
  src: Uint8Array | Uint8ClampedArray,
  bgr: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
  { k, scaleDiv: S }: TestModelOptions,
): TestModelOutputs {
  const plane = width * height;
  const s = (c: number, i: number) => f(src[i * 4 + c] / 255);
  const b = (c: number, i: number) => f(bgr[i * 4 + c] / 255);
  const d = new Float32Array(plane);
  for (let i = 0; i < plane; i++) {
    d[i] = f((Math.abs(f(s(0, i) - b(0, i))) + Math.abs(f(s(1, i) - b(1, i))) + Math.abs(f(s(2, i) - b(2, i)))) / 3);
  }
  const smWidth = Math.floor(width / S);
  const smHeight = Math.floor(height / S);
  const pool = (value: (i: number) => number) => {
    const out = new Float32Array(smWidth * smHeight);
    for (let y = 0; y < smHeight; y++) {
      for (let x = 0; x < smWidth; x++) {
        let sum = 0;
        for (let dy = 0; dy < S; dy++) for (let dx = 0; dx < S; dx++) sum += value((y * S + dy) * width + x * S + dx);
        out[y * smWidth + x] = f(sum / (S * S));
      }
    }
    return out;
  };
  const errSm = pool((i) => d[i]);
  const phaSm = errSm.map((v) => clamp01(f(v * 4)));
  const fgrSm = [0, 1, 2].map((c) => pool((i) => s(c, i)));

  const qWidth = width / 4;
  const qHeight = height / 4;
  const errQ = new Float32Array(qWidth * qHeight);
  for (let y = 0; y < qHeight; y++) {
    for (let x = 0; x < qWidth; x++) errQ[y * qWidth + x] = errSm[Math.floor((y * 4) / S) * smWidth + Math.floor((x * 4) / S)];
  }
  // TopK: largest first, ties to the lower index (the ONNX rule); then only where error > 0.
  const order = Array.from(errQ.keys()).sort((i, j) => errQ[j] - errQ[i] || i - j);
  const refSm = new Float32Array(errQ.length);
  for (const i of order.slice(0, k)) refSm[i] = errQ[i] > 0 ? 1 : 0;

  const pha = new Float32Array(plane);
  const fgr = new Float32Array(3 * plane);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const refined = refSm[Math.floor(y / 4) * qWidth + Math.floor(x / 4)] === 1;
      const cell = Math.floor(y / S) * smWidth + Math.floor(x / S);
      pha[i] = clamp01(refined ? f(d[i] * 4) : phaSm[cell]);
      for (let c = 0; c < 3; c++) fgr[c * plane + i] = clamp01(refined ? s(c, i) : fgrSm[c][cell]);
    }
  }
  return { width, height, pha, fgr, errSm, phaSm, smWidth, smHeight, refSm, errQ, qWidth, qHeight };
}

/**
 * Cells of ref_sm whose selection depends on float rounding: more cells have error > 0 than K,
 * and their error is within `eps` of the K-th largest. Elsewhere the choice is exact.
 */
export function ambiguousRefCells(out: TestModelOutputs, k: number, eps = 1e-6): Set<number> {
  const positive = Array.from(out.errQ).filter((v) => v > 0).sort((a, b) => b - a);
  if (positive.length <= k) return new Set();
  const kth = positive[k - 1];
  const cells = new Set<number>();
  out.errQ.forEach((v, i) => Math.abs(v - kth) <= eps && cells.add(i));
  return cells;
}
