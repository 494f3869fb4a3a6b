// Where the exported sound starts and ends against the source's, to the sample: a copied FLAC
// track from Matroska ends on its short last block (not a full block late), a re-encode to Opus
// ends where the source does (the encoder's end padding cut off) and lines up sample for sample
// (also from 44.1 kHz, and in WebM), and 5.1 audio that this browser cannot encode as 5.1 Opus is
// mixed down to stereo (and the export says so) instead of failing.

import { test, expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { ffmpeg, tempDir } from './media-fixtures.ts';
import { exportSource, type ExportOptions } from './export-source.ts';

const dir = tempDir();
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

const exportTo = (page: Page, source: string, name: string, o: Omit<ExportOptions, 'file'> = {}) => exportSource(page, dir, source, name, o);

/** A 1 s, 10 fps picture with `seconds` of pink noise (sound a cross-correlation cannot mistake). */
function clip(name: string, rate: number, audioArgs: string[], seconds = 1.3): string {
  const out = join(dir, name);
  ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=size=96x64:rate=10:duration=1.5', '-f', 'lavfi', '-i', `anoisesrc=color=pink:amplitude=0.3:sample_rate=${rate}:duration=${seconds}`,
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', ...audioArgs, out]);
  return out;
}

const probe = (file: string, stream: string, entries: string) => execFileSync('ffprobe', ['-v', 'error', '-select_streams', stream,
  '-show_entries', entries, '-of', 'csv=p=0', file]).toString().split('\n').filter((l) => l.trim()).map((l) => l.split(',').map(Number));

/** Seconds from the first picture to the end of the last audio packet, as ffprobe reads the file. */
function audioEnd(file: string): number {
  const video = Math.min(...probe(file, 'v:0', 'packet=pts_time').map(([t]) => t));
  return Math.max(...probe(file, 'a:0', 'packet=pts_time,duration_time').map(([t, d]) => t + d)) - video;
}

/** The sound on the picture's timeline (index 0 = first picture), mono 48 kHz, as ffmpeg decodes it. */
function placedSound(file: string): Float32Array {
  const video = Math.min(...probe(file, 'v:0', 'frame=best_effort_timestamp_time').map(([t]) => t));
  const audio = probe(file, 'a:0', 'frame=best_effort_timestamp_time')[0][0];
  const raw = execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-map', '0:a:0', '-ac', '1', '-ar', '48000', '-f', 'f32le', '-'], { maxBuffer: 1 << 28 });
  const pcm = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
  const offset = Math.round((audio - video) * 48_000);
  if (offset >= 0) return Float32Array.from([...new Float32Array(offset), ...pcm]);
  return pcm.slice(-offset);
}

/** Samples (48 kHz) by which `b`'s sound lags `a`'s: the best cross-correlation within ±5 ms. */
function lagSamples(a: Float32Array, b: Float32Array): number {
  const from = 4800;
  const n = Math.min(a.length, b.length) - from - 480;
  let best = 0;
  let bestSum = -Infinity;
  for (let k = -240; k <= 240; k++) {
    let sum = 0;
    for (let i = from; i < from + n - 240; i++) sum += a[i] * b[i + k];
    if (sum > bestSum) [best, bestSum] = [k, sum];
  }
  return best;
}

test('FLAC copied from Matroska ends on its short last block, where the source ends', async ({ page }) => {
  const src = clip('flac.mkv', 48_000, ['-c:a', 'flac']);
  const r = await exportTo(page, src, 'flac-out.mp4', {});
  expect(r.error).toBeUndefined();
  expect(r.result?.audio).toBe('FLAC audio copied unchanged');
  // 1.3 s is 13 blocks of 4608 samples and a last one of 2496: it used to last a full block (+44 ms).
  expect(audioEnd(src)).toBeCloseTo(1.3, 3);
  expect(audioEnd(r.out)).toBeCloseTo(audioEnd(src), 3);
});

test('24-bit PCM re-encoded to Opus ends where the source ends and lines up to the sample', async ({ page }) => {
  const src = clip('pcm24.mov', 48_000, ['-c:a', 'pcm_s24le']);
  const r = await exportTo(page, src, 'pcm24-out.mp4', {});
  expect(r.error).toBeUndefined();
  expect(r.result?.audio).toMatch(/^PCM audio re-encoded to Opus/);
  // Without cutting the encoder's end padding it ended 13.5 ms late.
  expect(audioEnd(r.out)).toBeCloseTo(audioEnd(src), 3);
  expect(lagSamples(placedSound(src), placedSound(r.out))).toBe(0);
});

test('44.1 kHz AAC re-encoded to Opus in WebM lines up with the source', async ({ page }) => {
  const src = clip('aac44.mp4', 44_100, ['-c:a', 'aac', '-ac', '2']);
  const r = await exportTo(page, src, 'aac44-out.webm', { params: { format: 'webm' } });
  expect(r.error).toBeUndefined();
  expect(r.result?.audio).toBe('AAC audio re-encoded to Opus (WebM cannot hold AAC)');
  // Chromium's encoder resampling 44.1 kHz itself put the sound 35 samples (0.7 ms) late.
  expect(Math.abs(lagSamples(placedSound(src), placedSound(r.out)))).toBeLessThanOrEqual(1);
});

test('5.1 audio that must become Opus is mixed down to stereo, and the export says so', async ({ page }) => {
  const src = clip('aac51.mp4', 48_000, ['-c:a', 'aac', '-ac', '6']);
  const r = await exportTo(page, src, 'aac51-out.webm', { params: { format: 'webm' } });
  expect(r.error).toBeUndefined();
  expect(r.result?.notes).toContain('AAC audio re-encoded to Opus (WebM cannot hold AAC, mixed down from 6 channels to stereo ' +
    '(this browser\'s Opus encoder takes at most 2))');
  expect(probe(r.out, 'a:0', 'stream=channels')[0][0]).toBe(2);
  expect(Math.abs(lagSamples(placedSound(src), placedSound(r.out)))).toBeLessThanOrEqual(1);
});

test('22.05 kHz AAC re-encoded for WebM stops at the source\'s end, not its padded last frame', async ({ page }) => {
  // 22050 samples fill 21.5 AAC frames; the MP4's timing cuts the last one short (ffmpeg's stts).
  const src = clip('aac22.mp4', 22_050, ['-c:a', 'aac', '-ac', '1'], 1);
  const r = await exportTo(page, src, 'aac22-out.webm', { params: { format: 'webm' } });
  expect(r.error).toBeUndefined();
  expect(audioEnd(src)).toBeCloseTo(1, 3);
  // WebM as written here cannot cut the Opus encoder's end padding (under one 20 ms frame); the
  // decoded padding of the AAC frame (22 ms) used to come on top.
  expect(audioEnd(r.out) - audioEnd(src)).toBeGreaterThan(-0.001);
  expect(audioEnd(r.out) - audioEnd(src)).toBeLessThan(0.0145);
  expect(Math.abs(lagSamples(placedSound(src), placedSound(r.out)))).toBeLessThanOrEqual(1);
});

test('Opus copied from WebM into WebM is where ffmpeg put it against the picture', async ({ page }) => {
  const src = join(dir, 'opus.webm');
  ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=size=96x64:rate=10:duration=1.5', '-f', 'lavfi', '-i', 'anoisesrc=color=pink:amplitude=0.3:duration=1.3',
    '-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-c:a', 'libopus', src]);
  const r = await exportTo(page, src, 'opus-out.webm', { params: { format: 'webm' } });
  expect(r.error).toBeUndefined();
  expect(r.result?.audio).toBe('Opus audio copied unchanged');
  // Matroska's millisecond times put ffmpeg's packets at 0, 21, 41 ms; copied as they were (and
  // without the source's CodecDelay) ffmpeg read the sound 2 ms late.
  expect(lagSamples(placedSound(src), placedSound(r.out))).toBe(0);
});
