// Numbered image sequences made by ffmpeg, opened by a Video Source in Chromium: the frame
// count and timing come from the files and the sequence rate, the pixels match ffmpeg's decode
// of the same file, files are read only when their frame is asked for, and a missing, odd-sized
// or unreadable frame is an error naming the file.

import { test, expect, type Page } from '@playwright/test';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ffmpeg, tempDir } from './media-fixtures.ts';

const dir = tempDir('mattegraph-sequence-');
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `count` frames of testsrc2 as `name_%04d.ext` in folder `sub`, with ffmpeg's RGBA decode of each (`.rgba`). */
function makeSequence(sub: string, ext: 'png' | 'jpg' | 'webp', count: number, extra: string[] = []): string {
  const folder = join(dir, sub);
  mkdirSync(folder, { recursive: true });
  ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=size=160x90:rate=25', '-frames:v', String(count), ...extra, '-f', 'image2', '-start_number', '1', join(folder, `frame_%04d.${ext}`)]);
  for (const f of readdirSync(folder)) {
    if (f.endsWith(`.${ext}`)) ffmpeg(['-i', join(folder, f), '-f', 'rawvideo', '-pix_fmt', 'rgba', join(folder, `${f}.rgba`)]);
  }
  return folder;
}

async function openPage(page: Page) {
  await page.route('**/__test/**', (route) => {
    const rel = decodeURIComponent(new URL(route.request().url()).pathname).split('/__test/')[1];
    return route.fulfill({ path: join(dir, rel) }).catch(() => route.fulfill({ status: 404, body: 'not found' }));
  });
  await page.goto('/test/pages/media/sequence.html');
  await page.waitForFunction(() => window.sequencePage !== undefined);
}

const open = (page: Page, file: string, fps?: number) => page.evaluate(([f, r]) => window.sequencePage.open(f, r), [file, fps] as const);
const compare = (page: Page, i: number, ref: string, rgbOnly = false) =>
  page.evaluate(([i, u, rgb]) => window.sequencePage.compare(i, u, rgb), [i, ref, rgbOnly] as const);

test('a PNG sequence opens with one frame per file at 24 fps, decoded like ffmpeg, one file read per frame', async ({ page }) => {
  makeSequence('png', 'png', 12);
  await openPage(page);
  const opened = await open(page, '__test/png/frame_%04d.png 1-12');
  expect(opened.info).toMatchObject({ frameCount: 12, fps: 24, width: 160, height: 90, durationUs: 500_000 });
  expect(opened.info!.frameTimestampsUs.slice(0, 4)).toEqual([0, 41667, 83333, 125000]);
  // Opening reads the first file (for the size) and nothing else.
  expect(opened.fetched).toEqual(['frame_0001.png']);
  for (const i of [0, 5, 11]) {
    const r = await compare(page, i, `/__test/png/frame_${String(i + 1).padStart(4, '0')}.png.rgba`);
    expect(r, `frame ${i}`).toMatchObject({ max: 0, width: 160, height: 90 });
    expect(r.fetched).toEqual(i === 0 ? [] : [`frame_${String(i + 1).padStart(4, '0')}.png`]);
  }
  const again = await compare(page, 5, '/__test/png/frame_0006.png.rgba');
  expect(again.fetched, 'a recent frame comes from the cache').toEqual([]);
  expect(again.facts).toMatchObject({ frames: '12 (1–12)', format: 'PNG sequence', fps: '24' });
  expect(await page.evaluate(() => window.sequencePage.close())).toEqual({ liveImages: 0, openFrames: 0 });
});

test('RGBA, grey, grey+alpha and paletted PNG, lossless WebP and JPEG sequences decode like ffmpeg', async ({ page }) => {
  // Soft alpha from 0 (left) to 255 (right): straight colour must come back exactly, even under alpha 0.
  const softAlpha = "format=rgba,geq=r='r(X,Y)':g='g(X,Y)':b='b(X,Y)':a='X*255/159'";
  makeSequence('rgba', 'png', 3, ['-vf', softAlpha]);
  makeSequence('grey', 'png', 2, ['-pix_fmt', 'gray']);
  makeSequence('ya8', 'png', 2, ['-vf', softAlpha, '-pix_fmt', 'ya8']);
  makeSequence('pal8', 'png', 2, ['-vf', softAlpha, '-pix_fmt', 'pal8']);
  makeSequence('webp', 'webp', 3, ['-c:v', 'libwebp', '-lossless', '1']);
  makeSequence('jpg', 'jpg', 3, ['-q:v', '2']);
  await openPage(page);
  expect((await open(page, '__test/rgba/frame_%04d.png 1-3')).info?.frameCount).toBe(3);
  expect(await compare(page, 2, '/__test/rgba/frame_0003.png.rgba')).toMatchObject({ max: 0 });
  for (const kind of ['grey', 'ya8', 'pal8']) {
    await open(page, `__test/${kind}/frame_%04d.png 1-2`);
    expect(await compare(page, 1, `/__test/${kind}/frame_0002.png.rgba`), kind).toMatchObject({ max: 0 });
  }
  expect((await open(page, '__test/webp/frame_%04d.webp 1-3')).info?.frameCount).toBe(3);
  expect(await compare(page, 1, '/__test/webp/frame_0002.webp.rgba')).toMatchObject({ max: 0 });
  expect((await open(page, '__test/jpg/frame_%04d.jpg 1-3')).info?.frameCount).toBe(3);
  // Chroma upsampling differs a little between libjpeg-turbo and ffmpeg's decoder.
  const jpeg = await compare(page, 1, '/__test/jpg/frame_0002.jpg.rgba', true);
  expect(jpeg.max).toBeLessThanOrEqual(4);
  // One picture alone is a still: a clip of one frame, decoded the same way.
  expect((await open(page, '__test/jpg/frame_0003.jpg')).info).toMatchObject({ frameCount: 1, width: 160, height: 90 });
  expect((await compare(page, 0, '/__test/jpg/frame_0003.jpg.rgba', true)).max).toBeLessThanOrEqual(4);
  expect(await page.evaluate(() => window.sequencePage.close())).toEqual({ liveImages: 0, openFrames: 0 });
});

test('the sequence rate sets the timing; 23.976 is exactly 24000/1001', async ({ page }) => {
  makeSequence('rate', 'png', 4);
  await openPage(page);
  const at25 = await open(page, '__test/rate/frame_%04d.png 1-4', 25);
  expect(at25.info).toMatchObject({ fps: 25, durationUs: 160_000, frameDurationsUs: [40000, 40000, 40000, 40000] });
  const ntsc = await open(page, '__test/rate/frame_%04d.png 1-4', 23.976);
  expect(ntsc.info!.fps).toBeCloseTo(24000 / 1001, 9);
  expect(ntsc.info!.durationUs).toBe(Math.round((4 * 1001 * 1e6) / 24000));
  await page.evaluate(() => window.sequencePage.close());
});

test('a missing, odd-sized or unreadable frame is an error naming its file; the other frames still play', async ({ page }) => {
  const folder = makeSequence('bad', 'png', 8);
  rmSync(join(folder, 'frame_0005.png'));
  ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=size=320x180', '-frames:v', '1', '-update', '1', join(folder, 'frame_0003.png')]);
  copyFileSync(join(folder, 'frame_0002.png.rgba'), join(folder, 'frame_0007.png'));
  await openPage(page);
  await open(page, '__test/bad/frame_%04d.png 1-8');
  const error = (i: number) => page.evaluate((i) => window.sequencePage.frameError(i), i);
  expect(await error(4)).toMatch(/file not found: "__test\/bad\/frame_0005\.png"/);
  expect(await error(2)).toMatch(/frame_0003\.png is 320×180, but the sequence is 160×90 \(from frame_0001\.png\)/);
  expect(await error(6)).toMatch(/frame_0007\.png is not a PNG, JPEG or WebP picture/);
  expect(await error(5)).toBe('ok');
  expect(await page.evaluate(() => window.sequencePage.close())).toEqual({ liveImages: 0, openFrames: 0 });

  await openPage(page);
  const noRange = await open(page, '__test/bad/frame_%04d.png');
  expect(noRange.error).toMatch(/has no frame range: write it as "__test\/bad\/frame_%04d\.png FIRST-LAST"/);
});
