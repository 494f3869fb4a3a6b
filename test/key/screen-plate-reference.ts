// CPU reference of the Color Key's screen plate (shaders/color-key-plate-*.wgsl and the grid
// reads of grid-sample.wgsl), used only by tests: cell sums, tent pull, push fill, two rounds.

import { PLATE, type ScreenBasis } from '../../nodes/color-key/key-model.ts';

export interface Pixels {
  width: number;
  height: number;
  rgba: Uint8Array | Uint8ClampedArray;
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));
const smoothstep = (a: number, b: number, x: number) => {
  const t = clamp01((x - a) / (b - a));
  return t * t * (3 - 2 * t);
};
const px = (p: Pixels, i: number): [number, number, number] => [p.rgba[i * 4] / 255, p.rgba[i * 4 + 1] / 255, p.rgba[i * 4 + 2] / 255];

/** Bilinear sample of a single-channel grid at (gx, gy) in cell units (centres at i + 0.5), edges clamped. */
function sampleGrid(g: Float64Array, gw: number, gh: number, gx: number, gy: number): number {
  const x = gx - 0.5;
  const y = gy - 0.5;
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  const at = (cx: number, cy: number) => g[Math.min(Math.max(cy, 0), gh - 1) * gw + Math.min(Math.max(cx, 0), gw - 1)];
  return (at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx) * (1 - fy) + (at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx) * fy;
}

/** A mask's value (R channel) at frame pixel (x, y), the mask resized bilinearly to the frame. */
export function maskAt(mask: Pixels | undefined, frameW: number, frameH: number, x: number, y: number): number {
  if (!mask) return 0;
  const sx = ((x + 0.5) * mask.width) / frameW - 0.5;
  const sy = ((y + 0.5) * mask.height) / frameH - 0.5;
  const x0 = Math.floor(sx);
  const y0 = Math.floor(sy);
  const fx = sx - x0;
  const fy = sy - y0;
  const at = (cx: number, cy: number) =>
    mask.rgba[(Math.min(Math.max(cy, 0), mask.height - 1) * mask.width + Math.min(Math.max(cx, 0), mask.width - 1)) * 4] / 255;
  return (at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx) * (1 - fy) + (at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx) * fy;
}

export interface Plate {
  /** Brightness of the screen relative to the picked colour, per grid cell. */
  k: Float64Array;
  width: number;
  height: number;
}

/** The plate's brightness at frame pixel (x, y). */
export const plateAt = (plate: Plate, x: number, y: number) =>
  sampleGrid(plate.k, plate.width, plate.height, (x + 0.5) / PLATE.cell, (y + 0.5) / PLATE.cell);

/** color-key-plate-cells.wgsl: per grid cell, Σw and Σw·k over the pixels that look like screen. */
function cellSums(src: Pixels, b: ScreenBasis, garbage: Pixels | undefined, holdout: Pixels | undefined, prior?: Plate) {
  const gw = Math.ceil(src.width / PLATE.cell);
  const gh = Math.ceil(src.height / PLATE.cell);
  const sums = new Float64Array(gw * gh * 2);
  const unit = b.screen.map((v) => v / b.length);
  for (let y = 0; y < src.height; y++) {
    for (let x = 0; x < src.width; x++) {
      const c = px(src, y * src.width + x);
      const p = c[0] * unit[0] + c[1] * unit[1] + c[2] * unit[2];
      const q = Math.hypot(c[0] - p * unit[0], c[1] - p * unit[1], c[2] - p * unit[2]);
      const k = p / b.length;
      let w = (1 - smoothstep(PLATE.chromaIn, PLATE.chromaOut, q / Math.max(p, 1e-3))) * smoothstep(PLATE.darkOut, PLATE.darkIn, k);
      w *= (1 - maskAt(garbage, src.width, src.height, x, y)) * (1 - maskAt(holdout, src.width, src.height, x, y));
      if (prior) w *= 1 - smoothstep(PLATE.residualIn, PLATE.residualOut, Math.abs(k / plateAt(prior, x, y) - 1));
      const cell = (Math.floor(y / PLATE.cell) * gw + Math.floor(x / PLATE.cell)) * 2;
      sums[cell] += w;
      sums[cell + 1] += w * k;
    }
  }
  return { sums, gw, gh };
}

/**
 * color-key-plate-reduce.wgsl and color-key-plate-fill.wgsl: push-pull fill of cells without screen.
 * Pull with a 4x4 tent (1 3 3 1 per axis, / 4: the same total as a 2x2 box) so a coarse cell also
 * hears its neighbours and holes fill evenly from all sides.
 */
function pushPull(sums: Float64Array, gw: number, gh: number): Plate {
  const levels = [{ w: gw, h: gh, s: sums }];
  while (levels.at(-1)!.w > 1 || levels.at(-1)!.h > 1) {
    const l = levels.at(-1)!;
    const w = Math.ceil(l.w / 2);
    const h = Math.ceil(l.h / 2);
    const s = new Float64Array(w * h * 2);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const tent = [0.25, 0.75, 0.75, 0.25];
        for (let dy = -1; dy < 3; dy++) {
          for (let dx = -1; dx < 3; dx++) {
            const cx = 2 * x + dx;
            const cy = 2 * y + dy;
            if (cx < 0 || cy < 0 || cx >= l.w || cy >= l.h) continue;
            const t = tent[dx + 1] * tent[dy + 1];
            s[(y * w + x) * 2] += t * l.s[(cy * l.w + cx) * 2];
            s[(y * w + x) * 2 + 1] += t * l.s[(cy * l.w + cx) * 2 + 1];
          }
        }
      }
    }
    levels.push({ w, h, s });
  }
  let parent: Plate | undefined;
  for (let li = levels.length - 1; li >= 0; li--) {
    const l = levels[li];
    const k = new Float64Array(l.w * l.h);
    const full = PLATE.minShare * PLATE.cell * PLATE.cell * 4 ** li;
    for (let y = 0; y < l.h; y++) {
      for (let x = 0; x < l.w; x++) {
        const w = l.s[(y * l.w + x) * 2];
        const own = w > 0 ? l.s[(y * l.w + x) * 2 + 1] / w : 0;
        const fill = parent ? sampleGrid(parent.k, parent.width, parent.height, (x + 0.5) / 2, (y + 0.5) / 2) : 1;
        const conf = Math.min(1, w / full);
        k[y * l.w + x] = conf * own + (1 - conf) * fill;
      }
    }
    parent = { k, width: l.w, height: l.h };
  }
  return parent!;
}

/** The screen plate: a first estimate, then a second that ignores pixels far from the first. */
export function screenPlate(src: Pixels, b: ScreenBasis, garbage?: Pixels, holdout?: Pixels): Plate {
  const first = cellSums(src, b, garbage, holdout);
  const prior = pushPull(first.sums, first.gw, first.gh);
  const second = cellSums(src, b, garbage, holdout, prior);
  return pushPull(second.sums, second.gw, second.gh);
}

/** 1 − screen-ness through tolerance and softness: the physical key (before clipping). */
