// CPU kernel: RGBA8 to 8-bit I420 (4:2:0) with a given matrix and range, for the encoder.
// Chroma is the average of each 2x2 block. Odd sizes are padded to even by repeating the last
// column/row (4:2:0 H.264 needs even dimensions). A grey input (matte) gets neutral chroma.

import { rgbToYuvCoefficients, type YuvEncoding } from './color-matrix.ts';

export interface I420Buffer {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Even size that holds width x height (what the encoder is given). */
export const evenSize = (width: number, height: number) => ({ width: width + (width & 1), height: height + (height & 1) });

export function rgbaToI420(rgba: ArrayLike<number>, width: number, height: number, enc: YuvEncoding, grey = false): I420Buffer {
  const { width: W, height: H } = evenSize(width, height);
  const cw = W >> 1;
  const ch = H >> 1;
  const data = new Uint8Array(W * H + 2 * cw * ch);
  const c = rgbToYuvCoefficients(enc);
  const F = 1 << 16;
  const yr = Math.round(c.yr * F), yg = Math.round(c.yg * F), yb = Math.round(c.yb * F);
  const yBase = c.yOffset * F + F / 2;
  const greyScale = Math.round((c.yr + c.yg + c.yb) * F);
  const src = (x: number, y: number) => (Math.min(y, height - 1) * width + Math.min(x, width - 1)) * 4;

  for (let y = 0; y < H; y++) {
    const row = Math.min(y, height - 1) * width * 4;
    const o = y * W;
    for (let x = 0; x < W; x++) {
      const i = row + Math.min(x, width - 1) * 4;
      data[o + x] = grey
        ? (yBase + greyScale * rgba[i]) >> 16
        : (yBase + yr * rgba[i] + yg * rgba[i + 1] + yb * rgba[i + 2]) >> 16;
    }
  }

  const uOff = W * H;
  const vOff = uOff + cw * ch;
  if (grey) {
    data.fill(128, uOff);
    return { width: W, height: H, data };
  }
  const ur = c.ur / 4, ug = c.ug / 4, ub = c.ub / 4;
  const vr = c.vr / 4, vg = c.vg / 4, vb = c.vb / 4;
  for (let y = 0; y < ch; y++) {
    for (let x = 0; x < cw; x++) {
      const a = src(2 * x, 2 * y), b = src(2 * x + 1, 2 * y), d = src(2 * x, 2 * y + 1), e = src(2 * x + 1, 2 * y + 1);
      const r = rgba[a] + rgba[b] + rgba[d] + rgba[e];
      const g = rgba[a + 1] + rgba[b + 1] + rgba[d + 1] + rgba[e + 1];
      const bl = rgba[a + 2] + rgba[b + 2] + rgba[d + 2] + rgba[e + 2];
      const k = y * cw + x;
      data[uOff + k] = clamp8(128.5 + ur * r + ug * g + ub * bl);
      data[vOff + k] = clamp8(128.5 + vr * r + vg * g + vb * bl);
    }
  }
  return { width: W, height: H, data };
}

const clamp8 = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : v | 0);
