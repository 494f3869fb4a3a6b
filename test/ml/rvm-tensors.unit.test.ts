// Pixel <-> tensor conversions of the RVM node (the parts that need no onnxruntime).

import { describe, expect, it } from 'vitest';
import { fgrToRgba, fromHalfBits, phaToMatteRgba, toHalfBits } from '../../src/ml/rvm-tensors.ts';

describe('half floats (browsers without Float16Array)', () => {
  it('round-trips the values a matte uses', () => {
    for (const v of [0, 1, 0.5, 1 / 255, 254 / 255, 0.1, 65504, -2, 6e-8]) {
      expect(Math.abs(fromHalfBits(toHalfBits(v)) - v)).toBeLessThanOrEqual(Math.abs(v) * 2 ** -11 + 6e-8);
    }
    expect(toHalfBits(1)).toBe(0x3c00);
    expect(toHalfBits(0.5)).toBe(0x3800);
    expect(toHalfBits(1e6)).toBe(0x7c00);
    expect(fromHalfBits(0x3555)).toBeCloseTo(0.33325, 5);
  });
});

describe('outputs to pixels', () => {
  it('writes pha as a grey matte with opaque alpha, clamped and rounded', () => {
    expect([...phaToMatteRgba(new Float32Array([0, 0.5, 1.2, -0.1]), 2, 2)]).toEqual([
      0, 0, 0, 255, 128, 128, 128, 255, 255, 255, 255, 255, 0, 0, 0, 255,
    ]);
  });
  it('interleaves fgr planes into RGBA', () => {
    // planes R, G, B of a 2x1 image
    expect([...fgrToRgba(new Float32Array([1, 0, 0, 1, 0.2, 0.4]), 2, 1)]).toEqual([255, 0, 51, 255, 0, 255, 102, 255]);
  });
});
