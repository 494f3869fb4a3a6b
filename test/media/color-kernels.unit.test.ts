import { describe, expect, it } from 'vitest';
import { yuvEncodingOf, type YuvEncoding } from '../../src/media/color-matrix.ts';
import { rgbaToI420 } from '../../src/media/rgba-to-i420.ts';
import { yuvToRgba } from '../../src/media/yuv-to-rgba.ts';
import { rotateRgba, rotationOfMatrix } from '../../src/media/rotate-rgba.ts';

/** Float reference decode of one pixel (BT.601/709 equations, no rounding shortcuts). */
function referenceRgb(y: number, u: number, v: number, kr: number, kb: number, full: boolean): number[] {
  const Y = full ? y / 255 : (y - 16) / 219;
  const Cb = full ? (u - 128) / 255 : (u - 128) / 224;
  const Cr = full ? (v - 128) / 255 : (v - 128) / 224;
  const r = Y + 2 * (1 - kr) * Cr;
  const b = Y + 2 * (1 - kb) * Cb;
  const g = (Y - kr * r - kb * b) / (1 - kr - kb);
  return [r, g, b].map((c) => Math.min(255, Math.max(0, Math.round(c * 255))));
}

const encodings: [YuvEncoding, number, number][] = [
  [{ matrix: 'bt601', fullRange: false }, 0.299, 0.114],
  [{ matrix: 'bt601', fullRange: true }, 0.299, 0.114],
  [{ matrix: 'bt709', fullRange: false }, 0.2126, 0.0722],
  [{ matrix: 'bt709', fullRange: true }, 0.2126, 0.0722],
];

describe('yuvToRgba', () => {
  for (const [enc, kr, kb] of encodings) {
    it(`matches the float equations (${enc.matrix}, ${enc.fullRange ? 'full' : 'limited'})`, () => {
      // 4x2 I444 picture of assorted values (one chroma sample per pixel).
      const ys = [16, 235, 128, 60, 200, 0, 255, 100];
      const us = [128, 128, 16, 240, 90, 128, 200, 30];
      const vs = [128, 128, 240, 16, 160, 128, 50, 220];
      const out = new Uint8ClampedArray(8 * 4);
      yuvToRgba({ width: 4, height: 2, chromaShiftX: 0, chromaShiftY: 0, y: Uint8Array.from(ys), yStride: 4,
        u: Uint8Array.from(us), v: Uint8Array.from(vs), uvStride: 4, uvStep: 1 }, enc, out);
      for (let i = 0; i < 8; i++) {
        const ref = referenceRgb(ys[i], us[i], vs[i], kr, kb, enc.fullRange);
        for (let c = 0; c < 3; c++) expect(Math.abs(out[i * 4 + c] - ref[c])).toBeLessThanOrEqual(1);
        expect(out[i * 4 + 3]).toBe(255);
      }
    });
  }
});

describe('rgbaToI420 then yuvToRgba', () => {
  for (const [enc] of encodings) {
    it(`gives back flat colours (${enc.matrix}, ${enc.fullRange ? 'full' : 'limited'})`, () => {
      const colours = [[255, 0, 0], [0, 255, 0], [0, 0, 255], [128, 128, 128], [250, 200, 30], [0, 0, 0], [255, 255, 255]];
      for (const [r, g, b] of colours) {
        const rgba = new Uint8ClampedArray(4 * 4 * 4);
        for (let i = 0; i < 16; i++) rgba.set([r, g, b, 255], i * 4);
        const i420 = rgbaToI420(rgba, 4, 4, enc);
        const out = new Uint8ClampedArray(rgba.length);
        yuvToRgba({ width: 4, height: 4, chromaShiftX: 1, chromaShiftY: 1, y: i420.data, yStride: 4,
          u: i420.data.subarray(16), v: i420.data.subarray(20), uvStride: 2, uvStep: 1 }, enc, out);
        for (let c = 0; c < 3; c++) expect(Math.abs(out[c] - [r, g, b][c]), `${[r, g, b]}`).toBeLessThanOrEqual(2);
      }
    });
  }

  it('writes a matte as grey: neutral chroma, luma from the value', () => {
    const rgba = new Uint8ClampedArray([0, 0, 0, 255, 255, 255, 255, 255, 128, 128, 128, 255, 64, 64, 64, 255]);
    const i420 = rgbaToI420(rgba, 2, 2, { matrix: 'bt709', fullRange: false }, true);
    expect([...i420.data.subarray(0, 4)]).toEqual([16, 235, 126, 71]);
    expect([...i420.data.subarray(4)]).toEqual([128, 128]);
  });

  it('pads odd sizes by repeating the last column and row', () => {
    const rgba = new Uint8ClampedArray(3 * 1 * 4);
    rgba.set([0, 0, 0, 255, 255, 255, 255, 255, 100, 100, 100, 255]);
    const i420 = rgbaToI420(rgba, 3, 1, { matrix: 'bt601', fullRange: true }, true);
    expect(i420.width).toBe(4);
    expect(i420.height).toBe(2);
    expect([...i420.data.subarray(0, 8)]).toEqual([0, 255, 100, 100, 0, 255, 100, 100]);
  });
});

describe('yuvEncodingOf', () => {
  it('follows tags, and reads untagged video as ffmpeg does: BT.601, limited range, at every size', () => {
    expect(yuvEncodingOf({ matrix: 'smpte170m', fullRange: true })).toEqual({ matrix: 'bt601', fullRange: true });
    expect(yuvEncodingOf({ matrix: 'bt709' })).toEqual({ matrix: 'bt709', fullRange: false });
    expect(yuvEncodingOf(undefined)).toEqual({ matrix: 'bt601', fullRange: false });
    expect(yuvEncodingOf({ fullRange: true })).toEqual({ matrix: 'bt601', fullRange: true });
  });
});

describe('rotateRgba', () => {
  // 3x2 picture, pixel value = its index (in R).
  const src = new Uint8ClampedArray(6 * 4);
  for (let i = 0; i < 6; i++) src[i * 4] = i;
  const red = (r: { data: Uint8ClampedArray }) => [...r.data].filter((_, i) => i % 4 === 0);
  it('turns clockwise by 90, 180 and 270 degrees', () => {
    // 0 1 2      90: 3 0     180: 5 4 3     270: 2 5
    // 3 4 5          4 1          2 1 0          1 4
    //                5 2                         0 3
    expect(red(rotateRgba(src, 3, 2, 90))).toEqual([3, 0, 4, 1, 5, 2]);
    expect(red(rotateRgba(src, 3, 2, 180))).toEqual([5, 4, 3, 2, 1, 0]);
    expect(red(rotateRgba(src, 3, 2, 270))).toEqual([2, 5, 1, 4, 0, 3]);
    expect(rotateRgba(src, 3, 2, 90)).toMatchObject({ width: 2, height: 3 });
  });
  it('reads the turn from a track header matrix', () => {
    expect(rotationOfMatrix([65536, 0, 0, 0, 65536, 0, 0, 0, 1 << 30])).toBe(0);
    expect(rotationOfMatrix([0, 65536, 0, -65536, 0, 0, 0, 0, 1 << 30])).toBe(90);
    expect(rotationOfMatrix([0, -65536, 0, 65536, 0, 0, 0, 0, 1 << 30])).toBe(270);
    expect(rotationOfMatrix([-65536, 0, 0, 0, -65536, 0, 0, 0, 1 << 30])).toBe(180);
  });
});
