// CPU reference of the Matte Ops chain (shaders/matte-combine.wgsl, matte-threshold.wgsl,
// matte-invert.wgsl, matte-to-image.wgsl; choke and blur from the Color Key's reference), used
// only by tests. Mattes are float arrays of 0..1 between stages, as r32float on the GPU.

import { combineCode, type MatteOpsSettings } from '../../nodes/matte-ops/matte-ops-settings.ts';
import { blurMatte, chokeMatte } from './color-key-reference.ts';
import { maskAt, type Pixels } from './screen-plate-reference.ts';

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

export const defaultOps: MatteOpsSettings = { combine: 'off', threshold: false, level: 0.5, softness: 0, choke: 0, blur: 0, invert: false };

/** A matte picture's values (R channel) as floats. */
export function matteValues(p: Pixels): Float64Array {
  const out = new Float64Array(p.width * p.height);
  for (let i = 0; i < out.length; i++) out[i] = p.rgba[i * 4] / 255;
  return out;
}

const COMBINE: ((x: number, y: number) => number)[] = [
  (x) => x,
  Math.max,
  Math.min,
  (x, y) => x * y,
  (x, y) => x + y - x * y,
  (x, y) => Math.min(x + y, 1),
  (x, y) => Math.max(x - y, 0),
  (x, y) => x * (1 - y),
  (x, y) => Math.abs(x - y),
];

/** matte-combine.wgsl: A with B resized bilinearly to A's size. */
export function combineMattes(a: Pixels, b: Pixels, mode: MatteOpsSettings['combine']): Float64Array {
  const f = COMBINE[combineCode(mode)];
  const out = new Float64Array(a.width * a.height);
  for (let y = 0; y < a.height; y++) {
    for (let x = 0; x < a.width; x++) {
      const i = y * a.width + x;
      out[i] = clamp01(f(a.rgba[i * 4] / 255, maskAt(b, a.width, a.height, x, y)));
    }
  }
  return out;
}

/** matte-threshold.wgsl: a step at the level, or a linear ramp of width `softness` centred on it. */
export function thresholdMatte(m: Float64Array, level: number, softness: number): Float64Array {
  return m.map((v) => (softness > 0 ? clamp01((v - level) / softness + 0.5) : v >= level ? 1 : 0));
}

/** matte-invert.wgsl. */
export const invertMatte = (m: Float64Array) => m.map((v) => 1 - v);

/** matte-to-image.wgsl: the matte as RGBA8, value in R, G and B, alpha 255. */
export function matteToImage(m: Float64Array): Uint8ClampedArray {
  const out = new Uint8ClampedArray(m.length * 4);
  for (let i = 0; i < m.length; i++) {
    const v = Math.round(clamp01(m[i]) * 255);
    out.set([v, v, v, 255], i * 4);
  }
  return out;
}

export interface OpsResult {
  image: Uint8ClampedArray;
  /** The matte as it entered the threshold (to skip pixels sitting right on the level). */
  beforeThreshold: Float64Array;
}

/** The whole chain, in the node's order: combine → threshold → choke → blur → invert. */
export function matteOpsReference(a: Pixels, b: Pixels | undefined, s: MatteOpsSettings): OpsResult {
  const { width: w, height: h } = a;
  let m = s.combine === 'off' ? matteValues(a) : combineMattes(a, b!, s.combine);
  const beforeThreshold = m;
  if (s.threshold) m = thresholdMatte(m, s.level, s.softness);
  if (s.choke !== 0) m = chokeMatte(m, w, h, s.choke);
  if (s.blur > 0) m = blurMatte(m, w, h, s.blur);
  if (s.invert) m = invertMatte(m);
  return { image: matteToImage(m), beforeThreshold };
}
