// The H.264 SPS colour reader against streams ffmpeg writes with and without colour tags, in the
// profiles that change the SPS layout (Baseline, High with 8x8 transforms, High 4:4:4).

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spsColourOfAvcC } from '../../src/media/h264-sps-colour.ts';

const dir = mkdtempSync(join(tmpdir(), 'mattegraph-sps-'));

/** The avcC record of a one-frame stream x264 encodes with `args`. */
function avcCOf(name: string, args: string[]): Uint8Array {
  const out = join(dir, `${name}.h264`);
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=s=320x180:d=0.1', '-frames:v', '1',
    '-c:v', 'libx264', ...args, '-f', 'h264', out]);
  const b = readFileSync(out);
  // The first SPS NAL (type 7) between Annex B start codes.
  let start = -1;
  for (let i = 0; i + 3 < b.length; i++) {
    if (b[i] !== 0 || b[i + 1] !== 0 || b[i + 2] !== 1) continue;
    if (start >= 0) {
      const sps = b.subarray(start, b[i - 1] === 0 ? i - 1 : i);
      return Uint8Array.from([1, sps[1], sps[2], sps[3], 0xff, 0xe1, sps.length >> 8, sps.length & 255, ...sps, 0]);
    }
    if ((b[i + 3] & 0x1f) === 7) start = i + 3;
  }
  throw new Error('no SPS');
}

describe('spsColourOfAvcC', () => {
  it('says an untagged stream names no matrix, in every profile', () => {
    for (const [name, args] of [
      ['baseline', ['-profile:v', 'baseline', '-pix_fmt', 'yuv420p']],
      ['high', ['-profile:v', 'high', '-pix_fmt', 'yuv420p']],
      ['high444', ['-profile:v', 'high444', '-pix_fmt', 'yuv444p']],
    ] as const) {
      expect(spsColourOfAvcC(avcCOf(name, [...args])), name).toEqual({ described: false, fullRange: false });
    }
  });

  it('reads the range when only the range is set (matrix left unspecified)', () => {
    expect(spsColourOfAvcC(avcCOf('range-only', ['-pix_fmt', 'yuvj420p', '-color_range', 'pc']))).toEqual({ described: false, fullRange: true });
  });

  it('sees a named matrix, with its range', () => {
    const tags = (cs: string) => ['-colorspace', cs, '-color_primaries', cs, '-color_trc', cs];
    expect(spsColourOfAvcC(avcCOf('bt709', ['-pix_fmt', 'yuv420p', ...tags('bt709')]))).toEqual({ described: true, fullRange: false });
    expect(spsColourOfAvcC(avcCOf('bt601-full', ['-pix_fmt', 'yuv420p', '-color_range', 'pc', ...tags('smpte170m')])))
      .toEqual({ described: true, fullRange: true });
  });

  it('gives up on what is not an avcC record', () => {
    expect(spsColourOfAvcC(new Uint8Array([0, 1, 2]))).toBeUndefined();
    expect(spsColourOfAvcC(new Uint8Array([1, 0x64, 0, 0x1f, 0xff, 0xe1, 0, 2, 0x67, 0xff]))).toBeUndefined();
  });
});
