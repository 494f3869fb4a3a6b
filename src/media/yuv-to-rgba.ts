// CPU kernel: planar Y'CbCr (4:2:0, 4:2:2, 4:4:4, or NV12's interleaved chroma), 8, 10 or 12 bits
// a sample, to RGBA8, with the matrix and range the frame is tagged with. Deeper samples use the
// same equations scaled by 2^(depth-8), as H.273 defines them.
//
// Chroma is brought to full size the way ffmpeg's swscale does it when converting to RGB, since
// renders must match ffmpeg's decode: its fast path (8-bit 4:2:0/4:2:2 with an even height)
// repeats each chroma sample over the pixels it covers; everything else (an odd height, deeper
// samples) goes through its general scaler, which interpolates the chroma with a bicubic filter,
// vertically and, for an odd width, horizontally too. Repeating there instead costs ~20 dB on
// sharp colour edges (a 161x91 VP9 read at 23 dB against ffmpeg).

import { yuvToRgbCoefficients, type YuvEncoding } from './color-matrix.ts';
import { interpolateChroma } from './swscale-chroma.ts';

type Samples = Uint8Array | Uint16Array;

export interface YuvPlanes {
  width: number;
  height: number;
  /** Chroma subsampling: 2 halves that axis (4:2:0 is 2,2; 4:2:2 is 2,1; 4:4:4 is 1,1). */
  chromaShiftX: 0 | 1;
  chromaShiftY: 0 | 1;
  /** Bits per sample (8 unless said); deeper samples come in 16-bit arrays. */
  bitDepth?: 8 | 10 | 12;
  y: Samples;
  /** Samples (not bytes) between rows. */
  yStride: number;
  u: Samples;
  v: Samples;
  /** Samples between chroma rows, and between neighbouring samples (2 for NV12's interleaved UV). */
  uvStride: number;
  uvStep: 1 | 2;
}

/**
 * Whether ffmpeg interpolates this picture's chroma when converting it to RGB (its general
 * scaler), rather than repeating each sample (its fast path, which browsers' conversions match).
 */
export function ffmpegInterpolatesChroma(height: number, chromaShiftX: 0 | 1, chromaShiftY: 0 | 1, bitDepth: 8 | 10 | 12 = 8): boolean {
  if (chromaShiftX === 0 && chromaShiftY === 0) return false; // 4:4:4: one sample a pixel either way
  return bitDepth !== 8 || height % 2 === 1;
}

export function yuvToRgba(p: YuvPlanes, enc: YuvEncoding, out: Uint8ClampedArray): void {
  const depth = p.bitDepth ?? 8;
  const chroma = ffmpegInterpolatesChroma(p.height, p.chromaShiftX, p.chromaShiftY, depth)
    ? interpolateChroma(p, depth)
    : { u: p.u, v: p.v, stride: p.uvStride, step: p.uvStep, shiftX: p.chromaShiftX, shiftY: p.chromaShiftY };
  const c = yuvToRgbCoefficients(enc);
  const depthScale = 2 ** (depth - 8);
  // 16.16 fixed point keeps the inner loop in integers (interpolated chroma has fractions; the
  // products stay well inside int32, and >> truncates them as it floors whole numbers).
  const F = 65536 / depthScale;
  const ys = Math.round(c.yScale * F);
  const rv = Math.round(c.rv * F);
  const gu = Math.round(c.gu * F);
  const gv = Math.round(c.gv * F);
  const bu = Math.round(c.bu * F);
  const yOff = c.yOffset * depthScale;
  const mid = 128 * depthScale;
  const half = 32768;
  const { width, height, y, yStride } = p;
  const { u, v, stride, step, shiftX, shiftY } = chroma;
  let o = 0;
  for (let row = 0; row < height; row++) {
    const yRow = row * yStride;
    const cRow = (row >> shiftY) * stride;
    for (let col = 0; col < width; col++) {
      const yy = (y[yRow + col] - yOff) * ys + half;
      const ci = cRow + (col >> shiftX) * step;
      const cb = u[ci] - mid;
      const cr = v[ci] - mid;
      // Uint8ClampedArray clamps to 0..255; >> 16 floors after the +0.5 above (rounding).
      out[o] = (yy + rv * cr) >> 16;
      out[o + 1] = (yy + gu * cb + gv * cr) >> 16;
      out[o + 2] = (yy + bu * cb) >> 16;
      out[o + 3] = 255;
      o += 4;
    }
  }
}
