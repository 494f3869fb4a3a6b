// CPU reference of the Color Key shaders (shaders/color-key-matte.wgsl, color-key-output.wgsl,
// matte-choke.wgsl, matte-blur.wgsl; the plate is in screen-plate-reference.ts), used only by
// tests: the same passes in doubles, written out plainly so a shader bug does not hide in shared
// code. Only the model's constants are shared (key-model.ts).

import { DENOISE_SIGMA, UNMIX_CAP, screenBasis, screenness, type ScreenBasis } from '../../nodes/color-key/key-model.ts';
import { maskAt, plateAt, screenPlate, type Pixels, type Plate } from './screen-plate-reference.ts';

export { plateAt, type Pixels } from './screen-plate-reference.ts';

export interface KeySettings {
  /** Screen colour, 0..255 channels. */
  screen: [number, number, number];
  tolerance: number;
  softness: number;
  clipBlack: number;
  clipWhite: number;
  despillAmount: number;
  despillBias: number;
  choke: number;
  blur: number;
  mode: 'final' | 'matte' | 'status';
}

export const defaultSettings = (screen: [number, number, number]): KeySettings => ({
  screen, tolerance: 0.08, softness: 1, clipBlack: 0, clipWhite: 1, despillAmount: 1, despillBias: 0, choke: 0, blur: 0, mode: 'final',
});

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));
const px = (p: Pixels, i: number): [number, number, number] => [p.rgba[i * 4] / 255, p.rgba[i * 4 + 1] / 255, p.rgba[i * 4 + 2] / 255];

/**
 * α from screen-ness s: the physical 1 − s minus the knee tolerance·(s / (1 − tolerance))^16,
 * which keys out pixels within tolerance of the screen but leaves mid-range alpha (almost) as it
 * is, then softness (1 = as is, lower hardens the transition about α = 0.5).
 */
const alphaFromScreenness = (s: KeySettings, screenness: number) => {
  const t = Math.max(0, screenness / (1 - s.tolerance));
  const a = 1 - screenness - s.tolerance * t ** 16;
  return clamp01(0.5 + (a - 0.5) / s.softness);
};

/** The un-smoothed key of one pixel (what the foreground colour is unmixed with). */
export const rawAlpha = (b: ScreenBasis, s: KeySettings, c: readonly number[], k: number) =>
  alphaFromScreenness(s, screenness(b, c) / k);

/** color-key-matte.wgsl: the keyed, clipped matte (0..1 floats). */
export function keyMatte(src: Pixels, s: KeySettings, b: ScreenBasis, plate: Plate): Float64Array {
  const { width: w, height: h } = src;
  const screennessAt = (x: number, y: number) => {
    const cx = Math.min(Math.max(x, 0), w - 1);
    const cy = Math.min(Math.max(y, 0), h - 1);
    return screenness(b, px(src, cy * w + cx)) / plateAt(plate, cx, cy);
  };
  const out = new Float64Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const own = screennessAt(x, y);
      let sum = 0;
      let weights = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const v = screennessAt(x + dx, y + dy);
          const weight = Math.exp(-((v - own) ** 2) / (2 * DENOISE_SIGMA * DENOISE_SIGMA));
          sum += weight * v;
          weights += weight;
        }
      }
      const a = alphaFromScreenness(s, sum / weights);
      out[y * w + x] = clamp01((a - s.clipBlack) / Math.max(s.clipWhite - s.clipBlack, 1e-4));
    }
  }
  return out;
}

/** matte-choke.wgsl: grey erosion (radius < 0) or dilation (> 0) over a disc, fractional radii blended. */
export function chokeMatte(m: Float64Array, w: number, h: number, radius: number): Float64Array {
  const r = Math.abs(radius);
  const r0 = Math.floor(r);
  const r1 = Math.ceil(r);
  const pick = radius < 0 ? Math.min : Math.max;
  const out = new Float64Array(m.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let inner = m[y * w + x];
      let outer = inner;
      for (let dy = -r1; dy <= r1; dy++) {
        for (let dx = -r1; dx <= r1; dx++) {
          const d2 = dx * dx + dy * dy;
          if (d2 > r1 * r1) continue;
          const v = m[Math.min(Math.max(y + dy, 0), h - 1) * w + Math.min(Math.max(x + dx, 0), w - 1)];
          outer = pick(outer, v);
          if (d2 <= r0 * r0) inner = pick(inner, v);
        }
      }
      out[y * w + x] = inner + (outer - inner) * (r - r0);
    }
  }
  return out;
}

/** matte-blur.wgsl, horizontal then vertical: a Gaussian with σ = radius / 2, edges clamped. */
export function blurMatte(m: Float64Array, w: number, h: number, radius: number): Float64Array {
  const sigma = radius / 2;
  const taps = Math.ceil(3 * sigma);
  const weights = Array.from({ length: 2 * taps + 1 }, (_, i) => Math.exp(-((i - taps) ** 2) / (2 * sigma * sigma)));
  const total = weights.reduce((a, v) => a + v, 0);
  const pass = (src: Float64Array, horizontal: boolean) => {
    const out = new Float64Array(src.length);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        let acc = 0;
        for (let i = -taps; i <= taps; i++) {
          const sx = horizontal ? Math.min(Math.max(x + i, 0), w - 1) : x;
          const sy = horizontal ? y : Math.min(Math.max(y + i, 0), h - 1);
          acc += weights[i + taps] * src[sy * w + sx];
        }
        out[y * w + x] = acc / total;
      }
    }
    return out;
  };
  return pass(pass(m, true), false);
}

/** The foreground colour: unmixed from the local screen, then despilled (0..1 floats). */
export function foregroundColor(b: ScreenBasis, s: KeySettings, c: readonly number[], k: number, alpha: number): number[] {
  const bg = b.screen.map((v) => v * k);
  const factor = Math.min((1 - alpha) / Math.max(alpha, 1e-6), UNMIX_CAP);
  const f = c.map((v, i) => clamp01(v + factor * (v - bg[i])));
  // Move F out along the screen hue until its screen-ness is down to the bias (per edge measure).
  const hueDepth = b.edges.map((e) => e[0] * b.hue[0] + e[1] * b.hue[1] + e[2] * b.hue[2]);
  const along = b.edges.map((e, i) => (e[0] * f[0] + e[1] * f[1] + e[2] * f[2] - s.despillBias) / hueDepth[i]);
  const t = s.despillAmount * Math.max(0, Math.min(along[0], along[1]));
  return f.map((v, i) => clamp01(v - t * b.hue[i]));
}

export interface KeyResult {
  matte: Uint8ClampedArray;
  image: Uint8ClampedArray;
  /** The final matte as floats (before 8-bit rounding). */
  alpha: Float64Array;
  plate: Plate;
}

/** The whole node: plate, key, choke, blur, garbage and holdout, then the two outputs (8-bit). */
export function colorKeyReference(src: Pixels, s: KeySettings, garbage?: Pixels, holdout?: Pixels): KeyResult {
  const { width: w, height: h } = src;
  const b = screenBasis(s.screen);
  const plate = screenPlate(src, b, garbage, holdout);
  let m = keyMatte(src, s, b, plate);
  if (s.choke !== 0) m = chokeMatte(m, w, h, s.choke);
  if (s.blur > 0) m = blurMatte(m, w, h, s.blur);
  const alpha = new Float64Array(w * h);
  const matte = new Uint8ClampedArray(w * h * 4);
  const image = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const a = Math.max(m[i] * (1 - maskAt(garbage, w, h, x, y)), maskAt(holdout, w, h, x, y));
      alpha[i] = a;
      const v = Math.round(a * 255);
      matte.set([v, v, v, 255], i * 4);
      if (s.mode === 'matte') {
        image.set([v, v, v, 255], i * 4);
      } else if (s.mode === 'status') {
        const st = a >= 254.5 / 255 ? 255 : a < 0.5 / 255 ? 0 : 128;
        image.set([st, st, st, 255], i * 4);
      } else {
        const k = plateAt(plate, x, y);
        const c = px(src, i);
        const f = foregroundColor(b, s, c, k, rawAlpha(b, s, c, k));
        const shown = Math.min(1, a * 510);
        image.set([...f.map((v) => Math.round(v * shown * 255)), v], i * 4);
      }
    }
  }
  return { matte, image, alpha, plate };
}
