// Transcoding in Chromium (VideoSource -> Export): every output codec and container keeps the
// source's frames, timestamps and duration as ffprobe sees them, including variable frame rate,
// NTSC rates, B-frames and edit lists; odd sizes stay odd where the codec can store them.

import { test, expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  colourFixture, encodedFixture, ffmpeg, ffmpegFrameRgba, ffprobeFirstFrame, ffprobeFrameTimes, ffprobeVideo, intelClip, psnr, tempDir,
} from './media-fixtures.ts';
import { exportSourceCleanly, type ExportOptions } from './export-source.ts';

const dir = tempDir();
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

const exportTo = (page: Page, source: string, name: string, o: Omit<ExportOptions, 'file'> = {}) => exportSourceCleanly(page, dir, source, name, o);

/** Same frame count and presentation times (to `tolUs`) as the source, as ffprobe reads both. */
function expectSameTiming(source: string, made: string, tolUs: number) {
  const a = ffprobeFrameTimes(source);
  const b = ffprobeFrameTimes(made);
  expect(b.length, `${made}: frame count`).toBe(a.length);
  const worst = Math.max(...a.map((t, i) => Math.abs(t - b[i])));
  expect(worst * 1e6, `${made}: worst timestamp difference (µs)`).toBeLessThanOrEqual(tolUs);
}

function framePsnr(source: string, j: number, made: string, i: number): number {
  return psnr(ffmpegFrameRgba(source, j, join(dir, 'a.rgba')), ffmpegFrameRgba(made, i, join(dir, 'b.rgba')));
}

const outputs = [
  { format: 'mp4', codec: 'h264', probe: 'h264' },
  { format: 'mp4', codec: 'vp9', probe: 'vp9' },
  { format: 'mp4', codec: 'av1', probe: 'av1' },
  { format: 'webm', codec: 'vp9', probe: 'vp9' },
  { format: 'webm', codec: 'vp8', probe: 'vp8' },
  { format: 'webm', codec: 'av1', probe: 'av1' },
] as const;

for (const o of outputs) {
  test(`${o.codec.toUpperCase()} in ${o.format.toUpperCase()} keeps the frames, times and duration`, async ({ page }) => {
    const src = encodedFixture(dir, `src-${o.format}-${o.codec}.mp4`, ['-c:v', 'libx264', '-bf', '2', '-g', '10'], 30);
    const r = await exportTo(page, src, `out-${o.codec}.${o.format}`, { params: { format: o.format, codec: o.codec, bitrateMbps: 2 } });
    const s = ffprobeVideo(r.out);
    expect(s.codec_name).toBe(o.probe);
    expect({ w: s.width, h: s.height }).toEqual({ w: 320, h: 180 });
    // WebM stores milliseconds; MP4 the exact 24 fps ticks.
    expectSameTiming(src, r.out, o.format === 'webm' ? 500 : 1);
    expect(Number(s.duration || ffprobeFormatDuration(r.out))).toBeCloseTo(1.25, 2);
    for (const i of [0, 13, 29]) expect(framePsnr(src, i, r.out, i), `frame ${i}`).toBeGreaterThanOrEqual(30);
    expect(r.result?.filename).toMatch(new RegExp(`\\.${o.format}$`));
  });
}

/** The container's duration (WebM has no per-stream duration). */
function ffprobeFormatDuration(file: string): string {
  return JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-of', 'json', '-show_format', file]).toString()).format.duration;
}

test('variable frame rate keeps the real timestamps in MP4 and WebM', async ({ page }) => {
  const src = join(dir, 'vfr.mp4');
  ffmpeg(['-i', encodedFixture(dir, 'vfr-base.mp4', ['-c:v', 'libx264'], 30), '-vf', "setpts='(N*0.05+0.02*mod(N\\,2))/TB'",
    '-fps_mode', 'vfr', '-c:v', 'libx264', '-bf', '2', '-video_track_timescale', '1000', src]);
  const mp4 = await exportTo(page, src, 'vfr-out.mp4', {});
  expectSameTiming(src, mp4.out, 0);
  const webm = await exportTo(page, src, 'vfr-out.webm', { params: { format: 'webm' } });
  expectSameTiming(src, webm.out, 0);
  expect(webm.result?.notes).toContain('codec VP9: WebM cannot hold H.264');
});

test('29.97 fps over 600 frames ends exactly where the source ends', async ({ page }) => {
  const src = join(dir, 'ntsc.mp4');
  ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=size=64x36:rate=30000/1001', '-frames:v', '600', '-c:v', 'libx264', '-bf', '2', src]);
  const r = await exportTo(page, src, 'ntsc-out.mp4', {});
  const s = ffprobeVideo(r.out);
  expect(s).toMatchObject({ nb_read_frames: '600', r_frame_rate: '30000/1001', avg_frame_rate: '30000/1001' });
  expect(s.duration).toBe(ffprobeVideo(src).duration);
  expectSameTiming(src, r.out, 1);
});

test('an edit list that trims the start exports only the frames a player shows', async ({ page }) => {
  const src = encodedFixture(dir, 'gop.mp4', ['-c:v', 'libx264', '-bf', '2', '-g', '12'], 36);
  const trimmed = join(dir, 'trimmed.mp4');
  ffmpeg(['-ss', '0.4', '-i', src, '-c', 'copy', trimmed]);
  const r = await exportTo(page, trimmed, 'trimmed-out.mp4', {});
  expectSameTiming(trimmed, r.out, 1);
  const shown = ffprobeFrameTimes(trimmed).length;
  expect(shown).toBeLessThan(36);
  // Frame 0 of the export is the first frame ffmpeg shows of the trimmed file.
  expect(framePsnr(trimmed, 0, r.out, 0)).toBeGreaterThanOrEqual(30);
  expect(framePsnr(trimmed, shown - 1, r.out, shown - 1)).toBeGreaterThanOrEqual(30);
});

test('odd sizes: VP9 keeps 853x479 exactly; H.264 pads to even and says so', async ({ page }) => {
  const src = encodedFixture(dir, 'odd.mkv', ['-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8'], 12, '853:479');
  expect(ffprobeVideo(src)).toMatchObject({ width: 853, height: 479 });
  const vp9 = await exportTo(page, src, 'odd-vp9.webm', { params: { format: 'webm', codec: 'vp9' } });
  expect(ffprobeVideo(vp9.out)).toMatchObject({ width: 853, height: 479 });
  expect(framePsnr(src, 5, vp9.out, 5)).toBeGreaterThanOrEqual(30);
  const h264 = await exportTo(page, src, 'odd-h264.mp4', {});
  expect(ffprobeVideo(h264.out)).toMatchObject({ width: 854, height: 480 });
  expect(h264.result?.notes).toContain('853x479 padded to 854x480 by repeating the edge (H.264 needs even sizes)');
});

test('constant quality (VP9): a higher quality makes a bigger file', async ({ page }) => {
  const low = await exportTo(page, intelClip, 'q20.webm', { params: { format: 'webm', quality: 20 }, range: { start: 0, end: 10 } });
  const high = await exportTo(page, intelClip, 'q90.webm', { params: { format: 'webm', quality: 90 }, range: { start: 0, end: 10 } });
  const size = (b64: string) => Buffer.from(b64, 'base64').length;
  expect(size(high.files[0].base64)).toBeGreaterThan(2 * size(low.files[0].base64));
  expect(framePsnr(intelClip, 5, high.out, 5)).toBeGreaterThan(framePsnr(intelClip, 5, low.out, 5));
  // H.264 here has no constant-quality mode: the export says it used the bitrate instead.
  const h264 = await exportTo(page, intelClip, 'q-h264.mp4', { params: { quality: 50 }, range: { start: 0, end: 3 } });
  expect(h264.result?.notes.join(' ')).toMatch(/constant quality is not available for H\.264/);
});

test('a VP8 WebM source re-encodes to H.264 MP4 with the same frames', async ({ page }) => {
  const src = encodedFixture(dir, 'vp8.webm', ['-c:v', 'libvpx', '-b:v', '1M'], 24);
  const r = await exportTo(page, src, 'from-webm.mp4', {});
  expectSameTiming(src, r.out, 500);
  expect(framePsnr(src, 20, r.out, 20)).toBeGreaterThanOrEqual(30);
});

test('a phone clip with rotation metadata exports upright, with no rotation left in the file', async ({ page }) => {
  for (const rotate of [90, 270]) {
    const src = join(dir, `rot${rotate}.mp4`);
    ffmpeg(['-i', intelClip, '-frames:v', '10', '-c', 'copy', '-metadata:s:v:0', `rotate=${rotate}`, src]);
    const r = await exportTo(page, src, `rot${rotate}-out.mp4`, {});
    const s = ffprobeVideo(r.out);
    expect({ w: s.width, h: s.height }).toEqual({ w: 432, h: 768 });
    const sideData = execFileSync('ffprobe', ['-v', 'error', '-show_streams', '-of', 'json', r.out]).toString();
    expect(sideData).not.toMatch(/rotation|"rotate"/);
    // ffmpeg turns the source upright by its matrix; the export already is.
    expect(framePsnr(src, 4, r.out, 4), `rotate=${rotate}`).toBeGreaterThanOrEqual(30);
  }
});

test('BT.601/709 limited and full range sources export with colours ffmpeg agrees with', async ({ page }) => {
  for (const [matrix, range] of [['bt601', 'full'], ['bt709', 'limited'], ['bt709', 'full']] as const) {
    const src = colourFixture(dir, matrix, range);
    const r = await exportTo(page, src, `colour-${matrix}-${range}.webm`, { params: { format: 'webm', codec: 'vp9', quality: 100 } });
    // What we write is tagged (BT.601 below 720 lines, limited range), so players decode it right.
    expect(ffprobeFirstFrame(r.out)).toMatchObject({ color_range: 'tv', color_space: 'smpte170m' });
    const p = framePsnr(src, 5, r.out, 5);
    console.log(`${matrix} ${range}: export vs source ${p.toFixed(1)} dB`);
    expect(p, `${matrix} ${range}`).toBeGreaterThanOrEqual(40);
  }
});
