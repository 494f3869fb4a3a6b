// ffmpeg-made fixtures and references for the media tests, in a temp folder (never in the repo).

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, sharedMedia } from '../support/shared-paths.ts';

/** 768x432, 10 fps, 40 frames, B-frames, a key frame every 10 frames, tagged BT.601 limited. */
export const intelClip = join(repoRoot, 'examples/media/intel-people-4s.mp4');
/** 1920x1080, 24 fps, 100 frames, no colour tags (HD: we read it as BT.709). */
export const talkingClip = sharedMedia('person_video/three_people_talking_1080p24_4s.mp4');

export const tempDir = (prefix = 'mattegraph-media-') => mkdtempSync(join(tmpdir(), prefix));

export function ffmpeg(args: string[]): void {
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/**
 * Frame `index` (presentation order) of `file` decoded by ffmpeg to raw RGBA.
 * `matrix` forces the Y'CbCr matrix for untagged files (ffmpeg alone would assume BT.601).
 */
export function ffmpegFrameRgba(file: string, index: number, out: string, matrix?: 'bt709' | 'bt601'): Buffer {
  const scale = matrix ? `,scale=in_color_matrix=${matrix}` : '';
  ffmpeg(['-i', file, '-vf', `select=eq(n\\,${index})${scale}`, '-vsync', '0', '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgba', out]);
  return readFileSync(out);
}

/** A short 480x270 H.264 clip of the talking footage, converted to and tagged with `matrix`/`range`. */
export function colourFixture(dir: string, matrix: 'bt601' | 'bt709', range: 'limited' | 'full', tagged = true): string {
  const out = join(dir, `${matrix}-${range}${tagged ? '' : '-untagged'}.mp4`);
  const cs = matrix === 'bt601' ? 'smpte170m' : 'bt709';
  const tags = tagged
    ? ['-color_range', range === 'full' ? 'pc' : 'tv', '-colorspace', cs, '-color_primaries', cs, '-color_trc', cs]
    : [];
  ffmpeg(['-i', talkingClip, '-frames:v', '8', '-vf', `scale=480:270:out_color_matrix=${matrix}:out_range=${range},format=yuv420p`,
    '-c:v', 'libx264', '-crf', '12', ...tags, out]);
  return out;
}

export interface ProbedStream {
  nb_frames?: string;
  nb_read_frames?: string;
  r_frame_rate: string;
  avg_frame_rate: string;
  duration: string;
  width: number;
  height: number;
  pix_fmt: string;
  color_range?: string;
  color_space?: string;
  codec_name: string;
  profile?: string;
}

export function ffprobeVideo(file: string): ProbedStream {
  const json = execFileSync('ffprobe', [
    '-v', 'error', '-select_streams', 'v:0', '-count_frames', '-show_streams', '-of', 'json', file,
  ]).toString();
  return JSON.parse(json).streams[0] as ProbedStream;
}

/** Colour tags ffmpeg's decoder puts on the first decoded frame (bitstream and container). */
export function ffprobeFirstFrame(file: string): { color_range?: string; color_space?: string; pix_fmt?: string } {
  const json = execFileSync('ffprobe', [
    '-v', 'error', '-select_streams', 'v:0', '-read_intervals', '%+#1', '-show_frames', '-of', 'json', file,
  ]).toString();
  return JSON.parse(json).frames[0];
}

/** Byte ranges of the video packets, in decode order. */
export function packets(file: string): { pos: number; size: number; key: boolean }[] {
  const csv = execFileSync('ffprobe', [
    '-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pos,size,flags', '-of', 'csv=p=0', file,
  ]).toString();
  return csv.trim().split('\n').map((line) => {
    const [size, pos, flags] = line.split(',');
    return { pos: Number(pos), size: Number(size), key: flags.startsWith('K') };
  });
}

/** Writes the first `bytes` bytes of `file` to `out`. */
export function cutFile(file: string, bytes: number, out: string): string {
  writeFileSync(out, readFileSync(file).subarray(0, bytes));
  return out;
}

/** Top-level MP4 boxes of a file (type and offset), to check fast start. */
export function topLevelBoxes(file: string): { type: string; start: number }[] {
  const d = readFileSync(file);
  const boxes: { type: string; start: number }[] = [];
  for (let p = 0; p + 8 <= d.length;) {
    let size = d.readUInt32BE(p);
    if (size === 1) size = Number(d.readBigUInt64BE(p + 8));
    if (size === 0) size = d.length - p;
    boxes.push({ type: d.toString('latin1', p + 4, p + 8), start: p });
    if (size < 8) break;
    p += size;
  }
  return boxes;
}

/** PSNR in dB over RGB of two RGBA buffers. */
export function psnr(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) throw new Error(`size mismatch: ${a.length} vs ${b.length} bytes`);
  let se = 0;
  let n = 0;
  for (let i = 0; i < a.length; i += 4) {
    for (let c = 0; c < 3; c++) {
      const d = a[i + c] - b[i + c];
      se += d * d;
      n++;
    }
  }
  return se === 0 ? Infinity : 10 * Math.log10((255 * 255) / (se / n));
}

/** Presentation times (s) of the decoded video frames, as ffmpeg shows the file, from its first. */
export function ffprobeFrameTimes(file: string): number[] {
  const csv = execFileSync('ffprobe', [
    '-v', 'error', '-select_streams', 'v:0', '-show_entries', 'frame=best_effort_timestamp_time', '-of', 'csv=p=0', file,
  ]).toString();
  // Side data adds blank lines to the CSV.
  const t = csv.split('\n').filter((l) => l.trim()).map((l) => Number(l.split(',')[0]));
  return t.map((x) => x - t[0]);
}

/** A short clip of the talking footage at `size`, encoded with `args` (codec and container options). */
export function encodedFixture(dir: string, name: string, args: string[], frames = 24, size = '320:180'): string {
  const out = join(dir, name);
  ffmpeg(['-i', talkingClip, '-frames:v', String(frames), '-vf', `scale=${size},format=yuv420p`, '-an', ...args, out]);
  return out;
}
