// Odd picture sizes decode with ffmpeg's colours. ffmpeg converts 8-bit 4:2:0 of even height by
// repeating each chroma sample, like the browser; at an odd height (and at every height for
// 10-bit) it interpolates the chroma with a bicubic filter instead, across too when the width is
// odd. Repeating there read a 161x91 VP9 at ~23 dB. The clips are ffmpeg's test pattern (sharp
// colour edges, where the two disagree most), made here at odd sizes in each codec, and each
// frame is compared with ffmpeg's RGB decode of the same frame.

import { test, expect, type Page } from '@playwright/test';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { ffmpeg, ffmpegFrameRgba, tempDir } from './media-fixtures.ts';

const dir = tempDir('mattegraph-odd-');
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Matching ffmpeg scores 45-80 dB on these clips; repeating chroma where it interpolates, ~23. */
const MIN_PSNR = 42;
const FRAMES = 2;

/**
 * FRAMES frames of ffmpeg's test pattern at `width` x `height` (drawn one pixel larger each way,
 * since testsrc2 draws only even sizes, then scaled to nearest pixels, which keeps its edges sharp), in `pixFmt`, encoded with `args`.
 */
function patternClip(name: string, width: number, height: number, pixFmt: string, args: string[], alphaRamp = false): string {
  const out = join(dir, name);
  const alpha = alphaRamp ? `,geq=lum='lum(X,Y)':cb='cb(X,Y)':cr='cr(X,Y)':a='X*255/(W-1)'` : '';
  ffmpeg(['-f', 'lavfi', '-i', `testsrc2=size=${width + (width % 2)}x${height + (height % 2)}:rate=24`, '-frames:v', String(FRAMES),
    '-vf', `scale=${width}:${height}:flags=neighbor,format=${pixFmt}${alpha}`, '-an', ...args, out]);
  return out;
}

const VP8 = ['-c:v', 'libvpx', '-b:v', '2M', '-deadline', 'realtime', '-cpu-used', '8'];
const VP9 = ['-c:v', 'libvpx-vp9', '-b:v', '2M', '-deadline', 'realtime', '-cpu-used', '8'];
const AV1 = ['-c:v', 'libaom-av1', '-usage', 'realtime', '-cpu-used', '8', '-crf', '20'];
const H264 = ['-c:v', 'libx264', '-crf', '12'];

async function expectLikeFfmpeg(page: Page, name: string, file: string, width: number, height: number) {
  const routes: Record<string, string> = { [name]: file };
  for (let i = 0; i < FRAMES; i++) {
    routes[`${name}-${i}.rgba`] = join(dir, `${name}-${i}.rgba`);
    ffmpegFrameRgba(file, i, routes[`${name}-${i}.rgba`]);
  }
  for (const [route, path] of Object.entries(routes)) {
    await page.route(`**/__test/${route}`, (r) => r.fulfill({ path }));
  }
  await page.goto('/test/pages/media/clip.html');
  await page.waitForFunction(() => window.clipPage !== undefined);
  const opened = await page.evaluate((u) => window.clipPage.open(u), `/__test/${name}`);
  expect([opened.info.width, opened.info.height], `${name} size`).toEqual([width, height]);
  for (let i = 0; i < FRAMES; i++) {
    const r = await page.evaluate(([i, u]) => window.clipPage.compare(i, u, 'auto'), [i, `/__test/${name}-${i}.rgba`] as const);
    console.log(`${name} frame ${i}: ${r.psnr.toFixed(2)} dB (${r.format} ${r.width}x${r.height})`);
    expect(r.psnr, `${name} frame ${i}`).toBeGreaterThanOrEqual(MIN_PSNR);
  }
  await page.evaluate(() => window.clipPage.close());
  expect(await page.evaluate(() => window.clipPage.leaks())).toEqual({ frames: 0, images: 0 });
}

test('odd-sized VP9, VP8 and AV1 decode with ffmpeg\'s colours (odd width and height)', async ({ page }) => {
  await expectLikeFfmpeg(page, 'vp9-161x91.webm', patternClip('vp9-161x91.webm', 161, 91, 'yuv420p', VP9), 161, 91);
  await expectLikeFfmpeg(page, 'vp8-321x181.webm', patternClip('vp8-321x181.webm', 321, 181, 'yuv420p', VP8), 321, 181);
  await expectLikeFfmpeg(page, 'av1-161x91.mp4', patternClip('av1-161x91.mp4', 161, 91, 'yuv420p', AV1), 161, 91);
});

test('an even width with an odd height, and an odd width with an even height, decode like ffmpeg (VP9, 4:2:0)', async ({ page }) => {
  await expectLikeFfmpeg(page, 'vp9-162x91.webm', patternClip('vp9-162x91.webm', 162, 91, 'yuv420p', VP9), 162, 91);
  await expectLikeFfmpeg(page, 'vp9-853x480.webm', patternClip('vp9-853x480.webm', 853, 480, 'yuv420p', VP9), 853, 480);
});

test('odd-sized H.264 decodes like ffmpeg: 1918x1080 4:2:0, 854x481 4:2:2, 853x481 4:4:4', async ({ page }) => {
  await expectLikeFfmpeg(page, 'h264-1918x1080.mp4', patternClip('h264-1918x1080.mp4', 1918, 1080, 'yuv420p', H264), 1918, 1080);
  await expectLikeFfmpeg(page, 'h264-422-854x481.mp4', patternClip('h264-422-854x481.mp4', 854, 481, 'yuv422p', H264), 854, 481);
  await expectLikeFfmpeg(page, 'h264-444-853x481.mp4', patternClip('h264-444-853x481.mp4', 853, 481, 'yuv444p', H264), 853, 481);
});

test('a transparent odd-sized VP9 keeps ffmpeg\'s colours under its alpha', async ({ page }) => {
  const file = patternClip('vp9-alpha-161x91.webm', 161, 91, 'yuva420p', [...VP9, '-auto-alt-ref', '0'], true);
  await expectLikeFfmpeg(page, 'vp9-alpha-161x91.webm', file, 161, 91);
});

test('10-bit VP9 decodes like ffmpeg, which interpolates its chroma at every size (odd and even)', async ({ page }) => {
  const tenBit = [...VP9, '-profile:v', '2'];
  await expectLikeFfmpeg(page, 'vp9-10bit-161x91.webm', patternClip('vp9-10bit-161x91.webm', 161, 91, 'yuv420p10le', tenBit), 161, 91);
  await expectLikeFfmpeg(page, 'vp9-10bit-320x180.webm', patternClip('vp9-10bit-320x180.webm', 320, 180, 'yuv420p10le', tenBit), 320, 180);
});
