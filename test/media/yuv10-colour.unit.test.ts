// The Y'CbCr kernel on 10- and 12-bit samples (VP9 profile 2, 10-bit AV1): the H.273 equations
// at that depth, and the same RGB as the 8-bit kernel for the same colour.

import { describe, expect, it } from 'vitest';
import type { YuvEncoding } from '../../src/media/color-matrix.ts';
import { yuvToRgba } from '../../src/media/yuv-to-rgba.ts';

const KR_KB = { bt601: [0.299, 0.114], bt709: [0.2126, 0.0722], bt2020: [0.2627, 0.0593] } as const;

/** Float decode of one deep sample (H.273: limited range is 16..235 and 16..240 times 2^(depth-8)). */
function reference(y: number, u: number, v: number, enc: YuvEncoding, depth: number): number[] {
  const [kr, kb] = KR_KB[enc.matrix];
  const s = 2 ** (depth - 8);
  const max = 2 ** depth - 1;
  const Y = enc.fullRange ? y / max : (y - 16 * s) / (219 * s);
  const Cb = enc.fullRange ? (u - 128 * s) / max : (u - 128 * s) / (224 * s);
  const Cr = enc.fullRange ? (v - 128 * s) / max : (v - 128 * s) / (224 * s);
  const r = Y + 2 * (1 - kr) * Cr;
  const b = Y + 2 * (1 - kb) * Cb;
  const g = (Y - kr * r - kb * b) / (1 - kr - kb);
  return [r, g, b].map((c) => Math.min(255, Math.max(0, Math.round(c * 255))));
}

const encodings: YuvEncoding[] = [
  { matrix: 'bt601', fullRange: false },
  { matrix: 'bt601', fullRange: true },
  { matrix: 'bt709', fullRange: false },
  { matrix: 'bt709', fullRange: true },
  { matrix: 'bt2020', fullRange: false },
];

function convert(depth: 8 | 10 | 12, ys: number[], us: number[], vs: number[], enc: YuvEncoding): Uint8ClampedArray {
  const Arr = depth === 8 ? Uint8Array : Uint16Array;
  const out = new Uint8ClampedArray(ys.length * 4);
  yuvToRgba({ width: ys.length, height: 1, chromaShiftX: 0, chromaShiftY: 0, bitDepth: depth, y: Arr.from(ys), yStride: ys.length,
    u: Arr.from(us), v: Arr.from(vs), uvStride: ys.length, uvStep: 1 }, enc, out);
  return out;
}

describe('yuvToRgba on deep samples', () => {
  for (const enc of encodings) {
    for (const depth of [10, 12] as const) {
      it(`matches the float equations (${depth}-bit ${enc.matrix} ${enc.fullRange ? 'full' : 'limited'})`, () => {
        const s = 2 ** (depth - 8);
        const max = 2 ** depth - 1;
        const ys = [64, 940, 512, 237, 801, 0, max, 399].map((x) => Math.round((x * s) / 4));
        const us = [512, 512, 64, 960, 359, 512, 803, 121].map((x) => Math.round((x * s) / 4));
        const vs = [512, 512, 960, 64, 642, 512, 198, 879].map((x) => Math.round((x * s) / 4));
        const out = convert(depth, ys, us, vs, enc);
        for (let i = 0; i < ys.length; i++) {
          const ref = reference(ys[i], us[i], vs[i], enc, depth);
          for (let c = 0; c < 3; c++) expect(Math.abs(out[i * 4 + c] - ref[c]), `pixel ${i} channel ${c}`).toBeLessThanOrEqual(1);
          expect(out[i * 4 + 3]).toBe(255);
        }
      });
    }
  }

  it('gives the 8-bit result for the same colour stored 2 bits deeper', () => {
    const ys = [16, 235, 128, 60, 200, 0, 255, 100];
    const us = [128, 128, 16, 240, 90, 128, 200, 30];
    const vs = [128, 128, 240, 16, 160, 128, 50, 220];
    for (const enc of encodings) {
      const eight = convert(8, ys, us, vs, enc);
      const ten = convert(10, ys.map((x) => x * 4), us.map((x) => x * 4), vs.map((x) => x * 4), enc);
      for (let i = 0; i < eight.length; i++) expect(Math.abs(ten[i] - eight[i]), `${enc.matrix} byte ${i}`).toBeLessThanOrEqual(1);
    }
  });
});
