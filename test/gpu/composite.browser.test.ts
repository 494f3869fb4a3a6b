// The Composite node's shader against the CPU reference (test/gpu/composite-reference.ts), on
// random pictures and a real picture/matte pair, with plates of other sizes than the frame.

import { expect, test } from '@playwright/test';
import { sharedMedia } from '../support/shared-paths.ts';
import { compositeOverReference, maxAbsDiff, type Pixels } from './composite-reference.ts';
import { ffmpegRgba, fromB64, openGpuNodesPage, randomMatte, randomPixels, TestFiles, toWire } from './gpu-test-helpers.ts';

// 8-bit output of a float computation: the GPU and the doubles may round a .5 differently.
const TOLERANCE = 1;

test.beforeEach(async ({ page }) => {
  await openGpuNodesPage(page);
});

test('runs on a WebGPU adapter', async ({ page }) => {
  const info = await page.evaluate(() => window.gpuNodes.adapterInfo());
  console.log('adapter:', JSON.stringify(info));
  expect(info.vendor).not.toBe('');
});

test('matches the CPU reference on random pictures, for plates smaller, larger and equal to the frame', async ({ page }) => {
  // 37x23 is not a multiple of the 8x8 workgroup, so the overhanging invocations are exercised.
  const fgr = randomPixels(37, 23, 1);
  const pha = randomMatte(37, 23, 2);
  const plateSizes: [number, number][] = [[37, 23], [5, 3], [100, 61], [37, 1], [2, 40]];
  for (const [i, [w, h]] of plateSizes.entries()) {
    const plate = randomPixels(w, h, 10 + i);
    const out = await page.evaluate(([a, b, c]) => window.gpuNodes.runComposite(a, b, c), [toWire(fgr), toWire(pha), toWire(plate)]);
    expect([out.width, out.height]).toEqual([37, 23]);
    const diff = maxAbsDiff(fromB64(out.b64), compositeOverReference(fgr, pha, plate));
    expect(diff.max, `plate ${w}x${h}: worst difference at byte ${diff.at}`).toBeLessThanOrEqual(TOLERANCE);
  }
});

test('a 1x1 plate is a solid colour behind the foreground', async ({ page }) => {
  const fgr = randomPixels(20, 12, 3);
  const pha = randomMatte(20, 12, 4);
  const plate: Pixels = { width: 1, height: 1, rgba: new Uint8Array([12, 200, 77, 255]) };
  const out = await page.evaluate(([a, b, c]) => window.gpuNodes.runComposite(a, b, c), [toWire(fgr), toWire(pha), toWire(plate)]);
  const px = fromB64(out.b64);
  let background = 0;
  let foreground = 0;
  for (let i = 0; i < px.length; i += 4) {
    const a = pha.rgba[i];
    if (a === 0) {
      expect([...px.subarray(i, i + 4)]).toEqual([12, 200, 77, 255]);
      background++;
    } else if (a === 255) {
      expect([...px.subarray(i, i + 4)]).toEqual([...fgr.rgba.subarray(i, i + 3), 255]);
      foreground++;
    }
  }
  expect(background).toBeGreaterThan(10);
  expect(foreground).toBeGreaterThan(10);
  expect(out.facts).toEqual({ size: '20x12', plate: 'resized from 1x1' });
});

test('matches the CPU reference on a real picture and matte over real plates of other sizes', async ({ page }) => {
  const files = new TestFiles();
  try {
    const dim = (p: string) => sharedMedia(`ground_truth_alpha/adobe_dim_crops_via_foamliu/${p}`);
    const fgr = ffmpegRgba(dim('120_12081_image.png'));
    const pha = ffmpegRgba(dim('120_12081_alpha.png'));
    const plates = {
      'plate-1920x1080.rgba': ffmpegRgba(sharedMedia('target_backgrounds/background_matting_v1_0001.png')),
      'plate-854x481.rgba': ffmpegRgba(sharedMedia('greenscreen/person_greenscreen_854x481.jpg')),
    };
    const fgrW = { width: fgr.width, height: fgr.height, url: await files.serveRaw(page, 'fgr.rgba', fgr) };
    const phaW = { width: pha.width, height: pha.height, url: await files.serveRaw(page, 'pha.rgba', pha) };
    for (const [name, plate] of Object.entries(plates)) {
      const plateW = { width: plate.width, height: plate.height, url: await files.serveRaw(page, name, plate) };
      const out = await page.evaluate(([a, b, c]) => window.gpuNodes.runComposite(a, b, c), [fgrW, phaW, plateW]);
      expect([out.width, out.height]).toEqual([320, 320]);
      const diff = maxAbsDiff(fromB64(out.b64), compositeOverReference(fgr, pha, plate));
      expect(diff.max, `${name}: worst difference at byte ${diff.at}`).toBeLessThanOrEqual(TOLERANCE);
    }
  } finally {
    files.remove();
  }
});

test('says which sizes differ when the foreground and matte do not match', async ({ page }) => {
  const run = page.evaluate(
    ([a, b, c]) => window.gpuNodes.runComposite(a, b, c),
    [toWire(randomPixels(16, 9, 5)), toWire(randomMatte(8, 9, 6)), toWire(randomPixels(1, 1, 7))],
  );
  await expect(run).rejects.toThrow('fgr is 16x9 but pha is 8x9: the foreground and matte must be the same size');
  expect(await page.evaluate(() => window.gpuNodes.liveImages())).toBe(0);
});
