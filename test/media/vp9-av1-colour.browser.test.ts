// VP8, VP9 and AV1 colours read the way ffmpeg reads them: ffmpeg takes the matrix and range from
// the coded stream alone (VP9 frame header, AV1 sequence header; VP8 is always BT.601), where
// Chromium follows the container's tags, or our untagged default, when they disagree with it.
// Each clip is a few frames of real footage made by ffmpeg here; each frame is compared with
// ffmpeg's RGB decode of the same frame.

import { test, expect, type Page } from '@playwright/test';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ffmpeg, ffmpegFrameRgba, ffprobeFirstFrame, talkingClip, tempDir } from './media-fixtures.ts';

const dir = tempDir('mattegraph-colour-');
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Right reading ~44-50 dB; a wrong matrix scores ~39 on this footage, a wrong range ~28. */
const MIN_PSNR = 42;
const FRAMES = 3;

const VP8 = ['-c:v', 'libvpx', '-b:v', '4M', '-deadline', 'realtime', '-cpu-used', '8'];
const VP9 = ['-c:v', 'libvpx-vp9', '-b:v', '4M', '-deadline', 'realtime', '-cpu-used', '8'];
const AV1 = ['-c:v', 'libsvtav1', '-preset', '12', '-crf', '20'];
const TAGS = {
  bt709: ['-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-color_range', 'tv'],
  'bt709-full': ['-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-color_range', 'pc'],
  'bt601-full': ['-colorspace', 'smpte170m', '-color_primaries', 'smpte170m', '-color_trc', 'smpte170m', '-color_range', 'pc'],
};

/** FRAMES frames of the talking footage at `size`, Y'CbCr made with `matrix`/`range`, encoded with `args`. */
function clip(name: string, size: string, matrix: 'bt601' | 'bt709', range: 'tv' | 'pc', args: string[], pixFmt = 'yuv420p'): string {
  const out = join(dir, name);
  ffmpeg(['-i', talkingClip, '-frames:v', String(FRAMES), '-vf', `scale=${size}:out_color_matrix=${matrix}:out_range=${range},format=${pixFmt}`,
    '-an', ...args, out]);
  return out;
}

/** A copy of `file` through a bitstream filter (stream copy: the container keeps its tags). */
function filtered(file: string, name: string, bsf: string): string {
  const out = join(dir, name);
  ffmpeg(['-i', file, '-c', 'copy', '-bsf:v', bsf, out]);
  return out;
}

/** A copy of an MP4 whose sample entry has no `colr` box (renamed `free`), as many muxers write. */
function withoutColr(file: string, name: string): string {
  const bytes = readFileSync(file);
  const at = bytes.indexOf('colrnclx', 0, 'latin1');
  if (at < 0) throw new Error(`${file} has no colr box`);
  bytes.write('free', at, 'latin1');
  const out = join(dir, name);
  writeFileSync(out, bytes);
  return out;
}

async function expectLikeFfmpeg(page: Page, name: string, file: string) {
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
  await page.evaluate((u) => window.clipPage.open(u), `/__test/${name}`);
  const ffmpegReads = ffprobeFirstFrame(file);
  for (let i = 0; i < FRAMES; i++) {
    const r = await page.evaluate(([i, u]) => window.clipPage.compare(i, u, 'auto'), [i, `/__test/${name}-${i}.rgba`] as const);
    console.log(`${name} frame ${i}: ${r.psnr.toFixed(2)} dB (${r.format}; Chromium: ${JSON.stringify(r.colorSpace)}; ffmpeg: ${ffmpegReads.color_space ?? "unspecified"}/${ffmpegReads.color_range})`);
    expect(r.psnr, `${name} frame ${i}`).toBeGreaterThanOrEqual(MIN_PSNR);
  }
  await page.evaluate(() => window.clipPage.close());
  expect(await page.evaluate(() => window.clipPage.leaks())).toEqual({ frames: 0, images: 0 });
}

test('untagged HD VP9 and AV1 are read as BT.601, like ffmpeg (not guessed BT.709 for HD)', async ({ page }) => {
  await expectLikeFfmpeg(page, 'vp9-720p-untagged.webm', clip('vp9-720p-untagged.webm', '1280:720', 'bt601', 'tv', VP9));
  await expectLikeFfmpeg(page, 'av1-720p-untagged.mp4', clip('av1-720p-untagged.mp4', '1280:720', 'bt601', 'tv', AV1));
});

test('10-bit VP9 (profile 2) and AV1 decode like ffmpeg, untagged HD and tagged full range', async ({ page }) => {
  await expectLikeFfmpeg(page, 'vp9-10bit-720p-untagged.webm',
    clip('vp9-10bit-720p-untagged.webm', '1280:720', 'bt601', 'tv', [...VP9, '-profile:v', '2'], 'yuv420p10le'));
  await expectLikeFfmpeg(page, 'av1-10bit-709-full.mkv',
    clip('av1-10bit-709-full.mkv', '640:360', 'bt709', 'pc', [...AV1, ...TAGS['bt709-full']], 'yuv420p10le'));
});

test('tagged BT.709 and full-range BT.601 VP9/AV1 decode like ffmpeg in WebM, Matroska and MP4', async ({ page }) => {
  await expectLikeFfmpeg(page, 'vp9-709.mp4', clip('vp9-709.mp4', '640:360', 'bt709', 'tv', [...VP9, ...TAGS.bt709]));
  await expectLikeFfmpeg(page, 'vp9-601-full.mkv', clip('vp9-601-full.mkv', '640:360', 'bt601', 'pc', [...VP9, ...TAGS['bt601-full']]));
  await expectLikeFfmpeg(page, 'av1-709-full.webm', clip('av1-709-full.webm', '640:360', 'bt709', 'pc', [...AV1, ...TAGS['bt709-full']]));
});

test('a full-range VP9 MP4 without a colr box keeps the range its frame header says (Chromium read it as limited)', async ({ page }) => {
  const tagged = clip('vp9-601-full-colr.mp4', '640:360', 'bt601', 'pc', [...VP9, ...TAGS['bt601-full']]);
  await expectLikeFfmpeg(page, 'vp9-601-full-no-colr.mp4', withoutColr(tagged, 'vp9-601-full-no-colr.mp4'));
});

test('VP8 is BT.601 limited whatever the container says, as ffmpeg reads it (Chromium followed the tags)', async ({ page }) => {
  const file = clip('vp8-709-full.webm', '640:360', 'bt709', 'pc', [...VP8, ...TAGS['bt709-full']]);
  expect(ffprobeFirstFrame(file)).toMatchObject({ color_space: 'bt470bg', color_range: 'tv' });
  await expectLikeFfmpeg(page, 'vp8-709-full.webm', file);
});

test('a stream whose header names no matrix is BT.601 even where the container says BT.709 (8 and 10 bit)', async ({ page }) => {
  const vp9 = clip('vp9-709.webm', '640:360', 'bt709', 'tv', [...VP9, ...TAGS.bt709]);
  await expectLikeFfmpeg(page, 'vp9-container-709.webm', filtered(vp9, 'vp9-container-709.webm', 'vp9_metadata=color_space=unknown'));
  const av1 = clip('av1-10bit-709.mp4', '640:360', 'bt709', 'tv', [...AV1, ...TAGS.bt709], 'yuv420p10le');
  await expectLikeFfmpeg(page, 'av1-10bit-container-709.mp4',
    filtered(av1, 'av1-10bit-container-709.mp4', 'av1_metadata=matrix_coefficients=2:color_primaries=2:transfer_characteristics=2'));
});
