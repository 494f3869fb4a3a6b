// The Background Plate's video mode in a real compositing graph: a 3 s graph clip over a shorter
// plate video, looped or held on its last frame; a plate at another frame rate, picked by time;
// and clear messages on the node for plate files it cannot use. Each plate frame is one flat
// colour, so which plate frame a composited frame shows is never in doubt.

import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cutFile, ffmpeg, tempDir } from '../media/media-fixtures.ts';
import { fromB64, serveFile } from './gpu-test-helpers.ts';

const [W, H] = [64, 36];
const dir = tempDir('mattegraph-plate-video-');
test.afterAll(() => execFileSync('rm', ['-rf', dir]));

/** Frame n's flat colour: 25 colours at least 50 levels apart in red or green. */
const colourOf = (n: number) => [30 + 50 * (n % 5), 30 + 50 * (Math.floor(n / 5) % 5), 200 - 40 * (n % 3)];

/** An H.264 MP4 of `count` flat-colour frames at `fps`. */
function plateVideo(name: string, fps: number, count: number): string {
  const rgb = Buffer.alloc(W * H * 3 * count);
  for (let n = 0; n < count; n++) {
    const c = colourOf(n);
    for (let i = 0; i < W * H; i++) rgb.set(c, (n * W * H + i) * 3);
  }
  const raw = join(dir, `${name}.rgb`);
  writeFileSync(raw, rgb);
  const out = join(dir, name);
  ffmpeg(['-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${W}x${H}`, '-r', String(fps), '-i', raw,
    '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-crf', '12', '-g', '5', out]);
  return out;
}

/** The graph's clip: 3 s of moving test pattern at 10 fps (30 frames), the plate's size. */
function graphClip(): string {
  const out = join(dir, 'graph-clip.mp4');
  ffmpeg(['-f', 'lavfi', '-i', `testsrc2=size=${W}x${H}:rate=10:duration=3`, '-c:v', 'libx264', '-pix_fmt', 'yuv420p', out]);
  return out;
}

/** Every frame of `file` decoded by ffmpeg to RGBA: the reference each composited frame is held to. */
function ffmpegFrames(file: string): Uint8Array[] {
  const raw = join(dir, 'frames.rgba');
  ffmpeg(['-i', file, '-f', 'rawvideo', '-pix_fmt', 'rgba', raw]);
  const all = readFileSync(raw);
  const size = W * H * 4;
  return Array.from({ length: all.length / size }, (_, i) => new Uint8Array(all.subarray(i * size, (i + 1) * size)));
}

const meanAbsDiff = (a: Uint8Array, b: Uint8Array) => a.reduce((s, v, i) => s + Math.abs(v - b[i]), 0) / a.length;

/** The index of the reference frame `pixels` is closest to, and its largest difference from it. */
function whichPlateFrame(pixels: Uint8Array, refs: Uint8Array[]) {
  const diffs = refs.map((r) => meanAbsDiff(pixels, r));
  const index = diffs.indexOf(Math.min(...diffs));
  const max = pixels.reduce((m, v, i) => Math.max(m, Math.abs(v - refs[index][i])), 0);
  return { index, max };
}

async function openPage(page: Page, files: Record<string, string>) {
  page.on('pageerror', (e) => console.error('page error:', e.message));
  // Off Vite's HMR socket: other people's edits on the shared dev server would reload the page.
  await page.routeWebSocket(/./, () => {});
  for (const [name, path] of Object.entries(files)) await serveFile(page, name, path);
  await page.route('**/__test/zeros.rgba', (route) => route.fulfill({ body: Buffer.alloc(W * H * 4) }));
  await page.goto('/test/pages/gpu/background-plate.html');
  await expect(page).toHaveTitle('background-plate ready');
}

/** Composites the graph clip over `plate` at `frames`; returns which plate frame each shows. */
async function composited(page: Page, plate: Record<string, string | number>, frames: number[], refs: Uint8Array[]) {
  const run = await page.evaluate(
    ([p, f, w, h]) => window.plateTests.compositeFrames('graph.mp4', w, h, '/__test/zeros.rgba', p, f),
    [plate, frames, W, H] as const,
  );
  expect(run.leakedImages).toBe(0);
  return run.results.map((r) => {
    expect(r.error, `frame ${r.frame}`).toBeUndefined();
    expect([r.width, r.height]).toEqual([W, H]);
    return { frame: r.frame, ...whichPlateFrame(fromB64(r.b64!), refs), facts: r.plate?.facts };
  });
}

test('a plate video shorter than the clip loops, or holds its last frame', async ({ page }) => {
  const plate = plateVideo('plate-10fps.mp4', 10, 12);
  const refs = ffmpegFrames(plate);
  expect(refs.length).toBe(12);
  await openPage(page, { 'graph.mp4': graphClip(), 'plate.mp4': plate });
  // In order, then a jump back: frame N of the 30-frame clip shows plate frame N mod 12, or 11 once past it.
  const frames = [0, 1, 5, 11, 12, 13, 23, 24, 29, 3];
  for (const videoEnd of ['loop', 'hold'] as const) {
    const shown = await composited(page, { mode: 'video', video: 'plate.mp4', videoEnd }, frames, refs);
    const expected = frames.map((n) => (videoEnd === 'loop' ? n % 12 : Math.min(n, 11)));
    expect(shown.map((s) => s.index), videoEnd).toEqual(expected);
    for (const s of shown) expect(s.max, `${videoEnd} frame ${s.frame}: largest difference from ffmpeg's decode`).toBeLessThanOrEqual(3);
    const at13 = shown.find((s) => s.frame === 13)!.facts;
    expect(at13).toEqual({ size: `${W}x${H}`, fps: '10', 'plate frame': videoEnd === 'loop' ? '1 / 11 (looped)' : '11 / 11 (held)' });
  }
});

test('a plate video at another frame rate is followed by time, not by frame number', async ({ page }) => {
  // 25 fps for 1 s behind a 10 fps clip: graph frame N (at N/10 s) shows plate frame ⌊2.5·N⌋.
  const plate = plateVideo('plate-25fps.mp4', 25, 25);
  const refs = ffmpegFrames(plate);
  expect(refs.length).toBe(25);
  await openPage(page, { 'graph.mp4': graphClip(), 'plate.mp4': plate });
  const frames = [0, 1, 2, 3, 7, 9, 10, 12, 17, 29];
  for (const videoEnd of ['loop', 'hold'] as const) {
    const shown = await composited(page, { mode: 'video', video: 'plate.mp4', videoEnd }, frames, refs);
    const expected = frames.map((n) => {
      const plateFrame = Math.floor((n * 25) / 10);
      return videoEnd === 'loop' ? plateFrame % 25 : Math.min(plateFrame, 24);
    });
    expect(shown.map((s) => s.index), videoEnd).toEqual(expected);
    for (const s of shown) expect(s.max, `${videoEnd} frame ${s.frame}`).toBeLessThanOrEqual(3);
    expect(shown[1].facts?.fps).toBe('25');
  }
});

test('a plate video viewed on its own plays its own frames', async ({ page }) => {
  const plate = plateVideo('plate-alone.mp4', 10, 12);
  const refs = ffmpegFrames(plate);
  await openPage(page, { 'plate.mp4': plate });
  const run = await page.evaluate(() => window.plateTests.plateFrames({ mode: 'video', video: 'plate.mp4', videoEnd: 'loop' }, [0, 4, 15]));
  expect(run.results.map((r) => whichPlateFrame(fromB64(r.b64!), refs).index)).toEqual([0, 4, 3]);
  expect(run.leakedImages).toBe(0);
});

test('plate video files it cannot use give a clear message on the plate node', async ({ page }) => {
  const good = plateVideo('plate-ok.mp4', 10, 12);
  const notes = join(dir, 'notes.mp4');
  writeFileSync(notes, 'These are my notes, not a video.\n'.repeat(20));
  const half = cutFile(good, Math.floor(statSync(good).size / 2), join(dir, 'half.mp4'));
  await openPage(page, { 'graph.mp4': graphClip(), 'notes.mp4': notes, 'half.mp4': half, 'plate.mp4': good });
  await page.route('**/__test/missing.mp4', (route) => route.fulfill({ status: 404, body: 'not found' }));
  const cases: [string, string | RegExp][] = [
    ['', 'choose a video file for the plate (MP4, MOV, WebM or MKV)'],
    ['missing.mp4', 'file not found: "missing.mp4"'],
    ['notes.mp4', 'cannot open "notes.mp4": not a video file Mattegraph reads (MP4, MOV, WebM or MKV): it is text'],
    ['half.mp4', /^cannot open "half\.mp4": the file is (truncated|incomplete)/],
  ];
  for (const [video, message] of cases) {
    const run = await page.evaluate(
      ([v, w, h]) => window.plateTests.compositeFrames('graph.mp4', w, h, '/__test/zeros.rgba', { mode: 'video', video: v }, [4]),
      [video, W, H] as const,
    );
    const [r] = run.results;
    expect(r.plate?.state, video).toBe('error');
    expect(r.plate?.message, video).toMatch(message);
    // The graph's error names the plate node as the one at fault.
    expect(r.error, video).toBe(`plate: ${r.plate?.message}`);
    expect(run.leakedImages).toBe(0);
  }
  const ok = await page.evaluate(
    ([w, h]) => window.plateTests.compositeFrames('graph.mp4', w, h, '/__test/zeros.rgba', { mode: 'video', video: 'plate.mp4' }, [4]),
    [W, H] as const,
  );
  expect(ok.results[0].error).toBeUndefined();
});
