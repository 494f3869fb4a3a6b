// Video Source with a still picture: PNG, JPEG and WebP files open as a clip of one frame
// (1/25 s) whose picture is the file's pixels, and a broken picture says so plainly.

import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { sharedMedia } from '../support/shared-paths.ts';
import { ffmpegRgba, fromB64, serveFile, TestFiles } from '../gpu/gpu-test-helpers.ts';
import { openKeyPage } from './key-page-helpers.ts';

const picture = sharedMedia('ground_truth_alpha/adobe_dim_crops_via_foamliu/120_12081_image.png');

function psnr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let se = 0;
  for (let i = 0; i < a.length; i++) if (i % 4 !== 3) se += (a[i] - b[i]) ** 2;
  return 10 * Math.log10((255 * 255) / (se / ((a.length / 4) * 3)));
}

test.beforeEach(async ({ page }) => {
  await openKeyPage(page);
});

test('a PNG, a JPEG and a WebP picture are one-frame clips with the picture as frame 0', async ({ page }) => {
  const files = new TestFiles();
  try {
    const made = {
      'still.png': join(files.dir, 'still.png'),
      'still.jpg': join(files.dir, 'still.jpg'),
      'still.webp': join(files.dir, 'still.webp'),
    };
    const encode = (out: string, args: string[]) => execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', picture, ...args, out]);
    encode(made['still.png'], ['-pix_fmt', 'rgb24']);
    encode(made['still.jpg'], ['-q:v', '2']);
    encode(made['still.webp'], ['-c:v', 'libwebp', '-lossless', '1']);
    const expected = { 'still.png': 'PNG', 'still.jpg': 'JPEG', 'still.webp': 'WebP' } as const;
    for (const [name, path] of Object.entries(made) as [keyof typeof made, string][]) {
      await serveFile(page, name, path);
      const r = await page.evaluate((f) => window.keyPage.runSource(f), `/__test/${name}`);
      expect(r.error, name).toBeUndefined();
      expect(r.info).toEqual({
        frameCount: 1, fps: 25, durationUs: 40_000, width: 320, height: 320, frameTimestampsUs: [0], frameDurationsUs: [40_000],
      });
      expect([r.width, r.height, r.kind]).toEqual([320, 320, 'image']);
      expect(r.status).toEqual({ state: 'ready', facts: { size: '320×320', frames: '1 (still)', format: expected[name] } });
      expect(r.leaked).toBe(0);
      const got = fromB64(r.b64 as string);
      const want = ffmpegRgba(path).rgba;
      // PNG and lossless WebP are exact; JPEG decoders may differ by a step or two.
      if (name === 'still.jpg') expect(psnr(got, want), name).toBeGreaterThan(40);
      else expect(Buffer.compare(Buffer.from(got), Buffer.from(want)), `${name} pixels`).toBe(0);
    }
  } finally {
    files.remove();
  }
});

test('asking a still for frame 1, or opening a broken picture, fails with a plain message', async ({ page }) => {
  const files = new TestFiles();
  try {
    const png = join(files.dir, 'ok.png');
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', picture, png]);
    await serveFile(page, 'ok.png', png);
    const late = await page.evaluate(() => window.keyPage.runSource('/__test/ok.png', 1));
    expect(late.error).toBe('frame 1 is outside the clip (0..0)');
    const broken = join(files.dir, 'broken.png');
    // The PNG signature, then nothing a decoder can use.
    writeFileSync(broken, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]));
    await serveFile(page, 'broken.png', broken);
    const r = await page.evaluate(() => window.keyPage.runSource('/__test/broken.png'));
    expect(r.error).toMatch(/^source: cannot open "\/__test\/broken\.png": \/__test\/broken\.png cannot be decoded: it is damaged or not a PNG this browser reads/);
    expect(r.leaked).toBe(0);
  } finally {
    files.remove();
  }
});
