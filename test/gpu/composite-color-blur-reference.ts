// CPU reference of shaders/composite-color-blur.wgsl (tests only): a separable Gaussian over all
// four channels, σ = radius / 2, taps to ⌈3σ⌉, normalised, edges clamped; horizontal then vertical.

import { floatPicture, type FloatPicture } from './composite-float-picture.ts';

function blurOneWay(src: FloatPicture, sigma: number, taps: number, dx: number, dy: number): FloatPicture {
  const { width, height } = src;
  const out = floatPicture(width, height);
  const weights = Array.from({ length: 2 * taps + 1 }, (_, k) => Math.exp(-((k - taps) ** 2) / (2 * sigma * sigma)));
  const total = weights.reduce((a, b) => a + b, 0);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      for (let k = -taps; k <= taps; k++) {
        const sx = Math.min(Math.max(x + dx * k, 0), width - 1);
        const sy = Math.min(Math.max(y + dy * k, 0), height - 1);
        const s = (sy * width + sx) * 4;
        const w = weights[k + taps] / total;
        for (let c = 0; c < 4; c++) out.data[o + c] += w * src.data[s + c];
      }
    }
  }
  return out;
}

export function colorBlurReference(src: FloatPicture, radius: number): FloatPicture {
  const sigma = radius / 2;
  const taps = Math.ceil(3 * sigma);
  return blurOneWay(blurOneWay(src, sigma, taps, 1, 0), sigma, taps, 0, 1);
}
