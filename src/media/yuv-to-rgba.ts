// CPU kernel: planar Y'CbCr (4:2:0, 4:2:2, 4:4:4, or NV12's interleaved chroma), 8, 10 or 12 bits
// a sample, to RGBA8, with the matrix and range the frame is tagged with. Chroma is upsampled by
// replicating each sample over the pixels it covers (what ffmpeg's swscale does for a same-size
// conversion). Deeper samples use the same equations scaled by 2^(depth-8), as H.273 defines them.

import { yuvToRgbCoefficients, type YuvEncoding } from './color-matrix.ts';

export interface YuvPlanes {
  width: number;
  height: number;
  /** Chroma subsampling: 2 halves that axis (4:2:0 is 2,2; 4:2:2 is 2,1; 4:4:4 is 1,1). */
  chromaShiftX: 0 | 1;
  chromaShiftY: 0 | 1;
  /** Bits per sample (8 unless said); deeper samples come in 16-bit arrays. */
  bitDepth?: 8 | 10 | 12;
  y: Uint8Array | Uint16Array;
  /** Samples (not bytes) between rows. */
  yStride: number;
  u: Uint8Array | Uint16Array;
  v: Uint8Array | Uint16Array;
  /** Samples between chroma rows, and between neighbouring samples (2 for NV12's interleaved UV). */
  uvStride: number;
  uvStep: 1 | 2;
}

export function yuvToRgba(p: YuvPlanes, enc: YuvEncoding, out: Uint8ClampedArray): void {
  const c = yuvToRgbCoefficients(enc);
  const depthScale = 2 ** ((p.bitDepth ?? 8) - 8);
  // 16.16 fixed point keeps the inner loop in integers.
  const F = 65536 / depthScale;
  const ys = Math.round(c.yScale * F);
  const rv = Math.round(c.rv * F);
  const gu = Math.round(c.gu * F);
  const gv = Math.round(c.gv * F);
  const bu = Math.round(c.bu * F);
  const yOff = c.yOffset * depthScale;
  const mid = 128 * depthScale;
  const half = 32768;
  const { width, height, y, u, v, yStride, uvStride, uvStep, chromaShiftX, chromaShiftY } = p;
  let o = 0;
  for (let row = 0; row < height; row++) {
    const yRow = row * yStride;
    const cRow = (row >> chromaShiftY) * uvStride;
    for (let col = 0; col < width; col++) {
      const yy = (y[yRow + col] - yOff) * ys + half;
      const ci = cRow + (col >> chromaShiftX) * uvStep;
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
