// Getting a frame to a size the model takes and back, the plate resize, and the plate check.

import { describe, expect, it } from 'vitest';
import { bgmv2Layout, padMultiple, padRgba } from '../../src/ml/bgmv2-frame-layout.ts';
import { countRefinedPatches, croppedMatte, upsampledMatte } from '../../src/ml/bgmv2-maps.ts';
import { MISMATCH_BELOW, plateMatchFraction, plateMismatchWarning } from '../../src/ml/plate-match.ts';
import { resizeRgba } from '../../src/ml/resize-rgba.ts';
import { bgmV1Person, bgmV1Plate, decodePicture, intelPerson, intelPlate, synthetic } from './support/pictures.ts';
import { sharedMedia } from '../support/shared-paths.ts';

const values = (rgba: Uint8ClampedArray) => Array.from({ length: rgba.length / 4 }, (_, i) => rgba[i * 4]);

describe('BGMv2 frame layout', () => {
  it('pads to a multiple of 4 and of 1/backbone scale (8 when the scale is unknown)', () => {
    expect([padMultiple(0.25), padMultiple(0.125), padMultiple(0.5), padMultiple(undefined), padMultiple(0.3)]).toEqual([4, 8, 4, 8, 8]);
    expect(bgmv2Layout(1920, 1080, { multiple: 4, samplePixels: 80000 })).toEqual({ width: 1920, height: 1080, paddedWidth: 1920, paddedHeight: 1080 });
    expect(bgmv2Layout(1918, 1078, { multiple: 8 })).toMatchObject({ paddedWidth: 1920, paddedHeight: 1080 });
  });

  it('pads a frame too small for the refiner until it holds sample_pixels (HD export: 80,000)', () => {
    // 320x180 = 57,600 px < 80,000: the official HD export's TopK(5000) would fail on it.
    const l = bgmv2Layout(320, 180, { multiple: 4, samplePixels: 80000 });
    expect(l).toMatchObject({ paddedWidth: 320, paddedHeight: 252 });
    expect(l.paddedWidth * l.paddedHeight).toBeGreaterThanOrEqual(80000);
  });

  it('repeats the last column and row, and leaves a frame of the right size alone', () => {
    const src = new Uint8ClampedArray([1, 1, 1, 255, 2, 2, 2, 255, 3, 3, 3, 255, 4, 4, 4, 255]); // 2x2
    const padded = padRgba(src, { width: 2, height: 2, paddedWidth: 4, paddedHeight: 3 });
    expect(values(padded)).toEqual([1, 2, 2, 2, 3, 4, 4, 4, 3, 4, 4, 4]);
    expect(padRgba(src, { width: 2, height: 2, paddedWidth: 2, paddedHeight: 2 })).toBe(src);
  });
});

describe('BGMv2 output maps', () => {
  const layout = { width: 6, height: 5, paddedWidth: 8, paddedHeight: 8 };

  it('crops full-resolution planes and turns ref_sm into 4x4 blocks of the frame', () => {
    const plane = Float32Array.from({ length: 64 }, (_, i) => (i % 8) / 7);
    expect(values(croppedMatte(plane, layout)).slice(0, 6)).toEqual([0, 36, 73, 109, 146, 182]);
    const refSm = Float32Array.from([0, 1, 1, 0]); // 2x2 cells over the 8x8 padded frame
    const ref = values(upsampledMatte(refSm, 2, 2, layout, 'nearest'));
    expect(ref.slice(0, 6)).toEqual([0, 0, 0, 0, 255, 255]);
    expect(ref.slice(24, 30)).toEqual([255, 255, 255, 255, 0, 0]); // row 4: second row of cells
    expect(countRefinedPatches(refSm, 2, layout)).toBe(2);
    // A refined cell entirely in the padding does not count.
    expect(countRefinedPatches(refSm, 2, { width: 4, height: 4, paddedWidth: 8, paddedHeight: 8 })).toBe(0);
  });

  it('upsamples err bilinearly with pixel centres aligned', () => {
    const err = upsampledMatte(Float32Array.from([0, 1]), 2, 1, { width: 8, height: 1, paddedWidth: 8, paddedHeight: 1 }, 'bilinear');
    expect(values(err)).toEqual([0, 0, 32, 96, 159, 223, 255, 255]);
  });
});

describe('plate resize', () => {
  it('halves by averaging 2x2 blocks and keeps a same-size plate as it is', () => {
    const p = synthetic(4, 2, (x) => [x * 10, 0, 0]);
    const small = resizeRgba(new Uint8ClampedArray(p.rgba), 4, 2, 2, 1);
    expect(Array.from(small)).toEqual([5, 0, 0, 255, 25, 0, 0, 255]);
    const same = new Uint8ClampedArray(p.rgba);
    expect(resizeRgba(same, 4, 2, 4, 2)).toBe(same);
  });
});

describe('plate check on real pairs', () => {
  const W = 192;
  const H = 108;
  const match = (a: string, b: string) => {
    const s = decodePicture(a, W, H);
    const p = decodePicture(b, W, H);
    return plateMatchFraction(new Uint8ClampedArray(s.rgba), new Uint8ClampedArray(p.rgba), W, H);
  };

  it('accepts clean plates of the shot, fixed camera or hand-held', () => {
    expect(match(intelPerson, intelPlate)).toBeGreaterThan(0.8);
    expect(match(bgmV1Person, bgmV1Plate)).toBeGreaterThan(MISMATCH_BELOW);
  });

  it('warns about a plate from another shot or the new background', () => {
    const other = match(intelPerson, bgmV1Plate);
    const newBackground = match(bgmV1Person, sharedMedia('target_backgrounds/background_matting_v1_0001.png'));
    expect(other).toBeLessThan(MISMATCH_BELOW);
    expect(newBackground).toBeLessThan(MISMATCH_BELOW);
    expect(plateMismatchWarning(other)).toMatch(/^the plate looks like a different shot \(only \d+% of the frame matches it\)/);
    expect(plateMismatchWarning(0.9)).toBeUndefined();
  });
});
