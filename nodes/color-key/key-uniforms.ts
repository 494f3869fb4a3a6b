// Packs the Color Key settings into the KeyParams uniform of shaders/color-key-common.wgsl
// (nine vec4s: eight of f32, the last of u32). Plain TypeScript.

import type { ColorKeySettings } from './color-key-settings.ts';
import { DENOISE_SIGMA, PLATE, UNMIX_CAP, screenBasis } from './key-model.ts';

export const KEY_PARAMS_BYTES = 9 * 16;
const MODE_CODES = { final: 0, matte: 1, status: 2 } as const;
const dot = (a: readonly number[], b: readonly number[]) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

export function keyParamsBytes(s: ColorKeySettings, usePriorPlate: boolean): ArrayBuffer {
  const b = screenBasis(s.screen);
  const buffer = new ArrayBuffer(KEY_PARAMS_BYTES);
  new Float32Array(buffer, 0, 32).set([
    ...b.screen, b.length,
    ...b.hue, 0,
    ...b.edges[0], dot(b.edges[0], b.hue),
    ...b.edges[1], dot(b.edges[1], b.hue),
    s.tolerance, s.softness, s.clipBlack, s.clipWhite,
    PLATE.chromaIn, PLATE.chromaOut, PLATE.darkOut, PLATE.darkIn,
    PLATE.residualIn, PLATE.residualOut, PLATE.cell, 0,
    s.despillAmount, s.despillBias, UNMIX_CAP, DENOISE_SIGMA,
  ]);
  new Uint32Array(buffer, 32 * 4, 4).set([MODE_CODES[s.mode], usePriorPlate ? 1 : 0, 0, 0]);
  return buffer;
}

/** Sizes of the plate grid levels, finest (PLATE.cell pixels a cell) to a single cell. */
export function plateLevels(width: number, height: number): { width: number; height: number }[] {
  const levels = [{ width: Math.ceil(width / PLATE.cell), height: Math.ceil(height / PLATE.cell) }];
  for (let l = levels[0]; l.width > 1 || l.height > 1; l = levels[levels.length - 1]) {
    levels.push({ width: Math.ceil(l.width / 2), height: Math.ceil(l.height / 2) });
  }
  return levels;
}
