// The colour readers of coded streams (VP8/VP9 key frame headers, AV1 sequence headers) against
// one-frame streams ffmpeg writes with and without colour tags, 8 and 10 bit, and what ffmpeg's
// own decoder reports for each: the reading our renders must follow.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { av1ConfigColour, av1ObusColour } from '../../src/media/av1-colour.ts';
import { codedColourOf, ffmpegEncodingOf, type CodedColour } from '../../src/media/stream-colour.ts';
import { vp8KeyFrameColour } from '../../src/media/vp8-colour.ts';
import { vp9KeyFrameColour } from '../../src/media/vp9-colour.ts';

/** Time for a test that runs ffmpeg a dozen times (the machine is shared). */
const ENCODES = 120_000;
const dir = mkdtempSync(join(tmpdir(), 'mattegraph-stream-colour-'));
let n = 0;

const TAGS = {
  none: [],
  bt709: ['-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709'],
  'bt709-full': ['-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-color_range', 'pc'],
  'bt601-full': ['-colorspace', 'smpte170m', '-color_primaries', 'smpte170m', '-color_trc', 'smpte170m', '-color_range', 'pc'],
  'range-only': ['-color_range', 'pc'],
} as const;
type Tags = keyof typeof TAGS;

function encode(ext: string, codec: string[], tags: Tags, pixFmt = 'yuv420p', extra: string[] = []): string {
  const out = join(dir, `${n++}.${ext}`);
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=s=64x64:d=0.1', '-frames:v', '1',
    '-pix_fmt', pixFmt, ...codec, ...TAGS[tags], ...extra, out]);
  return out;
}

/** The first frame of a VP8/VP9 stream, from an IVF file (32-byte file header, 12 per frame). */
function firstIvfFrame(file: string): Uint8Array {
  const b = readFileSync(file);
  return new Uint8Array(b.subarray(44, 44 + b.readUInt32LE(32)));
}

/** The body of the first `type` box in an MP4 file (a flat search is enough for these files). */
function mp4Box(file: string, type: string): Uint8Array {
  const b = readFileSync(file);
  const at = b.indexOf(type, 0, 'latin1');
  if (at < 4) throw new Error(`no ${type} box`);
  return new Uint8Array(b.subarray(at + 4, at - 4 + b.readUInt32BE(at - 4)));
}

/** The matrix and range ffmpeg's decoder reports for the first frame, as a CodedColour. */
function ffmpegFrameColour(file: string): CodedColour {
  const json = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-read_intervals', '%+#1',
    '-show_entries', 'frame=color_space,color_range', '-of', 'json', file]).toString();
  const f = JSON.parse(json).frames[0] as { color_space?: string; color_range?: string };
  const codes: Record<string, number> = { bt709: 1, unknown: 2, bt470bg: 5, smpte170m: 6, bt2020nc: 9 };
  return { matrix: codes[f.color_space ?? 'unknown'], fullRange: f.color_range === 'pc' };
}

const VP9 = ['-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8'];
const VP8 = ['-c:v', 'libvpx', '-deadline', 'realtime'];
const SVT = ['-c:v', 'libsvtav1', '-preset', '12'];
const AOM = ['-c:v', 'libaom-av1', '-cpu-used', '8', '-usage', 'realtime'];

describe('vp9KeyFrameColour', () => {
  it('reads colour_space and range as ffmpeg does, in profiles 0 and 2', () => {
    for (const [tags, pixFmt, expected] of [
      ['none', 'yuv420p', { matrix: 2, fullRange: false }],
      ['bt709', 'yuv420p', { matrix: 1, fullRange: false }],
      ['bt601-full', 'yuv420p', { matrix: 6, fullRange: true }],
      ['range-only', 'yuv420p', { matrix: 2, fullRange: true }],
      ['none', 'yuv420p10le', { matrix: 2, fullRange: false }],
      ['bt709-full', 'yuv420p10le', { matrix: 1, fullRange: true }],
    ] as const) {
      const file = encode('ivf', VP9, tags, pixFmt);
      const colour = vp9KeyFrameColour(firstIvfFrame(file));
      expect(colour, `${tags} ${pixFmt}`).toEqual(expected);
      expect(colour, `${tags} ${pixFmt} vs ffprobe`).toEqual(ffmpegFrameColour(file));
    }
  }, ENCODES);

  it('gives up on what is not a VP9 key frame', () => {
    expect(vp9KeyFrameColour(new Uint8Array([0x86, 0, 0]))).toBeUndefined(); // inter frame
    expect(vp9KeyFrameColour(new Uint8Array([0x82, 0x49, 0x83, 0x43]))).toBeUndefined(); // bad sync code
    expect(vp9KeyFrameColour(new Uint8Array([0x82]))).toBeUndefined(); // cut short
  });
});

describe('av1 colour', () => {
  it('reads the sequence header in a key frame and in the av1C record, as ffmpeg does', () => {
    for (const [enc, tags, pixFmt, expected] of [
      [SVT, 'none', 'yuv420p', { matrix: 2, fullRange: false }],
      [SVT, 'bt709', 'yuv420p', { matrix: 1, fullRange: false }],
      [SVT, 'bt601-full', 'yuv420p10le', { matrix: 6, fullRange: true }],
      [AOM, 'none', 'yuv420p', { matrix: 2, fullRange: false }],
      [AOM, 'bt709-full', 'yuv420p', { matrix: 1, fullRange: true }],
      [AOM, 'range-only', 'yuv420p10le', { matrix: 2, fullRange: true }],
    ] as const) {
      const name = `${enc[1]} ${tags} ${pixFmt}`;
      const obus = encode('obu', [...enc], tags, pixFmt);
      expect(av1ObusColour(new Uint8Array(readFileSync(obus))), name).toEqual(expected);
      expect(ffmpegFrameColour(obus), `${name} vs ffprobe`).toEqual(expected);
      const mp4 = encode('mp4', [...enc], tags, pixFmt);
      expect(av1ConfigColour(mp4Box(mp4, 'av1C')), `${name} av1C`).toEqual(expected);
    }
  }, ENCODES);

  it('reads a sequence header with timing and decoder model info', () => {
    // libaom writes timing_info and the decoder model when asked to (other layout, same colour).
    const file = encode('obu', AOM, 'bt709', 'yuv420p', ['-aom-params', 'timing-info=model']);
    expect(av1ObusColour(new Uint8Array(readFileSync(file)))).toEqual({ matrix: 1, fullRange: false });
  });

  it('gives up on what is not AV1', () => {
    expect(av1ObusColour(new Uint8Array([0xff, 1, 2]))).toBeUndefined();
    expect(av1ObusColour(new Uint8Array([0x0a, 0x05, 0]))).toBeUndefined(); // OBU longer than the data
    expect(av1ConfigColour(new Uint8Array([0x81, 0, 0, 0]))).toBeUndefined(); // no configOBUs
  });
});

describe('vp8KeyFrameColour', () => {
  it('is BT.601 whatever the tags say, limited range for libvpx streams (as ffmpeg reads them)', () => {
    for (const tags of ['none', 'bt709-full'] as const) {
      const file = encode('ivf', VP8, tags);
      const colour = vp8KeyFrameColour(firstIvfFrame(file));
      expect(colour, tags).toEqual({ matrix: 5, fullRange: false });
      expect(colour, `${tags} vs ffprobe`).toEqual(ffmpegFrameColour(file));
    }
  });

  it('reads the clamping bit that ffmpeg takes for full range', () => {
    const frame = firstIvfFrame(encode('ivf', VP8, 'none'));
    // With the first two bool-coded bits 0 (as libvpx writes them), bit 6 of the partition's
    // first byte is the second bit alone: setting it leaves everything after it as it was.
    expect(frame[10] & 0xc0).toBe(0);
    frame[10] |= 0x40;
    expect(vp8KeyFrameColour(frame)).toEqual({ matrix: 5, fullRange: true });
  });

  it('gives up on inter frames and on what is not VP8', () => {
    expect(vp8KeyFrameColour(new Uint8Array(16).fill(1))).toBeUndefined();
    expect(vp8KeyFrameColour(new Uint8Array(16))).toBeUndefined();
  });
});

describe('codedColourOf / ffmpegEncodingOf', () => {
  const sample = (bytes: Uint8Array) => () => Promise.resolve(bytes);
  const samples = [{ dts: 0, cts: 0, duration: 1, isSync: true }];

  it('reads each codec from where its colour is, and maps it to the conversion swscale does', async () => {
    const vp9 = firstIvfFrame(encode('ivf', VP9, 'none'));
    expect(await codedColourOf({ codec: 'vp09.00.10.08', samples }, sample(vp9))).toEqual({ matrix: 2, fullRange: false });
    const av1 = mp4Box(encode('mp4', SVT, 'bt709-full'), 'av1C');
    expect(await codedColourOf({ codec: 'av01.0.01M.08', description: av1, samples }, () => Promise.reject(new Error('not read'))))
      .toEqual({ matrix: 1, fullRange: true });
    expect(ffmpegEncodingOf({ matrix: 2, fullRange: false })).toEqual({ matrix: 'bt601', fullRange: false });
    expect(ffmpegEncodingOf({ matrix: 6, fullRange: true })).toEqual({ matrix: 'bt601', fullRange: true });
    expect(ffmpegEncodingOf({ matrix: 1, fullRange: false })).toEqual({ matrix: 'bt709', fullRange: false });
    expect(ffmpegEncodingOf({ matrix: 9, fullRange: false })).toEqual({ matrix: 'bt2020', fullRange: false });
    expect(ffmpegEncodingOf({ matrix: 0, fullRange: true })).toBeUndefined(); // RGB: left to the browser
  });

  it('reads an AV1 key frame when the av1C record has no sequence header', async () => {
    const obus = new Uint8Array(readFileSync(encode('obu', SVT, 'range-only')));
    const av1C = new Uint8Array([0x81, 0x00, 0x0c, 0x00]);
    expect(await codedColourOf({ codec: 'av01.0.00M.08', description: av1C, samples }, sample(obus))).toEqual({ matrix: 2, fullRange: true });
  });

  it('does not read a sample that is not a key frame, nor codecs it does not know', async () => {
    const vp9 = firstIvfFrame(encode('ivf', VP9, 'none'));
    expect(await codedColourOf({ codec: 'vp09.00.10.08', samples: [{ ...samples[0], isSync: false }] }, sample(vp9))).toBeUndefined();
    expect(await codedColourOf({ codec: 'hvc1.1.6.L93.B0', samples }, sample(vp9))).toBeUndefined();
  });
});
