// Export in Chromium: VideoSource -> Export through the real evaluator, WebCodecs H.264 and
// mediabunny. The file is checked the way a user's player sees it (ffprobe, ffmpeg decode):
// same frame count, frame rate and duration as the source, right colours, fast start.

import { test, expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ffmpeg, ffmpegFrameRgba, ffprobeFirstFrame, ffprobeVideo, intelClip, psnr, talkingClip, tempDir, topLevelBoxes,
} from './media-fixtures.ts';
import { openExportPage } from './export-source.ts';

const dir = tempDir();
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

type RunOptions = Parameters<Window['exportPage']['exportFile']>[0];

const openPage = openExportPage;

async function exportTo(page: Page, name: string, o: RunOptions) {
  const r = await page.evaluate((opts) => window.exportPage.exportFile(opts), o);
  const out = join(dir, name);
  if (r.base64) writeFileSync(out, Buffer.from(r.base64, 'base64'));
  return { ...r, out };
}

/** Frame `i` of the export compared with frame `j` of the source, both decoded by ffmpeg. */
function framePsnr(source: string, j: number, exported: string, i: number) {
  const a = ffmpegFrameRgba(source, j, join(dir, 'src.rgba'));
  const b = ffmpegFrameRgba(exported, i, join(dir, 'out.rgba'));
  return psnr(a, b);
}

function expectFastStart(file: string) {
  const types = topLevelBoxes(file).map((b) => b.type);
  expect(types.indexOf('moov')).toBeGreaterThanOrEqual(0);
  expect(types.indexOf('moov')).toBeLessThan(types.indexOf('mdat'));
}

test('a clip with B-frames exports with the same frames, rate and duration, tagged BT.601 limited', async ({ page }) => {
  await openPage(page, { 'intel.mp4': intelClip });
  const r = await exportTo(page, 'intel.mp4', { file: '/__test/intel.mp4' });
  expect(r.error).toBeUndefined();
  expect(r.progress).toEqual([...Array(40).keys()].map((i) => [i + 1, 40]));
  expect(r.liveImages).toBe(0);
  expect(r.openFrames, 'VideoFrames left open after a render').toBe(0);
  const s = ffprobeVideo(r.out);
  expect(s).toMatchObject({ codec_name: 'h264', width: 768, height: 432, nb_read_frames: '40', r_frame_rate: '10/1', avg_frame_rate: '10/1', duration: '4.000000' });
  expect(ffprobeFirstFrame(r.out)).toMatchObject({ color_range: 'tv', color_space: 'smpte170m', pix_fmt: 'yuv420p' });
  expectFastStart(r.out);
  for (const i of [0, 17, 39]) expect(framePsnr(intelClip, i, r.out, i)).toBeGreaterThanOrEqual(30);
});

test('a 1080p clip exports with the same frames, rate and duration, tagged BT.709 limited', async ({ page }) => {
  await openPage(page, { 'talking.mp4': talkingClip });
  const r = await exportTo(page, 'talking.mp4', { file: '/__test/talking.mp4', params: { bitrateMbps: 6 } });
  expect(r.error).toBeUndefined();
  console.log(`1080p export: 100 frames in ${(r.ms / 1000).toFixed(1)} s, ${r.result?.codec}`);
  const src = ffprobeVideo(talkingClip);
  const s = ffprobeVideo(r.out);
  expect(s).toMatchObject({ width: 1920, height: 1080, nb_read_frames: '100', r_frame_rate: '24/1', avg_frame_rate: '24/1' });
  expect(s.duration).toBe(src.duration);
  expect(ffprobeFirstFrame(r.out)).toMatchObject({ color_range: 'tv', color_space: 'bt709' });
  const bitrate = Number((s as unknown as { bit_rate: string }).bit_rate);
  expect(bitrate).toBeGreaterThan(3e6);
  expect(bitrate).toBeLessThan(9e6);
  // The source's SPS names no matrix: we read it as ffmpeg does (BT.601), and the export is tagged.
  for (const i of [0, 50, 99]) expect(framePsnr(talkingClip, i, r.out, i)).toBeGreaterThanOrEqual(30);
});

test('a matte input exports as a grey video of the matte', async ({ page }) => {
  await openPage(page, { 'intel.mp4': intelClip });
  const r = await exportTo(page, 'matte.mp4', { file: '/__test/intel.mp4', middle: ['TestLumaMatte'] });
  expect(r.error).toBeUndefined();
  expect(ffprobeVideo(r.out)).toMatchObject({ nb_read_frames: '40', r_frame_rate: '10/1', duration: '4.000000' });
  const out = ffmpegFrameRgba(r.out, 12, join(dir, 'matte.rgba'));
  const src = ffmpegFrameRgba(intelClip, 12, join(dir, 'src12.rgba'));
  // Grey: R = G = B (up to rounding); and it is the source's luma, as the test node made it.
  let maxSpread = 0;
  const expected = new Uint8Array(src.length);
  for (let i = 0; i < out.length; i += 4) {
    maxSpread = Math.max(maxSpread, Math.abs(out[i] - out[i + 1]), Math.abs(out[i + 1] - out[i + 2]));
    const l = Math.round(0.2126 * src[i] + 0.7152 * src[i + 1] + 0.0722 * src[i + 2]);
    expected[i] = expected[i + 1] = expected[i + 2] = l;
  }
  expect(maxSpread).toBeLessThanOrEqual(2);
  expect(psnr(out, expected)).toBeGreaterThanOrEqual(30);
});

test('a 29.97 fps source streamed to a sink, with an odd-sized picture, keeps its timing', async ({ page }) => {
  const src = join(dir, 'ntsc.mp4');
  ffmpeg(['-i', talkingClip, '-frames:v', '30', '-vf', 'fps=30000/1001,scale=320:180', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', src]);
  await openPage(page, { 'ntsc.mp4': src });
  const r = await exportTo(page, 'ntsc-out.mp4', { file: '/__test/ntsc.mp4', middle: ['TestCropOdd'], target: 'stream' });
  expect(r.error).toBeUndefined();
  expect(r.writes).toBeGreaterThan(1);
  const s = ffprobeVideo(r.out);
  // 319x179 is padded to even (4:2:0 needs it) by repeating the edge.
  expect(s).toMatchObject({ width: 320, height: 180, nb_read_frames: '30', r_frame_rate: '30000/1001', avg_frame_rate: '30000/1001' });
  expect(Number(s.duration)).toBeCloseTo(Number(ffprobeVideo(src).duration), 5);
  expectFastStart(r.out);
  expect(framePsnr(src, 20, r.out, 20)).toBeGreaterThanOrEqual(30);
});

test('a frame range exports just those frames, starting at time 0', async ({ page }) => {
  await openPage(page, { 'intel.mp4': intelClip });
  const r = await exportTo(page, 'range.mp4', { file: '/__test/intel.mp4', range: { start: 10, end: 20 } });
  expect(r.error).toBeUndefined();
  expect(r.progress.at(-1)).toEqual([10, 10]);
  expect(ffprobeVideo(r.out)).toMatchObject({ nb_read_frames: '10', r_frame_rate: '10/1', duration: '1.000000' });
  expect(framePsnr(intelClip, 10, r.out, 0)).toBeGreaterThanOrEqual(30);
  expect(framePsnr(intelClip, 19, r.out, 9)).toBeGreaterThanOrEqual(30);
});

test('cancelling stops promptly and leaves no finished file', async ({ page }) => {
  await openPage(page, { 'talking.mp4': talkingClip });
  const mem = await exportTo(page, 'cancel-mem.mp4', { file: '/__test/talking.mp4', abortAfter: 5 });
  expect(mem.errorName).toBe('AbortError');
  expect(mem.base64).toBeUndefined();
  expect(mem.progress.length).toBeLessThanOrEqual(6);
  expect(mem.liveImages).toBe(0);
  expect(mem.openFrames, 'VideoFrames left open after a cancel').toBe(0);
  // A streaming sink got some bytes, but no index: nothing a player would take for a video.
  const stream = await exportTo(page, 'cancel-stream.mp4', { file: '/__test/talking.mp4', abortAfter: 5, target: 'stream' });
  expect(stream.errorName).toBe('AbortError');
  expect(stream.progress.length).toBeLessThanOrEqual(6);
  if (stream.base64) {
    expect(() => execFileSync('ffprobe', ['-v', 'error', '-count_frames', '-show_streams', stream.out], { stdio: 'pipe' })).toThrow();
  }
});

test('a bad source file stops the export with the node and the reason', async ({ page }) => {
  const empty = join(dir, 'empty.mp4');
  writeFileSync(empty, '');
  await openPage(page, { 'empty.mp4': empty });
  const r = await exportTo(page, 'none.mp4', { file: '/__test/empty.mp4' });
  expect(r.error).toBe('source: cannot open "/__test/empty.mp4": the file is empty (0 bytes)');
  expect(r.base64).toBeUndefined();
});

test('the VideoSource node opens its file once, shows its facts and releases its frames', async ({ page }) => {
  await openPage(page, { 'intel.mp4': intelClip });
  const r = await page.evaluate(() => window.exportPage.sourceNode('/__test/intel.mp4', [0, 1, 2, 30, 5]));
  expect(r.opens).toBe(1);
  expect(r.frameCount).toBe(40);
  expect(r.sizes).toEqual(Array(5).fill('768x432 image'));
  expect(r.statuses.at(-1)).toEqual({ state: 'ready', facts: { size: '768×432', fps: '10', frames: '40', codec: 'H.264' } });
  expect(r.liveImages).toBe(0);
});

test('pictures that live on the GPU export too (read back through the GPU context)', async ({ page }) => {
  await openPage(page, { 'intel.mp4': intelClip });
  const r = await exportTo(page, 'gpu.mp4', { file: '/__test/intel.mp4', middle: ['TestToGpu'], range: { start: 0, end: 8 } });
  expect(r.error).toBeUndefined();
  expect(ffprobeVideo(r.out)).toMatchObject({ nb_read_frames: '8', r_frame_rate: '10/1', duration: '0.800000' });
  expect(framePsnr(intelClip, 5, r.out, 5)).toBeGreaterThanOrEqual(30);
  expect(r.liveImages).toBe(0);
});
