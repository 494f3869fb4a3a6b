// CPU kernels for transparent exports: the colour picture combined with its alpha (straight or
// premultiplied), and the alpha alone as the luma of a grey 4:2:0 picture (how VP9/VP8 WebM
// stores alpha: a second stream whose Y plane is the alpha, used as is, full range).

import type { ColourMode } from './export-settings.ts';

/**
 * RGBA with A taken from `matte` (a matte image: value in R) or, without one, from the colour's
 * own A. Premultiplied colour is multiplied by alpha and rounded; straight colour is left alone.
 */
export function rgbaWithAlpha(colour: ArrayLike<number>, matte: ArrayLike<number> | undefined, mode: ColourMode): Uint8ClampedArray {
  const out = new Uint8ClampedArray(colour.length);
  for (let i = 0; i < colour.length; i += 4) {
    const a = matte ? matte[i] : colour[i + 3];
    if (mode === 'premultiplied') {
      // Uint8ClampedArray rounds to the nearest integer on assignment.
      out[i] = (colour[i] * a) / 255;
      out[i + 1] = (colour[i + 1] * a) / 255;
      out[i + 2] = (colour[i + 2] * a) / 255;
    } else {
      out[i] = colour[i];
      out[i + 1] = colour[i + 1];
      out[i + 2] = colour[i + 2];
    }
    out[i + 3] = a;
  }
  return out;
}

/** The alpha of RGBA `rgba` as I420: Y = A (padded to even size by repeating edges), chroma 128. */
export function alphaPlaneI420(rgba: ArrayLike<number>, width: number, height: number): Uint8Array {
  const W = width + (width & 1);
  const H = height + (height & 1);
  const data = new Uint8Array(W * H + 2 * (W >> 1) * (H >> 1));
  for (let y = 0; y < H; y++) {
    const row = Math.min(y, height - 1) * width;
    for (let x = 0; x < W; x++) data[y * W + x] = rgba[(row + Math.min(x, width - 1)) * 4 + 3];
  }
  data.fill(128, W * H);
  return data;
}
