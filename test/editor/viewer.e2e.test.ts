// The viewer as a compositor uses it: channel modes, the A/B wipe with its divider, the pixel
// probe, zoom (fit, 100%, wheel), number-key slots, node thumbnails, and a disabled node
// passing its input through. Pixels are read from the viewer canvas (what is on screen).

import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedMedia } from '../support/shared-paths.ts';
import {
  graphNode, matteOverBlueGraph,
  graphFile,
  nodeBox,
  openEditor,
  openEditorWithoutModels,
  openGraphWithMedia,
  pixelAt,
  viewerPixels,
  viewerShows,
} from './editor-page.ts';

const work = mkdtempSync(join(tmpdir(), 'mattegraph-viewer-'));
const warm = join(work, 'warm.mp4');
const cool = join(work, 'cool.mp4');
const people = join(work, 'people.mp4');
const coloursGraph = join(work, 'colours.mattegraph.json');
const matteGraph = join(work, 'matte.mattegraph.json');

const node = graphNode;

test.beforeAll(() => {
  const solid = (path: string, colour: string) =>
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `color=c=${colour}:s=64x36:r=10:d=1`,
      '-c:v', 'libx264', '-pix_fmt', 'yuv444p', '-qp', '0', path]);
  solid(warm, '0xC86432');
  solid(cool, '0x143CDC');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-ss', '15', '-i', sharedMedia('person_video/intel_one-by-one-person-detection.mp4'),
    '-frames:v', '3', '-vf', 'scale=256:144,setpts=N/1000/TB', '-r', '1000', '-an', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', people]);
  writeFileSync(coloursGraph, graphFile(
    [node('warm', 'VideoSource', 0, 0, { file: '__test/warm.mp4' }), node('cool', 'VideoSource', 0, 200, { file: '__test/cool.mp4' })],
    [],
  ));
  writeFileSync(matteGraph, matteOverBlueGraph('people.mp4'));
});

const near = (got: number[], want: number[], tol = 6) => got.every((v, i) => Math.abs(v - want[i]) <= tol);
const channel = (page: Page, name: string) => page.getByRole('radio', { name, exact: true }).click();

test('channel modes, A/B wipe with a draggable divider, pixel probe, zoom, and number-key slots', async ({ page }) => {
  await openEditorWithoutModels(page);
  await openGraphWithMedia(page, coloursGraph, { 'warm.mp4': warm, 'cool.mp4': cool });
  await nodeBox(page, 'warm').locator('.graph-node-header').click();
  await viewerShows(page, /^warm · 64×36 image$/);
  const warmRgb = [200, 100, 50];
  expect(near(pixelAt(await viewerPixels(page), 32, 18), warmRgb)).toBe(true);

  await channel(page, 'R');
  await expect.poll(async () => near(pixelAt(await viewerPixels(page), 10, 10), [200, 200, 200])).toBe(true);
  await channel(page, 'G');
  await expect.poll(async () => near(pixelAt(await viewerPixels(page), 10, 10), [100, 100, 100])).toBe(true);
  await channel(page, 'B');
  await expect.poll(async () => near(pixelAt(await viewerPixels(page), 10, 10), [50, 50, 50])).toBe(true);
  await channel(page, 'Alpha');
  await expect.poll(async () => pixelAt(await viewerPixels(page), 10, 10)).toEqual([255, 255, 255]);
  await channel(page, 'RGB');

  // Probe: the RGBA under the mouse.
  const stage = page.getByTestId('viewer-stage');
  const box = (await stage.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
  await expect(page.getByTestId('pixel-probe')).toHaveText(/^warm · x 1\d y 1\d · R (19\d|20\d) G (9\d|10\d) B ([4-5]\d) A 255$/);

  // Slots: 1 = warm, 2 = cool; with nothing selected, 1 and 2 switch the viewer.
  await page.keyboard.press('1');
  await nodeBox(page, 'cool').locator('.graph-node-header').click();
  await page.keyboard.press('2');
  await viewerShows(page, /^cool · 64×36 image$/);
  await page.locator('.react-flow__pane').click({ position: { x: 30, y: 300 } });
  await page.keyboard.press('1');
  await viewerShows(page, /^warm · 64×36 image$/);
  await expect(nodeBox(page, 'warm').getByTitle(/Viewer slot 1/)).toBeVisible();

  // A/B wipe: warm left, cool right of the divider; drag the divider to a quarter.
  await page.getByRole('button', { name: 'A/B' }).click();
  await expect(page.getByLabel('Compare with (B)')).toHaveValue('cool');
  const coolRgb = [20, 60, 220];
  await expect.poll(async () => {
    const p = await viewerPixels(page);
    return near(pixelAt(p, 20, 18), warmRgb) && near(pixelAt(p, 44, 18), coolRgb);
  }).toBe(true);
  const divider = page.getByRole('slider', { name: 'Wipe position' });
  const d = (await divider.boundingBox())!;
  await page.mouse.move(d.x + d.width / 2, d.y + d.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.25, d.y + d.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(divider).toHaveAttribute('aria-valuenow', /^(2[3-7])$/);
  await expect.poll(async () => near(pixelAt(await viewerPixels(page), 24, 18), coolRgb)).toBe(true);
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
  await expect(page.getByTestId('pixel-probe')).toHaveText(/^cool · .* B (21\d|22\d) A 255$/);
  await divider.focus();
  await page.keyboard.press('ArrowRight');
  await expect(divider).toHaveAttribute('aria-valuenow', /^(2[5-9])$/);
  await channel(page, 'B');
  await expect.poll(async () => {
    const p = await viewerPixels(page);
    return near(pixelAt(p, 5, 5), [50, 50, 50]) && near(pixelAt(p, 60, 5), [220, 220, 220]);
  }).toBe(true);
  await page.screenshot({ path: '/tmp/editor-viewer-wipe.png' });
  await channel(page, 'RGB');

  // Zoom: 100% shows 64 screen px per 64 picture px; the wheel zooms; Fit comes back.
  await page.getByRole('button', { name: '100%' }).click();
  await expect(page.getByTestId('zoom-value')).toHaveText('100%');
  expect((await page.locator('.viewer-canvas').boundingBox())!.width).toBeCloseTo(64, 0);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -600);
  await expect(page.getByTestId('zoom-value')).not.toHaveText('100%');
  expect((await page.locator('.viewer-canvas').boundingBox())!.width).toBeGreaterThan(100);
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  await expect(page.getByTestId('zoom-value')).toHaveText('fit');
  // Thumbnails: each viewed source shows its picture on its node.
  await expect(page.getByTestId('thumb-warm')).toHaveAttribute('data-current', 'true');
  await expect(page.getByTestId('thumb-cool')).toBeVisible();
  await page.screenshot({ path: '/tmp/editor-viewer-colours.png' });
});

test('matte modes over the source (alpha, overlay, checker), thumbnails, and a disabled node passing its input through', async ({ page }) => {
  test.setTimeout(300_000);
  await openEditor(page);
  await openGraphWithMedia(page, matteGraph, { 'people.mp4': people });
  await nodeBox(page, 'source').locator('.graph-node-header').click();
  await viewerShows(page, /^source · 256×144 image$/);
  const source = await viewerPixels(page);
  await nodeBox(page, 'matte').locator('.graph-node-header').click();
  await viewerShows(page, /^matte · 256×144 matte$/);
  const alpha = await viewerPixels(page);
  const a = (i: number) => alpha.data[i * 4];
  const n = alpha.width * alpha.height;
  const values = Array.from({ length: n }, (_, i) => a(i));
  expect(values.filter((v) => v > 200).length).toBeGreaterThan(n * 0.02); // a person
  expect(values.filter((v) => v < 30).length).toBeGreaterThan(n * 0.3); // the room

  await channel(page, 'Alpha');
  await expect.poll(async () => (await viewerPixels(page)).data).toEqual(alpha.data);

  await channel(page, 'Overlay');
  await expect.poll(async () => (await viewerPixels(page)).data).not.toEqual(alpha.data);
  const overlay = await viewerPixels(page);
  const tint = [255, 48, 48];
  let worst = 0;
  for (let i = 0; i < n; i++) {
    const t = (255 - a(i)) / 510;
    for (let c = 0; c < 3; c++) {
      const s = source.data[i * 4 + c];
      worst = Math.max(worst, Math.abs(overlay.data[i * 4 + c] - (s + (tint[c] - s) * t)));
    }
  }
  expect(worst).toBeLessThanOrEqual(1);

  await channel(page, 'Checker');
  await expect.poll(async () => (await viewerPixels(page)).data).not.toEqual(overlay.data);
  const checker = await viewerPixels(page);
  worst = 0;
  for (let i = 0; i < n; i++) {
    const x = i % alpha.width;
    const y = Math.floor(i / alpha.width);
    const bg = ((x >> 3) ^ (y >> 3)) & 1 ? 160 : 96;
    const k = a(i) / 255;
    for (let c = 0; c < 3; c++) worst = Math.max(worst, Math.abs(checker.data[i * 4 + c] - (source.data[i * 4 + c] * k + bg * (1 - k))));
  }
  expect(worst).toBeLessThanOrEqual(1);
  await page.screenshot({ path: '/tmp/editor-viewer-checker.png' });
  await channel(page, 'RGB');

  // The clip is 1000 fps, which no graph with RVM in it keeps up with on any machine: the
  // timeline says so plainly. Frames seen while playing come back from the cache at once.
  await page.keyboard.press('Space');
  await expect(page.getByTestId('playback-rate')).toContainText(/slower than the clip's 1000 fps: the graph takes \d+ ms per frame/, { timeout: 60_000 });
  await page.screenshot({ path: '/tmp/editor-playing-slow.png' });
  await page.keyboard.press('k');
  await page.keyboard.press('Home');
  await expect(page.getByTestId('frame-number')).toHaveText(/^frame 0 /);
  await viewerShows(page, /^matte · 256×144 matte$/);
  const t0 = Date.now();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('frame-number')).toHaveText(/^frame 1 /);
  await viewerShows(page, /^matte · 256×144 matte$/);
  expect(Date.now() - t0).toBeLessThan(1000); // RVM takes seconds per frame here; the cache does not
  await page.keyboard.press('Home');
  await expect(page.getByTestId('frame-number')).toHaveText(/^frame 0 /);

  // Thumbnails of the source and the matte are on their nodes, made for this frame.
  await expect(page.getByTestId('thumb-source')).toHaveAttribute('data-current', 'true');
  await expect(page.getByTestId('thumb-matte')).toHaveAttribute('data-current', 'true');

  // Composite over blue; disabled (D), it passes its foreground (the source) through unchanged.
  await nodeBox(page, 'composite').locator('.graph-node-header').click();
  await viewerShows(page, /^composite · 256×144 image$/);
  const composed = await viewerPixels(page);
  expect(composed.data).not.toEqual(source.data);
  await page.keyboard.press('d');
  await expect(nodeBox(page, 'composite').locator('.graph-node')).toHaveClass(/disabled/);
  await expect.poll(async () => (await viewerPixels(page)).data, { timeout: 60_000 }).toEqual(source.data);
  await page.screenshot({ path: '/tmp/editor-disabled.png' });
  await page.keyboard.press('d');
  await expect.poll(async () => (await viewerPixels(page)).data, { timeout: 60_000 }).toEqual(composed.data);

  // A disabled matte has no matte to give: the composite says so, on the node.
  await nodeBox(page, 'matte').locator('.graph-node-header').click();
  await page.keyboard.press('d');
  await nodeBox(page, 'composite').locator('.graph-node-header').click();
  await expect(nodeBox(page, 'composite')).toContainText('matte is disabled and has nothing to pass on to its "pha" output');
  await expect(page.getByTestId('viewer-message')).toContainText('matte is disabled');
  await page.screenshot({ path: '/tmp/editor-disabled-error.png' });
});
