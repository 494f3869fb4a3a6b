// A 3000-frame render (tiny 64x36 picture, with audio) in Chromium: memory stays flat (heap after
// garbage collection at frame 500 and at frame 3000), VideoFrames in flight stay bounded by the
// decoder and encoder queues (back-pressure), and none is left open at the end or after a cancel.

import { test, expect } from '@playwright/test';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumArgs } from '../support/chromium.ts';
import { ffmpeg, tempDir } from './media-fixtures.ts';

test.use({ launchOptions: { executablePath: '/usr/bin/chromium', args: [...chromiumArgs, '--enable-precise-memory-info', '--js-flags=--expose-gc'] } });

const dir = tempDir();
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('a 3000-frame render keeps memory flat and leaves no VideoFrame open; so does a cancel', async ({ page }) => {
  test.setTimeout(600_000);
  const src = join(dir, 'long.mp4');
  ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=size=64x36:rate=30', '-f', 'lavfi', '-i', 'sine=frequency=500:duration=100',
    '-frames:v', '3000', '-c:v', 'libx264', '-bf', '2', '-g', '60', '-c:a', 'aac', '-shortest', src]);
  await page.route('**/__test/long.mp4', (route) => route.fulfill({ path: src }));
  await page.goto('/test/pages/media/export.html');
  await page.waitForFunction(() => window.exportPage !== undefined);

  const r = await page.evaluate(() => window.exportPage.exportFile({ file: '/__test/long.mp4', target: 'stream', discard: true, sampleEvery: 250 }));
  expect(r.error).toBeUndefined();
  expect(r.result?.frameCount).toBe(3000);
  expect(r.result?.audio).toBe('AAC audio copied unchanged');
  const mb = (b: number) => (b / 1e6).toFixed(2);
  console.log(`3000 frames in ${(r.ms / 1000).toFixed(1)} s; heap ${r.samples.map((s) => mb(s.heapBytes)).join(' ')} MB; ` +
    `open frames at samples ${r.samples.map((s) => s.openFrames).join(' ')}, at most ${r.maxOpenFrames}`);
  const at = (frame: number) => r.samples.find((s) => s.frame === frame)!.heapBytes;
  expect(at(500)).toBeGreaterThan(0);
  expect(at(3000) - at(500), 'heap growth from frame 500 to 3000').toBeLessThan(3e6);
  expect(r.maxOpenFrames, 'VideoFrames in flight (decoder + encoder queues)').toBeLessThanOrEqual(12);
  expect(r.openFrames).toBe(0);
  expect(r.liveImages).toBe(0);

  const cancelled = await page.evaluate(() => window.exportPage.exportFile({ file: '/__test/long.mp4', target: 'stream', discard: true, abortAfter: 700 }));
  expect(cancelled.errorName).toBe('AbortError');
  expect(cancelled.openFrames).toBe(0);
  expect(cancelled.liveImages).toBe(0);
});
