// The Background Plate's blurred-source mode (the video-call background blur): the WGSL blur
// against its CPU reference on random and real pictures, and a plain message on the node when
// nothing is connected to blur.

import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { sharedMedia } from '../support/shared-paths.ts';
import { blurPlateReference } from './background-plate-blur-reference.ts';
import { maxAbsDiff, type Pixels } from './composite-reference.ts';
import { fromB64, randomPixels, TestFiles } from './gpu-test-helpers.ts';

const files = new TestFiles();
test.afterAll(() => files.remove());

test.beforeEach(async ({ page }) => {
  page.on('pageerror', (e) => console.error('page error:', e.message));
  // Off Vite's HMR socket: other people's edits on the shared dev server would reload the page.
  await page.routeWebSocket(/./, () => {});
  await page.goto('/test/pages/gpu/background-plate.html');
  await expect(page).toHaveTitle('background-plate ready');
});

/** The plate in blurred-source mode over `source`, at frame 0. */
async function blurred(page: Page, name: string, source: Pixels, radius: number) {
  const url = await files.serveRaw(page, name, source);
  const run = await page.evaluate(
    ([u, w, h, r]) => window.plateTests.plateFrames({ mode: 'blur', blurRadius: r }, [0], { url: u, width: w, height: h }),
    [url, source.width, source.height, radius] as const,
  );
  expect(run.leakedImages).toBe(0);
  const [result] = run.results;
  expect(result.error).toBeUndefined();
  expect([result.width, result.height]).toEqual([source.width, source.height]);
  return { pixels: fromB64(result.b64!), plate: result.plate };
}

/** Random colours with random alpha, including runs of fully transparent pixels. */
function randomTransparent(width: number, height: number, seed: number): Pixels {
  const p = randomPixels(width, height, seed);
  const alphas = randomPixels(width, height, seed + 1).rgba;
  for (let i = 3; i < p.rgba.length; i += 4) p.rgba[i] = alphas[i - 3] < 60 ? 0 : alphas[i - 2];
  return p;
}

/** Mean absolute difference between horizontal neighbours: what a blur takes away. */
function roughness({ width, rgba }: Pixels): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i + 4 < rgba.length; i += 4) {
    if ((i / 4) % width === width - 1) continue;
    for (let c = 0; c < 3; c++, n++) sum += Math.abs(rgba[i + c] - rgba[i + 4 + c]);
  }
  return sum / n;
}

test('blurred source matches the CPU reference on random pictures (odd sizes, several radii, transparency)', async ({ page }) => {
  const cases: [string, Pixels, number][] = [
    ['noise-61x37-r3', randomPixels(61, 37, 7), 3],
    ['noise-40x23-r10', randomPixels(40, 23, 8), 10],
    ['noise-17x9-r25', randomPixels(17, 9, 9), 25], // taps reach far past every edge
    ['alpha-45x31-r6', randomTransparent(45, 31, 10), 6],
  ];
  for (const [name, source, radius] of cases) {
    const { pixels, plate } = await blurred(page, name, source, radius);
    const diff = maxAbsDiff(pixels, blurPlateReference(source, radius).rgba);
    expect(diff.max, `${name}: max abs diff at byte ${diff.at}`).toBeLessThanOrEqual(1);
    expect(plate).toEqual({ state: 'ready', facts: { size: `${source.width}x${source.height}`, blur: `${radius} px` } });
    if (name.startsWith('noise')) expect(roughness({ ...source, rgba: pixels }), name).toBeLessThan(roughness(source) / 3);
  }
});

test('blurred source matches the CPU reference on a real frame', async ({ page }) => {
  const path = sharedMedia('greenscreen/person_greenscreen_854x481.jpg');
  const [width, height] = [160, 90];
  const rgba = execFileSync('ffmpeg', ['-v', 'error', '-i', path, '-vf', `scale=${width}:${height}`, '-f', 'rawvideo', '-pix_fmt', 'rgba', '-'], { maxBuffer: 1 << 26 });
  const source = { width, height, rgba: new Uint8Array(rgba) };
  const { pixels } = await blurred(page, 'person.rgba', source, 8);
  const diff = maxAbsDiff(pixels, blurPlateReference(source, 8).rgba);
  expect(diff.max, `max abs diff at byte ${diff.at}`).toBeLessThanOrEqual(1);
  expect(roughness({ ...source, rgba: pixels })).toBeLessThan(roughness(source) / 2);
});

test('a blur radius of 0 gives the source unchanged', async ({ page }) => {
  const source = randomPixels(23, 11, 3);
  const { pixels } = await blurred(page, 'r0', source, 0);
  expect(maxAbsDiff(pixels, source.rgba).max).toBe(0);
});

test('blurred source without a source connected says so on the node', async ({ page }) => {
  const run = await page.evaluate(() => window.plateTests.plateFrames({ mode: 'blur', blurRadius: 8 }, [0]));
  const message = 'Blurred source mode needs a picture: connect the source to the "source" input';
  expect(run.results[0].error).toBe(`plate: ${message}`);
  expect(run.results[0].plate).toEqual({ state: 'error', message });
  expect(run.leakedImages).toBe(0);
});
