// CPU reference of shaders/plate-blur.wgsl, in float64: a separable Gaussian (σ = radius / 2,
// taps out to 3σ, edges clamped) of the colours premultiplied by alpha, then un-premultiplied.

import type { Pixels } from './composite-reference.ts';

export function blurPlateReference({ width, height, rgba }: Pixels, radius: number): Pixels {
  const sigma = radius / 2;
  const taps = Math.ceil(3 * sigma);
  const weights = Array.from({ length: 2 * taps + 1 }, (_, k) => Math.exp(-((k - taps) ** 2) / (2 * sigma * sigma)));
  const total = weights.reduce((s, w) => s + w, 0);
  const clamp = (v: number, max: number) => Math.min(Math.max(v, 0), max);

  const premultiplied = new Float64Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const a = rgba[i * 4 + 3] / 255;
    for (let c = 0; c < 3; c++) premultiplied[i * 4 + c] = (rgba[i * 4 + c] / 255) * a;
    premultiplied[i * 4 + 3] = a;
  }
  const pass = (src: Float64Array, dx: number, dy: number) => {
    const dst = new Float64Array(src.length);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        for (let k = -taps; k <= taps; k++) {
          const j = clamp(y + k * dy, height - 1) * width + clamp(x + k * dx, width - 1);
          const w = weights[k + taps] / total;
          for (let c = 0; c < 4; c++) dst[(y * width + x) * 4 + c] += w * src[j * 4 + c];
        }
      }
    }
    return dst;
  };
  const blurred = pass(pass(premultiplied, 1, 0), 0, 1);
  const out = new Uint8Array(rgba.length);
  const to8 = (v: number) => Math.round(clamp(v, 1) * 255);
  for (let i = 0; i < width * height; i++) {
    const a = blurred[i * 4 + 3];
    for (let c = 0; c < 3; c++) out[i * 4 + c] = a > 0 ? to8(blurred[i * 4 + c] / a) : 0;
    out[i * 4 + 3] = to8(a);
  }
  return { width, height, rgba: out };
}
