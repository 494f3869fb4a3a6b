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

test('a text file named .mp4 says it is not a video file, and that it is text', async ({ page }) => {
  const f = join(dir, 'notes.mp4');
  writeFileSync(f, 'These are my notes, not a video.\n'.repeat(20));
  expect(await openError(page, f)).toBe('not a video file Mattegraph reads (MP4, MOV, WebM or MKV): it is text');
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
  expect(await openError(page, f)).toMatch(/^this browser cannot decode H\.265\/HEVC video \(codec hvc1\.[\w.]+, 768x432\): browsers decode HEVC only with a hardware decoder/);
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

test('a WebM cut short says it is truncated, and how much is there', async ({ page }) => {
  const full = join(dir, 'full.webm');
  ffmpeg(['-i', talkingClip, '-frames:v', '24', '-vf', 'scale=320:180', '-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', full]);
  const f = cutFile(full, Math.floor(statSync(full).size * 0.6), join(dir, 'cut.webm'));
  expect(await openError(page, f)).toMatch(/^the file is truncated: it has [1-9]\d* KB of the [1-9]\d* KB its header announces$/);
  writeFileSync(join(dir, 'empty.webm'), '');
  expect(await openError(page, join(dir, 'empty.webm'))).toBe('the file is empty (0 bytes)');
});

test('files that are not video are named for what they are', async ({ page }) => {
  const wav = join(dir, 'sound.mp4');
  ffmpeg(['-f', 'lavfi', '-i', 'sine=duration=0.2', '-f', 'wav', wav]);
  expect(await openError(page, wav)).toBe('not a video file Mattegraph reads (MP4, MOV, WebM or MKV): it is a WAV sound file');
  const pdf = join(dir, 'doc.webm');
  writeFileSync(pdf, '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n');
  expect(await openError(page, pdf)).toBe('not a video file Mattegraph reads (MP4, MOV, WebM or MKV): it is a PDF document');
  const avi = join(dir, 'clip.mp4');
  ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=size=64x36', '-frames:v', '2', '-f', 'avi', avi]);
  expect(await openError(page, avi)).toMatch(/it is an AVI video \(re-save it as MP4 or WebM\)$/);
});

test('a picture larger than decoders take says so, with its size', async ({ page }) => {
  const f = join(dir, 'huge.mp4');
  ffmpeg(['-f', 'lavfi', '-i', 'color=c=red:size=33000x16:rate=25', '-frames:v', '1', '-c:v', 'libaom-av1', '-cpu-used', '8', f]);
  expect(await openError(page, f)).toMatch(/^this browser cannot decode AV1 video \(codec av01\.[\w.]+, 33000x16\): the picture is larger than browsers decode \(at most 16384 pixels a side\)$/);
});

test('odd sizes open at their true size: 853x480 (VP9) and 1918x1080 (H.264)', async ({ page }) => {
  const vp9 = join(dir, 'odd.webm');
  ffmpeg(['-i', talkingClip, '-frames:v', '4', '-vf', 'scale=853:480', '-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', vp9]);
  const h264 = join(dir, 'odd.mp4');
  ffmpeg(['-i', talkingClip, '-frames:v', '4', '-vf', 'scale=1918:1080', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', h264]);
  await page.route('**/__test/odd.*', (route) => route.fulfill({ path: route.request().url().endsWith('.webm') ? vp9 : h264 }));
  await page.goto('/test/pages/media/clip.html');
  await page.waitForFunction(() => window.clipPage !== undefined);
  for (const [url, size] of [['/__test/odd.webm', [853, 480]], ['/__test/odd.mp4', [1918, 1080]]] as const) {
    const { info } = await page.evaluate((u) => window.clipPage.open(u), url);
    expect([info.width, info.height], url).toEqual(size);
    expect(await page.evaluate(() => window.clipPage.digests([0, 3]))).toHaveLength(2);
  }
  await page.evaluate(() => window.clipPage.close());
});

test('damaged WebM data mid-stream names the frame, and the frames before it still decode', async ({ page }) => {
  const full = join(dir, 'gop.webm');
  ffmpeg(['-i', talkingClip, '-frames:v', '30', '-vf', 'scale=320:180', '-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-g', '10', full]);
  const bytes = Buffer.from(readFileSync(full));
  const p = packets(full)[10];
  expect(p.key).toBe(true);
  for (let i = p.pos + 8; i < p.pos + p.size; i++) bytes[i] = (i * 7919) & 255;
  const f = join(dir, 'damaged.webm');
  writeFileSync(f, bytes);
  await page.route('**/__test/damaged.webm', (route) => route.fulfill({ path: f }));
  await page.goto('/test/pages/media/clip.html');
  await page.waitForFunction(() => window.clipPage !== undefined);
  const results = await page.evaluate(() => window.clipPage.decodeErrors('/__test/damaged.webm', [0, 5, 9, 10, 12, 25]));
  expect(results.slice(0, 3)).toEqual(['ok', 'ok', 'ok']);
  expect(results[3]).toMatch(/^cannot decode frame 10 \(VP9\): /);
  expect(results[4]).toMatch(/^cannot decode frame 12 \(VP9\): frame 10, which it depends on, is damaged/);
  expect(results[5]).toBe('ok');
});

test('after a bad file the graph stays usable: the node shows the error, then takes a good file', async ({ page }) => {
  const bad = join(dir, 'bad.mp4');
  writeFileSync(bad, 'not a video');
  await page.route('**/__test/bad.mp4', (route) => route.fulfill({ path: bad }));
  await page.route('**/__test/intel.mp4', (route) => route.fulfill({ path: intelClip }));
  await page.goto('/test/pages/media/export.html');
  await page.waitForFunction(() => window.exportPage !== undefined);
  const r = await page.evaluate(() => window.exportPage.recover('/__test/bad.mp4', '/__test/intel.mp4'));
  expect(r.error).toBe('source: cannot open "/__test/bad.mp4": not a video file Mattegraph reads (MP4, MOV, WebM or MKV): it is text');
  expect(r.failedStatus).toEqual({ state: 'error', message: 'cannot open "/__test/bad.mp4": not a video file Mattegraph reads (MP4, MOV, WebM or MKV): it is text' });
  expect(r).toMatchObject({ after: '768x432', lastStatus: 'ready', openFrames: 0, liveImages: 0 });
});
