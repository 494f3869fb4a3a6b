// The float pictures the Composite's CPU references pass between stages, as the GPU passes
// pass rgba32float textures: 4 doubles a pixel, row-major. Used only by tests.

import type { Pixels } from './composite-reference.ts';

export interface FloatPicture {
  width: number;
  height: number;
  data: Float64Array;
}

export const floatPicture = (width: number, height: number): FloatPicture => ({ width, height, data: new Float64Array(width * height * 4) });

/** Channel c of an 8-bit picture at (x, y), clamped to its edges, 0..1. */
export function unitAt(p: Pixels, x: number, y: number, c: number): number {
  const cx = Math.min(Math.max(x, 0), p.width - 1);
  const cy = Math.min(Math.max(y, 0), p.height - 1);
  return p.rgba[(cy * p.width + cx) * 4 + c] / 255;
}

/** Calls `f(i, x, y)` for every pixel, i the index of its first channel. */
export function eachPixel(width: number, height: number, f: (i: number, x: number, y: number) => void): void {
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) f((y * width + x) * 4, x, y);
}
