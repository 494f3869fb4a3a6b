// The Webcam Source node on Chromium's fake camera (a moving test pattern): live frames flow
// through the graph (a luma matte downstream changes frame after frame), frames do not pile up,
// the camera is released when the graph goes, a short recording exports, and a missing camera
// is reported plainly.

import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs } from '../support/chromium.ts';

test.use({
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: [...chromiumArgs, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
  },
});

async function open(page: import('@playwright/test').Page) {
  await page.goto('/test/pages/media/webcam.html');
  await page.waitForFunction(() => window.webcamPage !== undefined);
}

test('the fake camera shows live through the graph, one new picture per frame', async ({ page }) => {
  await open(page);
  const r = await page.evaluate(() => window.webcamPage.live(12));
  expect(r.info).toMatchObject({ width: 640, height: 480 });
  expect(r.info!.frameCount).toBeGreaterThan(1000);
  expect(r.frames.every((f) => f.size === '640x480' && f.kind === 'matte')).toBe(true);
  // The pattern moves: consecutive frames differ.
  const distinct = new Set(r.frames.map((f) => f.digest)).size;
  expect(distinct).toBeGreaterThanOrEqual(10);
  expect(r.statuses[0]).toMatchObject({ state: 'ready', facts: { size: '640×480' } });
  expect(r.maxOpen, 'camera frames held at once').toBeLessThanOrEqual(2);
  expect(r.openFrames, 'camera frames left open after the graph is gone').toBe(0);
  expect(r.liveImages).toBe(0);
  console.log(`webcam frames every ${(r.frames.slice(2).reduce((a, f) => a + f.ms, 0) / 10).toFixed(1)} ms`);
});

test('the camera size follows the node\'s params, and mirroring flips the picture', async ({ page }) => {
  await open(page);
  const small = await page.evaluate(() => window.webcamPage.live(2, { width: 320, height: 240 }));
  expect(small.frames[1].size).toBe('320x240');
  const mirrored = await page.evaluate(() => window.webcamPage.live(2, { width: 320, height: 240, mirror: true }));
  expect(mirrored.frames[1].size).toBe('320x240');
  expect(mirrored.openFrames).toBe(0);
  expect(mirrored.liveImages).toBe(0);
  expect(await page.evaluate(() => window.webcamPage.mirrorCheck())).toEqual({ px: [0, 0, 255, 255, 0, 255, 0, 255, 255, 0, 0, 255], sourceDisposed: true });
});

test('a recording from the camera exports as a video of those frames', async ({ page }) => {
  await open(page);
  const r = await page.evaluate(() => window.webcamPage.record(10));
  expect(r.frameCount).toBe(10);
  expect(r.openFrames).toBe(0);
  const dir = mkdtempSync(join(tmpdir(), 'mg-cam-'));
  const file = join(dir, 'cam.mp4');
  writeFileSync(file, Buffer.from(r.base64, 'base64'));
  const probe = execFileSync('ffprobe', ['-v', 'error', '-count_frames', '-show_entries', 'stream=nb_read_frames,width,height', '-of', 'csv=p=0', file]).toString().trim();
  rmSync(dir, { recursive: true, force: true });
  expect(probe).toBe('640,480,10');
});

test('a camera that is not there is named in the node\'s error', async ({ page }) => {
  await open(page);
  const r = await page.evaluate(() => window.webcamPage.missingCamera());
  expect(r.error).toMatch(/^cam: no camera matches "no such camera" \(cameras: fake_device_0.*\)$/);
  expect(r.status).toMatchObject({ state: 'error' });
});
