// A transparent VP9 WebM made by ffmpeg (alpha 0 at the left edge up to 255 at the right) read by
// the Video Source: its frames carry the file's alpha and its straight colour as ffmpeg's libvpx
// decodes them, also where alpha is 0. Exported to an opaque MP4, the colour is the stored colour
// (not darkened by alpha); exported as WebM with alpha, colour and alpha come through again.

import { test, expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './media-fixtures.ts';
import { columns, compareRgba, ffmpegRgba, frameOf, libvpxRgba, vp9AlphaClip } from './alpha-compare.ts';

const dir = tempDir();
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

const W = 320;
const H = 180;
let clip: string;
test.beforeAll(() => {
  clip = vp9AlphaClip(dir, W, H, 12);
});

/** Left columns, where alpha is 0..6: colour there is what premultiplying through the browser lost. */
const EDGE = 8;

async function exportClip(page: Page, params: Record<string, string | number>) {
  await page.route('**/__test/alpha-src.webm', (route) => route.fulfill({ path: clip }));
  await page.goto('/test/pages/media/export.html');
  await page.waitForFunction(() => window.exportPage !== undefined);
  const r = await page.evaluate((p) => window.exportPage.exportFile({ file: '/__test/alpha-src.webm', params: p }), params);
  expect(r.error).toBeUndefined();
  expect(r.openFrames, 'VideoFrames left open').toBe(0);
  const path = join(dir, r.files[0].name);
  writeFileSync(path, Buffer.from(r.files[0].base64, 'base64'));
  return { result: r.result!, path };
}

test('a VP9-alpha WebM opens with its alpha and its straight colour, as ffmpeg libvpx decodes it', async ({ page }) => {
  await page.route('**/__test/alpha-src.webm', (route) => route.fulfill({ path: clip }));
  await page.goto('/test/pages/media/clip.html');
  await page.waitForFunction(() => window.clipPage !== undefined);
  const opened = await page.evaluate(() => window.clipPage.open('/__test/alpha-src.webm'));
  expect(opened).toMatchObject({ container: 'WebM', info: { frameCount: 12, width: W, height: H } });
  const reference = libvpxRgba(clip);
  for (const k of [0, 7, 11]) {
    const f = await page.evaluate((k) => window.clipPage.rgba(k), k);
    expect(f).toMatchObject({ hasAlpha: true, width: W, height: H });
    const ours = new Uint8Array(Buffer.from(f.base64, 'base64'));
    const ref = frameOf(reference, k, W, H);
    const all = compareRgba(ours, ref, -1);
    expect(all.alphaMax, `frame ${k}: alpha is the file's`).toBe(0);
    expect(all.colourPsnr, `frame ${k}: colour everywhere, alpha 0 included`).toBeGreaterThanOrEqual(40);
    const edge = compareRgba(columns(ours, W, 0, EDGE), columns(ref, W, 0, EDGE), -1);
    expect(edge.colourPsnr, `frame ${k}: colour under alpha 0..6 is not lost`).toBeGreaterThanOrEqual(38);
  }
  await page.evaluate(() => window.clipPage.close());
  expect(await page.evaluate(() => window.clipPage.openVideoFrames())).toBe(0);
});

test('exported to MP4 (no alpha) the colour is written straight, as stored, and the export says so', async ({ page }) => {
  const { result, path } = await exportClip(page, { format: 'mp4', bitrateMbps: 20 });
  expect(result.frameCount).toBe(12);
  expect(result.alphaColour).toBeUndefined();
  expect(result.notes.join('\n')).toMatch(/alpha is not written.*MP4.*straight/i);
  const ours = ffmpegRgba(path);
  const stored = ffmpegRgba(clip); // ffmpeg's native vp9 decoder: the colour stream alone
  for (const k of [0, 6, 11]) {
    const a = frameOf(ours, k, W, H);
    const b = frameOf(stored, k, W, H);
    expect(compareRgba(a, b, -1).colourPsnr, `frame ${k}`).toBeGreaterThanOrEqual(36);
    expect(compareRgba(columns(a, W, 0, EDGE), columns(b, W, 0, EDGE), -1).colourPsnr, `frame ${k} under alpha 0..6`).toBeGreaterThanOrEqual(33);
  }
});

test('re-exported as WebM with alpha (its own alpha, no Alpha input) colour and alpha come through', async ({ page }) => {
  const { result, path } = await exportClip(page, { format: 'webm-alpha', bitrateMbps: 8 });
  expect(result).toMatchObject({ format: 'webm-alpha', alphaColour: 'straight', frameCount: 12 });
  const ours = libvpxRgba(path);
  const source = libvpxRgba(clip);
  for (const k of [0, 6, 11]) {
    const c = compareRgba(frameOf(ours, k, W, H), frameOf(source, k, W, H));
    expect(c.alphaMax, `frame ${k} alpha`).toBeLessThanOrEqual(6);
    expect(c.colourPsnr, `frame ${k} colour where alpha > 0`).toBeGreaterThanOrEqual(34);
  }
});

test('a WebM that keeps the alpha flag but no alpha data (an ffmpeg re-encode to yuv420p) opens opaque, as players show it', async ({ page }) => {
  const flagged = join(dir, 'alpha-flag-only.webm');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-c:v', 'libvpx-vp9', '-i', clip, '-frames:v', '3', '-c:v', 'libvpx-vp9', '-pix_fmt', 'yuv420p', flagged]);
  await page.route('**/__test/alpha-flag-only.webm', (route) => route.fulfill({ path: flagged }));
  await page.goto('/test/pages/media/clip.html');
  await page.waitForFunction(() => window.clipPage !== undefined);
  const opened = await page.evaluate(() => window.clipPage.open('/__test/alpha-flag-only.webm'));
  expect(opened).toMatchObject({ container: 'WebM', info: { frameCount: 3, width: W, height: H } });
  const f = await page.evaluate(() => window.clipPage.rgba(2));
  expect(f).toMatchObject({ hasAlpha: false, width: W, height: H });
  await page.evaluate(() => window.clipPage.close());
  expect(await page.evaluate(() => window.clipPage.openVideoFrames())).toBe(0);
});
