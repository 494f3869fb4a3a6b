// The BackgroundPlate node: exact solid colours, picture files decoded like ffmpeg decodes them,
// the decode cached while the file param stays, and clear errors for files it cannot use.

import { expect, test } from '@playwright/test';
import { sharedMedia } from '../support/shared-paths.ts';
import { maxAbsDiff } from './composite-reference.ts';
import { ffmpegRgba, fromB64, openGpuNodesPage, serveFile } from './gpu-test-helpers.ts';

const plateFrame = sharedMedia('bgmv2_pairs/intel_one_by_one_fixed_camera/background_plate_frame0000.png');
const greyAlpha = sharedMedia('ground_truth_alpha/adobe_dim_crops_via_foamliu/120_12081_alpha.png');
const greenJpeg = sharedMedia('greenscreen/person_greenscreen_854x481.jpg');

test.beforeEach(async ({ page }) => {
  await openGpuNodesPage(page);
});

const colorParams = (color: string) => ({ mode: 'color', color, file: '' });

test('colour mode gives exactly the colour: 1x1 without a clip, the clip size with one', async ({ page }) => {
  const alone = await page.evaluate((p) => window.gpuNodes.runPlate('a', p), colorParams('#00ff00'));
  expect([alone.width, alone.height, alone.kind]).toEqual([1, 1, 'image']);
  expect([...fromB64(alone.b64)]).toEqual([0, 255, 0, 255]);
  expect(alone.facts).toEqual({ size: 'any (solid colour)' });

  const sized = await page.evaluate((p) => window.gpuNodes.runPlate('a', p, { width: 48, height: 27 }), colorParams('#3366CC'));
  expect([sized.width, sized.height]).toEqual([48, 27]);
  const px = fromB64(sized.b64);
  expect(px.length).toBe(48 * 27 * 4);
  for (let i = 0; i < px.length; i += 4) expect([px[i], px[i + 1], px[i + 2], px[i + 3]]).toEqual([0x33, 0x66, 0xcc, 255]);

  const short = await page.evaluate((p) => window.gpuNodes.runPlate('a', p), colorParams('#abc'));
  expect([...fromB64(short.b64)]).toEqual([0xaa, 0xbb, 0xcc, 255]);
});

test('a colour that is not a hex colour is refused with a reason', async ({ page }) => {
  await expect(page.evaluate((p) => window.gpuNodes.runPlate('a', p), colorParams('green'))).rejects.toThrow(
    '"green" is not a colour: use a hex colour like #00ff00',
  );
});

test('picture mode decodes a PNG to exactly the pixels ffmpeg decodes (its gamma chunk ignored)', async ({ page }) => {
  for (const [name, path] of [['plate.png', plateFrame], ['alpha.png', greyAlpha]]) {
    await serveFile(page, name, path);
    const ref = ffmpegRgba(path);
    const out = await page.evaluate((f) => window.gpuNodes.runPlate(f, { mode: 'image', color: '#000000', file: f }), name);
    expect([out.width, out.height]).toEqual([ref.width, ref.height]);
    expect(out.facts).toEqual({ size: `${ref.width}x${ref.height}` });
    expect(maxAbsDiff(fromB64(out.b64), ref.rgba).max, name).toBe(0);
  }
});

test('picture mode decodes a JPEG to the pixels ffmpeg decodes, within decoder differences', async ({ page }) => {
  await serveFile(page, 'green.jpg', greenJpeg);
  const ref = ffmpegRgba(greenJpeg);
  const out = await page.evaluate(() => window.gpuNodes.runPlate('j', { mode: 'image', color: '#000000', file: 'green.jpg' }));
  expect([out.width, out.height]).toEqual([854, 481]);
  // JPEG decoders differ in IDCT and chroma upsampling: small everywhere, larger on colour edges.
  const diffs = fromB64(out.b64).map((v, i) => Math.abs(v - ref.rgba[i])).sort();
  const mean = diffs.reduce((s, d) => s + d, 0) / diffs.length;
  const p999 = diffs[Math.floor(diffs.length * 0.999)];
  console.log(`JPEG vs ffmpeg: mean abs diff ${mean.toFixed(3)}, 99.9th percentile ${p999}, max ${diffs.at(-1)}`);
  expect(mean).toBeLessThan(0.5);
  expect(p999).toBeLessThanOrEqual(10);
});

test('picture mode decodes once while the file param stays, and again when it changes', async ({ page }) => {
  await serveFile(page, 'plate.png', plateFrame);
  await serveFile(page, 'alpha.png', greyAlpha);
  const picture = (file: string) => ({ mode: 'image', color: '#000000', file });
  const run = (params: Record<string, string>) => page.evaluate((p) => window.gpuNodes.runPlate('cached', p), params);
  const opens = (r: { opened: string[] }, name: string) => r.opened.filter((f) => f === name).length;

  const first = await run(picture('plate.png'));
  expect(opens(first, 'plate.png')).toBe(1);
  const again = await run(picture('plate.png'));
  expect(opens(again, 'plate.png')).toBe(1);
  expect(again.b64).toBe(first.b64);

  const colour = await run(colorParams('#102030'));
  expect([...fromB64(colour.b64)]).toEqual([0x10, 0x20, 0x30, 255]);
  const back = await run(picture('plate.png'));
  expect(opens(back, 'plate.png')).toBe(1);
  expect(back.b64).toBe(first.b64);

  const other = await run(picture('alpha.png'));
  expect(opens(other, 'alpha.png')).toBe(1);
  expect([other.width, other.height]).toEqual([320, 320]);

  await page.evaluate(() => window.gpuNodes.disposePlate('cached'));
  expect(await page.evaluate(() => window.gpuNodes.liveImages())).toBe(0);
});

test('picture mode says plainly why it has no picture', async ({ page }) => {
  await serveFile(page, 'clip.mp4', sharedMedia('bgmv2_pairs/intel_one_by_one_fixed_camera/person_t04-14s.mp4'));
  await serveFile(page, 'notes.png', sharedMedia('README.md'));
  await page.route('**/__test/missing.png', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await serveFile(page, 'plate.png', plateFrame);
  const run = (file: string) => page.evaluate((f) => window.gpuNodes.runPlate('errors', { mode: 'image', color: '#000000', file: f }), file);

  await expect(run('')).rejects.toThrow('choose a picture file for the plate (PNG, JPEG or WebP)');
  await expect(run('missing.png')).rejects.toThrow('file not found: "missing.png"');
  await expect(run('clip.mp4')).rejects.toThrow('"clip.mp4" is not a picture this browser can read (use PNG, JPEG or WebP)');
  await expect(run('notes.png')).rejects.toThrow('"notes.png" is not a picture this browser can read (use PNG, JPEG or WebP)');
  // The same instance recovers once it is given a real picture.
  expect((await run('plate.png')).width).toBe(768);
  await page.evaluate(() => window.gpuNodes.disposePlate('errors'));
  expect(await page.evaluate(() => window.gpuNodes.liveImages())).toBe(0);
});
