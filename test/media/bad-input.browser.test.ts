// Files that cannot be played give one clear line saying why: empty, not an MP4, cut short
// (index first or index last), a codec this browser cannot decode, damaged data mid-stream.

import { test, expect, type Page } from '@playwright/test';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cutFile, ffmpeg, intelClip, packets, talkingClip, tempDir, topLevelBoxes } from './media-fixtures.ts';

const dir = tempDir();
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function openError(page: Page, path: string): Promise<string> {
  await page.route('**/__test/bad.mp4', (route) => route.fulfill({ path }));
  await page.goto('/test/pages/media/clip.html');
  await page.waitForFunction(() => window.clipPage !== undefined);
  return page.evaluate(() => window.clipPage.openError('/__test/bad.mp4'));
}

/** The intel clip remuxed with its index (moov) at the end, as cameras and ffmpeg write by default. */
function moovAtEnd(): string {
  const out = join(dir, 'moov-last.mp4');
  ffmpeg(['-i', intelClip, '-c', 'copy', out]);
  const boxes = topLevelBoxes(out).map((b) => b.type);
  expect(boxes.indexOf('moov')).toBeGreaterThan(boxes.indexOf('mdat'));
  return out;
}

test('a zero-byte file says it is empty', async ({ page }) => {
  const f = join(dir, 'empty.mp4');
  writeFileSync(f, '');
  expect(await openError(page, f)).toBe('the file is empty (0 bytes)');
});

test('a text file named .mp4 says it is not an MP4/MOV file', async ({ page }) => {
  const f = join(dir, 'notes.mp4');
  writeFileSync(f, 'These are my notes, not a video.\n'.repeat(20));
  expect(await openError(page, f)).toMatch(/^not an MP4\/MOV file/);
});

test('a clip cut in half (index first) says it is truncated and how much is there', async ({ page }) => {
  const f = cutFile(talkingClip, Math.floor(statSync(talkingClip).size / 2), join(dir, 'half.mp4'));
  expect(await openError(page, f)).toMatch(/^the file is truncated: only \d+ of 100 frames are in it \(1\.3 MB of 2\.6 MB\)$/);
});

test('a clip cut before its index (index last) says the index is missing', async ({ page }) => {
  const full = moovAtEnd();
  const f = cutFile(full, Math.floor(statSync(full).size / 2), join(dir, 'half-moov-last.mp4'));
  expect(await openError(page, f)).toMatch(/^the file is incomplete: its index \(moov box\) is missing/);
});

test('a clip cut inside its index says the index is cut off', async ({ page }) => {
  const full = moovAtEnd();
  const f = cutFile(full, statSync(full).size - 200, join(dir, 'moov-cut.mp4'));
  expect(await openError(page, f)).toMatch(/^the file is truncated: its index \(moov box\) is cut off/);
});

test('a codec the browser cannot decode is named', async ({ page }) => {
  const f = join(dir, 'hevc.mp4');
  ffmpeg(['-i', intelClip, '-frames:v', '5', '-c:v', 'libx265', '-tag:v', 'hvc1', '-x265-params', 'log-level=error', f]);
  expect(await openError(page, f)).toMatch(/^this browser cannot decode H\.265\/HEVC video \(codec hvc1\.[\w.]+\)$/);
});

test('damaged data mid-stream names the damaged frame; other frames still decode', async ({ page }) => {
  // Frame 20 is a key frame (decode order 20); garble its coded data but keep its length field.
  const bytes = Buffer.from(readFileSync(intelClip));
  const p = packets(intelClip)[20];
  expect(p.key).toBe(true);
  for (let i = p.pos + 4; i < p.pos + p.size; i++) bytes[i] = (i * 7919) & 255;
  const f = join(dir, 'damaged.mp4');
  writeFileSync(f, bytes);
  await page.route('**/__test/damaged.mp4', (route) => route.fulfill({ path: f }));
  await page.goto('/test/pages/media/clip.html');
  await page.waitForFunction(() => window.clipPage !== undefined);
  const order = [...Array(40).keys()];
  const results = await page.evaluate((o) => window.clipPage.decodeErrors('/__test/damaged.mp4', o), order);
  // Frames before the damaged GOP (18, 19 need the decoder to look ahead) and after it decode.
  expect(results.slice(0, 20)).toEqual(Array(20).fill('ok'));
  expect(results.slice(30)).toEqual(Array(10).fill('ok'));
  expect(results[20]).toMatch(/^cannot decode frame 20 \(H\.264\): /);
  for (let i = 21; i < 30; i++) expect(results[i]).toMatch(new RegExp(`^cannot decode frame ${i} \\(H\\.264\\): frame 20, which it depends on, is damaged`));
  // Jumping straight into the damaged GOP says the same.
  const jump = await page.evaluate(() => window.clipPage.decodeErrors('/__test/damaged.mp4', [25, 35, 20]));
  expect(jump[0]).toMatch(/^cannot decode frame 25 \(H\.264\): frame 20, which it depends on, is damaged/);
  expect(jump[1]).toBe('ok');
  expect(jump[2]).toMatch(/^cannot decode frame 20 /);
});

test('a file with sound but no picture says it has no video track', async ({ page }) => {
  const f = join(dir, 'audio.m4a');
  ffmpeg(['-f', 'lavfi', '-i', 'sine=frequency=440:duration=1', '-c:a', 'aac', f]);
  expect(await openError(page, f)).toBe('the file has no video track');
});
