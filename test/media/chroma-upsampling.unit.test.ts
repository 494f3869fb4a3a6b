// The Y'CbCr kernel brings chroma to full size as ffmpeg does when it converts to RGB: repeated
// for 8-bit 4:2:0/4:2:2 of even height, interpolated (swscale's bicubic filter, its integer
// arithmetic) at odd heights, across too at odd widths, and at every size for 10-bit samples.
// Raw frames of ffmpeg's test pattern (sharp colour edges) go through ffmpeg and our kernel.

import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ffmpegInterpolatesChroma, yuvToRgba } from '../../src/media/yuv-to-rgba.ts';

const ffmpegRaw = (args: string[], input?: Buffer) =>
  execFileSync('ffmpeg', ['-v', 'error', ...args], { input, maxBuffer: 1 << 26 });

const FORMATS = {
  yuv420p: { shiftX: 1, shiftY: 1, depth: 8 },
  yuv422p: { shiftX: 1, shiftY: 0, depth: 8 },
  yuv444p: { shiftX: 0, shiftY: 0, depth: 8 },
  yuv420p10le: { shiftX: 1, shiftY: 1, depth: 10 },
} as const;

type Format = keyof typeof FORMATS;

/** The test pattern at width x height in `format` (raw planes), and ffmpeg's RGB of it. */
function pattern(width: number, height: number, format: Format) {
  const size = `${width + (width % 2)}x${height + (height % 2)}`;
  const yuv = ffmpegRaw(['-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=1`, '-frames:v', '1',
    '-vf', `scale=${width}:${height}:flags=neighbor,format=${format}`, '-f', 'rawvideo', '-']);
  const rgb = ffmpegRaw(['-f', 'rawvideo', '-pix_fmt', format, '-s', `${width}x${height}`, '-i', '-', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], yuv);
  return { yuv, rgb };
}

function ours(yuv: Buffer, width: number, height: number, format: Format): Uint8ClampedArray {
  const { shiftX, shiftY, depth } = FORMATS[format];
  const cw = (width + shiftX) >> shiftX;
  const ch = (height + shiftY) >> shiftY;
  const all = depth === 8 ? new Uint8Array(yuv) : new Uint16Array(yuv.buffer, yuv.byteOffset, yuv.length / 2);
  const n = width * height;
  const out = new Uint8ClampedArray(n * 4);
  yuvToRgba({ width, height, chromaShiftX: shiftX, chromaShiftY: shiftY, bitDepth: depth, y: all.subarray(0, n), yStride: width,
    u: all.subarray(n, n + cw * ch), v: all.subarray(n + cw * ch, n + 2 * cw * ch), uvStride: cw, uvStep: 1 },
  { matrix: 'bt601', fullRange: false }, out);
  return out;
}

function compare(rgba: Uint8ClampedArray, rgb: Buffer) {
  let se = 0;
  let max = 0;
  for (let i = 0, j = 0; i < rgb.length; i += 3, j += 4) {
    for (let c = 0; c < 3; c++) {
      const d = rgba[j + c] - rgb[i + c];
      se += d * d;
      max = Math.max(max, Math.abs(d));
    }
  }
  return { psnr: se === 0 ? Infinity : 10 * Math.log10((255 * 255) / (se / rgb.length)), max };
}

describe('yuvToRgba chroma against ffmpeg', () => {
  // Where ffmpeg interpolates across (odd widths) it keeps 9 fractional bits, and we match it to
  // within 1 level; where it keeps half-width chroma, its table-driven writer rounds differently
  // (within 3 levels, as for every even-sized frame).
  const cases: [number, number, Format, number][] = [
    [161, 91, 'yuv420p', 1], [321, 181, 'yuv420p', 1], [853, 481, 'yuv420p', 1], [9, 7, 'yuv420p', 1], [5, 3, 'yuv420p', 1],
    [162, 91, 'yuv420p', 3], [161, 92, 'yuv420p', 3], [162, 92, 'yuv420p', 3],
    [161, 91, 'yuv422p', 1], [162, 91, 'yuv422p', 3],
    [161, 91, 'yuv444p', 1],
    [161, 91, 'yuv420p10le', 1], [162, 92, 'yuv420p10le', 3],
  ];
  for (const [w, h, format, maxDiff] of cases) {
    it(`${w}x${h} ${format} is within ${maxDiff} of ffmpeg's RGB`, () => {
      const { yuv, rgb } = pattern(w, h, format);
      const r = compare(ours(yuv, w, h, format), rgb);
      expect(r.max, `PSNR ${r.psnr.toFixed(1)} dB`).toBeLessThanOrEqual(maxDiff);
      expect(r.psnr).toBeGreaterThanOrEqual(45);
    });
  }

  it('says where ffmpeg interpolates: odd heights of 4:2:0 and 4:2:2, and any deep 4:2:x, never 4:4:4', () => {
    expect(ffmpegInterpolatesChroma(480, 1, 1)).toBe(false);
    expect(ffmpegInterpolatesChroma(481, 1, 1)).toBe(true);
    expect(ffmpegInterpolatesChroma(481, 1, 0)).toBe(true);
    expect(ffmpegInterpolatesChroma(481, 0, 0)).toBe(false);
    expect(ffmpegInterpolatesChroma(480, 1, 1, 10)).toBe(true);
  });
});
