// The colour a pick sets: the average of a rectangle of picture pixels (one pixel for a click).
// Rectangles are in the shown picture's pixels, inclusive, and map onto the sampled picture
// by proportion when its size differs (as the wipe and the probe map B).

import type { Picture } from './picture.ts';

export interface PixelRect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The rectangle spanned by two picture pixels, corners in any order. */
export function rectBetween(a: { x: number; y: number }, b: { x: number; y: number }): PixelRect {
  return { x0: Math.min(a.x, b.x), y0: Math.min(a.y, b.y), x1: Math.max(a.x, b.x), y1: Math.max(a.y, b.y) };
}

/** `r` (pixels of a w×h picture) in the pixels of a sw×sh picture covering the same area. */
export function scaleRect(r: PixelRect, w: number, h: number, sw: number, sh: number): PixelRect {
  if (w === sw && h === sh) return r;
  const x0 = Math.min(sw - 1, Math.floor((r.x0 * sw) / w));
  const y0 = Math.min(sh - 1, Math.floor((r.y0 * sh) / h));
  return {
    x0,
    y0,
    x1: Math.max(x0, Math.min(sw - 1, Math.ceil(((r.x1 + 1) * sw) / w) - 1)),
    y1: Math.max(y0, Math.min(sh - 1, Math.ceil(((r.y1 + 1) * sh) / h) - 1)),
  };
}

/** Mean RGB over `r`, rounded (a matte's grey is its R). */
export function averageRgb(p: Picture, r: PixelRect): [number, number, number] {
  const sum = [0, 0, 0];
  for (let y = r.y0; y <= r.y1; y++) {
    for (let x = r.x0; x <= r.x1; x++) {
      const o = (y * p.width + x) * 4;
      sum[0] += p.pixels[o];
      sum[1] += p.pixels[o + (p.kind === 'matte' ? 0 : 1)];
      sum[2] += p.pixels[o + (p.kind === 'matte' ? 0 : 2)];
    }
  }
  const n = (r.x1 - r.x0 + 1) * (r.y1 - r.y0 + 1);
  return [Math.round(sum[0] / n), Math.round(sum[1] / n), Math.round(sum[2] / n)];
}

export const hexColour = (rgb: readonly number[]): string => `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
