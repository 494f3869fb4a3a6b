// The source's audio in exports: copied bit for bit where the container takes its codec (packet
// MD5s from ffmpeg's framemd5 match), re-encoded to Opus where it does not (and the export says
// so), kept in sync with the picture (also over a range and with a delayed audio track), dropped
// on request, and a clear refusal when it can be neither copied nor decoded.

import { test, expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { ffmpeg, intelClip, tempDir } from './media-fixtures.ts';
import { exportSource, type ExportOptions } from './export-source.ts';

const dir = tempDir();
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

const exportTo = (page: Page, source: string, name: string, o: Omit<ExportOptions, 'file'> = {}) => exportSource(page, dir, source, name, o);

/** The MD5 of each audio packet's data, in order (timestamps left out). */
function audioPacketMd5s(file: string): string[] {
  const text = execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-map', '0:a', '-c', 'copy', '-f', 'framemd5', '-']).toString();
  // stream, dts, pts, duration, size, hash[, side data ...]
  return text.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(',')[5].trim());
}

interface Stream { codec_type: string; codec_name: string; start_time: string; duration?: string }
function streams(file: string): Stream[] {
  return JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-show_streams', '-of', 'json', file]).toString()).streams;
}
const audioOf = (file: string) => streams(file).find((s) => s.codec_type === 'audio');
const videoOf = (file: string) => streams(file).find((s) => s.codec_type === 'video')!;
/** Where the audio starts relative to the picture, seconds. */
const audioOffset = (file: string) => Number(audioOf(file)!.start_time) - Number(videoOf(file).start_time);

/** The intel clip (40 frames, 4 s, B-frames) with a 4 s tone in `codec`, the audio delayed by `delay` s. */
function withAudio(name: string, codecArgs: string[], delay = 0, container = 'mp4'): string {
  const out = join(dir, `${name}.${container}`);
  ffmpeg(['-i', intelClip, '-itsoffset', String(delay), '-f', 'lavfi', '-i', 'sine=frequency=440:duration=4:sample_rate=48000',
    '-map', '0:v', '-map', '1:a', '-c:v', 'copy', ...codecArgs, out]);
  return out;
}

test('AAC into MP4 is copied bit for bit and stays in sync', async ({ page }) => {
  const src = withAudio('aac', ['-c:a', 'aac', '-b:a', '128k']);
  const r = await exportTo(page, src, 'aac-out.mp4', {});
  expect(r.error).toBeUndefined();
  expect(r.result?.audio).toBe('AAC audio copied unchanged');
  expect(audioOf(r.out)?.codec_name).toBe('aac');
  expect(audioPacketMd5s(r.out)).toEqual(audioPacketMd5s(src));
  expect(audioOffset(r.out)).toBeCloseTo(audioOffset(src), 2);
  expect(r.openFrames).toBe(0);
});

test('a delayed audio track keeps its delay, also when streamed', async ({ page }) => {
  const src = withAudio('late', ['-c:a', 'aac'], 0.5);
  // 0.5 s, less AAC's priming frame (1024 samples at 48 kHz) that ffmpeg shows before it.
  expect(audioOffset(src)).toBeCloseTo(0.5 - 1024 / 48000, 2);
  const r = await exportTo(page, src, 'late-out.mp4', { target: 'stream' });
  expect(r.error).toBeUndefined();
  expect(audioOffset(r.out)).toBeCloseTo(audioOffset(src), 2);
  expect(audioPacketMd5s(r.out)).toEqual(audioPacketMd5s(src));
});

test('a frame range takes the audio under those frames, starting with the picture', async ({ page }) => {
  const src = withAudio('range', ['-c:a', 'aac']);
  const r = await exportTo(page, src, 'range-out.mp4', { range: { start: 10, end: 20 } });
  expect(r.error).toBeUndefined();
  const a = audioOf(r.out)!;
  // Copied packets are whole: the first may begin up to one AAC frame (21 ms) before the
  // picture; the muxer's edit list starts the sound with the picture.
  expect(audioOffset(r.out)).toBeGreaterThan(-0.025);
  expect(audioOffset(r.out)).toBeLessThanOrEqual(0.001);
  expect(Number(a.duration)).toBeGreaterThan(0.97);
  expect(Number(a.duration)).toBeLessThan(1.05);
  // Every packet is one of the source's, unchanged.
  const source = new Set(audioPacketMd5s(src));
  expect(audioPacketMd5s(r.out).every((m) => source.has(m))).toBe(true);
});

test('AAC cannot go into WebM: it is re-encoded to Opus and the export says so', async ({ page }) => {
  const src = withAudio('aac-webm', ['-c:a', 'aac']);
  const r = await exportTo(page, src, 'aac-out.webm', { params: { format: 'webm' } });
  expect(r.error).toBeUndefined();
  expect(r.result?.audio).toBe('AAC audio re-encoded to Opus (WebM cannot hold AAC)');
  expect(r.result?.notes).toContain('AAC audio re-encoded to Opus (WebM cannot hold AAC)');
  const a = audioOf(r.out)!;
  expect(a.codec_name).toBe('opus');
  expect(Math.abs(audioOffset(r.out))).toBeLessThan(0.03);
  const seconds = Number(execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'a', '-show_entries', 'packet=pts_time,duration_time', '-of', 'csv=p=0', r.out])
    .toString().trim().split('\n').at(-1)!.split(',').map(Number).reduce((x, y) => x + y, 0));
  expect(seconds).toBeGreaterThan(3.9);
  expect(seconds).toBeLessThan(4.1);
});

test('Opus into WebM is copied bit for bit', async ({ page }) => {
  const src = withAudio('opus', ['-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-c:a', 'libopus'], 0, 'webm');
  const r = await exportTo(page, src, 'opus-out.webm', { params: { format: 'webm' } });
  expect(r.error).toBeUndefined();
  expect(r.result?.audio).toBe('Opus audio copied unchanged');
  expect(audioPacketMd5s(r.out)).toEqual(audioPacketMd5s(src));
});

test('Audio "drop" exports the picture alone', async ({ page }) => {
  const src = withAudio('drop', ['-c:a', 'aac']);
  const r = await exportTo(page, src, 'drop-out.mp4', { params: { audio: 'drop' } });
  expect(r.error).toBeUndefined();
  expect(r.result?.audio).toBeUndefined();
  expect(audioOf(r.out)).toBeUndefined();
});

test('audio that can be neither copied nor decoded stops the export with what to do', async ({ page }) => {
  const src = withAudio('ac3', ['-c:a', 'ac3'], 0, 'mkv');
  const r = await exportTo(page, src, 'ac3-out.webm', { params: { format: 'webm' } });
  expect(r.error).toBe('the source\'s audio (AC-3) cannot go into WebM and this browser cannot decode it to re-encode it as Opus: ' +
    'set the Export node\'s Audio to "No audio" to export without it');
  expect(r.files).toEqual([]);
  expect(r.openFrames).toBe(0);
  // The same source with the audio dropped exports fine: the graph is still usable.
  const ok = await exportTo(page, src, 'ac3-dropped.webm', { params: { format: 'webm', audio: 'drop' } });
  expect(ok.error).toBeUndefined();
});
