// Decoding real clips in Chromium with VideoClip: pixels match ffmpeg's decode of the same frame
// (both conversion paths, all matrix/range combinations), random access gives the same frames as
// sequential decoding, and no frame or image is left open.

import { test, expect, type Page } from '@playwright/test';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { colourFixture, ffmpeg, ffmpegFrameRgba, intelClip, talkingClip, tempDir } from './media-fixtures.ts';

const dir = tempDir();
/** A wrong matrix on this footage still scores ~39 dB and a wrong range ~25 dB, so ask for more than 35. */
const MIN_PSNR = 42;
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function openPage(page: Page, files: Record<string, string>) {
  for (const [name, path] of Object.entries(files)) {
    await page.route(`**/__test/${name}`, (route) => route.fulfill({ path }));
  }
  await page.goto('/test/pages/media/clip.html');
  await page.waitForFunction(() => window.clipPage !== undefined);
}

interface Case {
  name: string;
  file: string;
  frames: number[];
  /** Matrix ffmpeg must assume (untagged files only). */
  matrix?: 'bt709' | 'bt601';
}

async function expectFramesMatchFfmpeg(page: Page, c: Case) {
  const refs: Record<string, string> = { [`${c.name}.mp4`]: c.file };
  for (const i of c.frames) {
    refs[`${c.name}-${i}.rgba`] = join(dir, `${c.name}-${i}.rgba`);
    ffmpegFrameRgba(c.file, i, refs[`${c.name}-${i}.rgba`], c.matrix);
  }
  await openPage(page, refs);
  await page.evaluate((u) => window.clipPage.open(u), `/__test/${c.name}.mp4`);
  for (const i of c.frames) {
    // `auto` is what the Video Source does (the browser's conversion, or ours where the stream
    // names no matrix and the browser would guess); `kernel` is ours throughout.
    for (const via of ['auto', 'kernel'] as const) {
      const r = await page.evaluate(([i, u, via]) => window.clipPage.compare(i, u, via), [i, `/__test/${c.name}-${i}.rgba`, via] as const);
      console.log(`${c.name} frame ${i} via ${via}: ${r.psnr.toFixed(2)} dB (${r.ms.toFixed(1)} ms, ${JSON.stringify(r.colorSpace)})`);
      expect(r.psnr, `${c.name} frame ${i} via ${via}`).toBeGreaterThanOrEqual(MIN_PSNR);
    }
  }
  await page.evaluate(() => window.clipPage.close());
  expect(await page.evaluate(() => window.clipPage.leaks())).toEqual({ frames: 0, images: 0 });
}

test('a 1080p clip decodes like ffmpeg (untagged HD read as BT.601, ffmpeg\'s default)', async ({ page }) => {
  await expectFramesMatchFfmpeg(page, { name: 'talking', file: talkingClip, frames: [0, 37, 99] });
});

test('a clip with B-frames decodes like ffmpeg, frame for frame in presentation order', async ({ page }) => {
  await expectFramesMatchFfmpeg(page, { name: 'intel', file: intelClip, frames: [0, 1, 17, 39] });
});

for (const [matrix, range] of [['bt601', 'limited'], ['bt601', 'full'], ['bt709', 'limited'], ['bt709', 'full']] as const) {
  test(`${matrix} ${range}-range video decodes like ffmpeg`, async ({ page }) => {
    await expectFramesMatchFfmpeg(page, { name: `${matrix}-${range}`, file: colourFixture(dir, matrix, range), frames: [5] });
  });
}

test('untagged standard-definition video is read as BT.601, like ffmpeg does', async ({ page }) => {
  await expectFramesMatchFfmpeg(page, { name: 'sd-untagged', file: colourFixture(dir, 'bt601', 'limited', false), frames: [3] });
});

test('clip timing comes from the container: frames, rate, duration, timestamps', async ({ page }) => {
  await openPage(page, { 'intel.mp4': intelClip, 'talking.mp4': talkingClip });
  const intel = await page.evaluate(() => window.clipPage.open('/__test/intel.mp4'));
  expect(intel.info).toMatchObject({ frameCount: 40, fps: 10, durationUs: 4_000_000, width: 768, height: 432 });
  expect(intel.info.frameTimestampsUs).toEqual([...Array(40).keys()].map((i) => i * 100_000));
  expect(intel.codec).toMatch(/^avc1\./);
  const talking = await page.evaluate(() => window.clipPage.open('/__test/talking.mp4'));
  expect(talking.info).toMatchObject({ frameCount: 100, durationUs: 4_166_667, width: 1920, height: 1080 });
  expect(talking.info.fps).toBeCloseTo(24, 4);
  expect(talking.info.frameDurationsUs.reduce((a, b) => a + b, 0)).toBe(4_166_667);
  await page.evaluate(() => window.clipPage.close());
});

test('random access returns the same frames as sequential decoding', async ({ page }) => {
  await openPage(page, { 'intel.mp4': intelClip, 'talking.mp4': talkingClip });
  // Intel: B-frames and a key frame every 10 frames; jumps backward, forward, within and across GOPs.
  await page.evaluate(() => window.clipPage.open('/__test/intel.mp4'));
  const seq = await page.evaluate(() => window.clipPage.digests([...Array(40).keys()]));
  expect(new Set(seq).size).toBe(40);
  const order = [33, 5, 17, 18, 0, 39, 12, 11, 29, 30, 9, 10, 38, 1];
  const jumps = await page.evaluate((o) => window.clipPage.digests(o), order);
  expect(jumps).toEqual(order.map((i) => seq[i]));
  // 1080p: a few frames sequentially, then the same ones by jumping.
  await page.evaluate(() => window.clipPage.open('/__test/talking.mp4'));
  const first = await page.evaluate(() => window.clipPage.digests([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
  const back = await page.evaluate(() => window.clipPage.digests([10, 3, 9, 0, 4]));
  expect(back).toEqual([10, 3, 9, 0, 4].map((i) => first[i]));
  await page.evaluate(() => window.clipPage.close());
  expect(await page.evaluate(() => window.clipPage.leaks())).toEqual({ frames: 0, images: 0 });
});

test('index-last, fragmented and QuickTime (.mov) files give the same frames', async ({ page }) => {
  const layouts = {
    'moov-last.mp4': ['-c', 'copy'],
    'fragmented.mp4': ['-c', 'copy', '-movflags', 'frag_keyframe+empty_moov+default_base_moof'],
    'clip.mov': ['-c', 'copy'],
  };
  const files: Record<string, string> = { 'intel.mp4': intelClip };
  for (const [name, args] of Object.entries(layouts)) {
    files[name] = join(dir, name);
    ffmpeg(['-i', intelClip, ...args, files[name]]);
  }
  await openPage(page, files);
  const frames = [0, 7, 13, 39];
  await page.evaluate(() => window.clipPage.open('/__test/intel.mp4'));
  const expected = await page.evaluate((o) => window.clipPage.digests(o), frames);
  for (const name of Object.keys(layouts)) {
    const { info } = await page.evaluate((u) => window.clipPage.open(u), `/__test/${name}`);
    expect(info, name).toMatchObject({ frameCount: 40, durationUs: 4_000_000 });
    expect(await page.evaluate((o) => window.clipPage.digests(o), frames), name).toEqual(expected);
  }
  await page.evaluate(() => window.clipPage.close());
});

test('a rotated (phone) clip is shown upright, like ffmpeg shows it', async ({ page }) => {
  for (const rotate of [90, 180, 270]) {
    const file = join(dir, `rot${rotate}.mp4`);
    ffmpeg(['-i', intelClip, '-c', 'copy', '-metadata:s:v:0', `rotate=${rotate}`, file]);
    const ref = join(dir, `rot${rotate}.rgba`);
    ffmpegFrameRgba(file, 5, ref); // ffmpeg turns the picture by the track's matrix itself
    await openPage(page, { [`rot${rotate}.mp4`]: file, [`rot${rotate}.rgba`]: ref });
    const opened = await page.evaluate((u) => window.clipPage.open(u), `/__test/rot${rotate}.mp4`);
    const upright = rotate === 180 ? { width: 768, height: 432 } : { width: 432, height: 768 };
    expect(opened.info, `rotate=${rotate}`).toMatchObject(upright);
    const r = await page.evaluate((u) => window.clipPage.compare(5, u), `/__test/rot${rotate}.rgba`);
    expect(r, `rotate=${rotate}`).toMatchObject(upright);
    expect(r.psnr, `rotate=${rotate}`).toBeGreaterThanOrEqual(MIN_PSNR);
  }
  await page.evaluate(() => window.clipPage.close());
});
