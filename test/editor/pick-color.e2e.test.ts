// Picking a Color Key's screen colour in the viewer: armed with the inspector's picker (the
// viewer then shows the key's input) or with Ctrl held, a click takes one pixel and a drag the
// average of a rectangle, in picture pixels whatever the zoom and pan. Expected colours are
// computed here from the picture's own pixels (ffmpeg's decode of the same PNG). Each pick is
// one undo step, and the key's output in the viewer changes with it.

import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedMedia } from '../support/shared-paths.ts';
import { graphFile, nodeBox, openEditorWithoutModels, openGraphWithMedia, pixelAt, viewerPixels, viewerShows } from './editor-page.ts';

const W = 214;
const H = 120;
const work = mkdtempSync(join(tmpdir(), 'mattegraph-pick-'));
const still = join(work, 'greenscreen.png');
const graph = join(work, 'pick.mattegraph.json');
let rgb: Buffer;

test.beforeAll(() => {
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', sharedMedia('greenscreen/person_greenscreen_854x481.jpg'),
    '-vf', `scale=${W}:${H}`, '-pix_fmt', 'rgb24', still]);
  rgb = execFileSync('ffmpeg', ['-v', 'error', '-i', still, '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-']);
  expect(rgb.length).toBe(W * H * 3);
  writeFileSync(graph, graphFile(
    [
      { id: 'source', type: 'VideoSource', version: 1, position: { x: 0, y: 0 }, params: { file: '__test/greenscreen.png' } },
      // A blue screen colour on a green screen: nothing is keyed until the right colour is picked.
      { id: 'key', type: 'ColorKey', version: 1, position: { x: 260, y: 0 }, params: { screenColor: '#0000ff' } },
    ],
    [['source', 'image', 'key', 'source']],
  ));
});

/** The picture's average colour over x0..x1, y0..y1 (inclusive), as the picker writes it. */
function expectedHex(x0: number, y0: number, x1: number, y1: number): string {
  const sum = [0, 0, 0];
  for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) for (let c = 0; c < 3; c++) sum[c] += rgb[(y * W + x) * 3 + c];
  const n = (x1 - x0 + 1) * (y1 - y0 + 1);
  return `#${sum.map((s) => Math.round(s / n).toString(16).padStart(2, '0')).join('')}`;
}

/** Screen point at the centre of picture pixel (x, y), from where the canvas is now (zoom, pan). */
async function screenOf(page: Page, x: number, y: number) {
  const box = (await page.locator('.viewer-canvas').boundingBox())!;
  const k = box.width / W;
  return { x: box.x + (x + 0.5) * k, y: box.y + (y + 0.5) * k };
}

const colourText = (page: Page) => page.locator('.color-field code');
const pickButton = (page: Page) => page.getByRole('button', { name: 'Eyedropper: pick from the viewer' });

test('the screen colour is picked from the key\'s input by click and by drag, at any zoom, one undo step each', async ({ page }) => {
  await openEditorWithoutModels(page);
  await page.route('/examples/__test/greenscreen.png', (route) => route.fulfill({ path: still, contentType: 'image/png' }));
  await openGraphWithMedia(page, graph, {});
  await nodeBox(page, 'key').locator('.graph-node-header').click();
  await viewerShows(page, /^key · 214×120 image$/);
  await page.getByRole('radio', { name: 'Alpha', exact: true }).click();
  // Screen (left of the person) and person, in picture pixels.
  const screen = { x: 30, y: 60 };
  const person = { x: 120, y: 80 };
  await expect.poll(async () => pixelAt(await viewerPixels(page), screen.x, screen.y)[0]).toBeGreaterThan(200);
  const unkeyed = await viewerPixels(page);
  await expect(colourText(page)).toHaveText('#0000ff');

  // Zoom in around the screen and pan a little: picks stay in picture pixels.
  const stage = (await page.getByTestId('viewer-stage').boundingBox())!;
  const around = await screenOf(page, 40, 50);
  await page.mouse.move(around.x, around.y);
  await page.mouse.wheel(0, -400);
  await expect(page.getByTestId('zoom-value')).not.toHaveText('fit');
  await page.mouse.move(stage.x + stage.width / 2, stage.y + stage.height / 2);
  await page.mouse.down();
  await page.mouse.move(stage.x + stage.width / 2 + 25, stage.y + stage.height / 2 + 10, { steps: 4 });
  await page.mouse.up();

  // 1. Armed in the inspector: the viewer shows the key's input; a click takes one pixel.
  await pickButton(page).click();
  await expect(pickButton(page)).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('pick-hint')).toBeVisible();
  await viewerShows(page, /^source \(input of key\) · 214×120 image$/);
  await expect.poll(async () => pixelAt(await viewerPixels(page), screen.x, screen.y)).toEqual([...rgb.subarray((screen.y * W + screen.x) * 3, (screen.y * W + screen.x) * 3 + 3)]);
  await page.screenshot({ path: '/tmp/pick-armed.png' });
  const p = await screenOf(page, screen.x, screen.y);
  expect(p.x > stage.x && p.x < stage.x + stage.width && p.y > stage.y && p.y < stage.y + stage.height).toBe(true);
  await page.mouse.click(p.x, p.y);
  const clickHex = expectedHex(screen.x, screen.y, screen.x, screen.y);
  await expect(colourText(page)).toHaveText(clickHex);
  await expect(page.getByTestId('notice')).toHaveText(`Screen colour of key: ${clickHex} (pixel x ${screen.x} y ${screen.y} of source)`);
  await expect(pickButton(page)).toHaveAttribute('aria-pressed', 'false');
  await viewerShows(page, /^key · 214×120 image$/);

  // 2. Ctrl+drag over the key's output: the average of the rectangle of its input (screen and
  // person: a rectangle one pixel off would average to another colour).
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  const a = await screenOf(page, 60, 20);
  const b = await screenOf(page, 130, 95);
  await page.keyboard.down('Control');
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 4 });
  await page.mouse.move(b.x, b.y, { steps: 4 });
  await expect(page.getByTestId('pick-rect')).toHaveText('71×76 px');
  await page.screenshot({ path: '/tmp/pick-dragging.png' });
  await page.mouse.up();
  await page.keyboard.up('Control');
  await expect(page.getByTestId('pick-rect')).toHaveCount(0);
  const dragHex = expectedHex(60, 20, 130, 95);
  expect(dragHex).not.toBe(clickHex);
  await expect(colourText(page)).toHaveText(dragHex);
  await expect(page.getByTestId('notice')).toHaveText(`Screen colour of key: ${dragHex} (average of 71×76 px at x 60 y 20 of source)`);

  // The key now takes the screen out: alpha ~0 on the screen, still ~1 on the person.
  await expect.poll(async () => pixelAt(await viewerPixels(page), screen.x, screen.y)[0], { timeout: 60_000 }).toBeLessThan(30);
  const keyed = await viewerPixels(page);
  expect(pixelAt(keyed, person.x, person.y)[0]).toBeGreaterThan(200);
  let changed = 0;
  for (let i = 0; i < W * H; i++) if (Math.abs(keyed.data[i * 4] - unkeyed.data[i * 4]) > 128) changed++;
  expect(changed).toBeGreaterThan(W * H * 0.3);
  await page.screenshot({ path: '/tmp/pick-keyed.png' });

  // 3. Armed again, a drag right to left and bottom to top picks the same area's average.
  await pickButton(page).click();
  await viewerShows(page, /^source \(input of key\) · 214×120 image$/);
  const c = await screenOf(page, 200, 110);
  const d = await screenOf(page, 175, 10);
  await page.mouse.move(c.x, c.y);
  await page.mouse.down();
  await page.mouse.move(d.x, d.y, { steps: 6 });
  await page.mouse.up();
  const rightHex = expectedHex(175, 10, 200, 110);
  await expect(colourText(page)).toHaveText(rightHex);

  // Esc cancels an armed pick without changing anything.
  await pickButton(page).click();
  await expect(page.getByTestId('pick-hint')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('pick-hint')).toHaveCount(0);
  await viewerShows(page, /^key · 214×120 image$/);
  await expect(colourText(page)).toHaveText(rightHex);

  // Each pick is one undo step.
  await page.keyboard.press('Control+z');
  await expect(colourText(page)).toHaveText(dragHex);
  await page.keyboard.press('Control+z');
  await expect(colourText(page)).toHaveText(clickHex);
  await page.keyboard.press('Control+z');
  await expect(colourText(page)).toHaveText('#0000ff');
  await expect.poll(async () => (await viewerPixels(page)).data, { timeout: 60_000 }).toEqual(unkeyed.data);
  await page.keyboard.press('Control+Shift+z');
  await expect(colourText(page)).toHaveText(clickHex);
});

test('the picker says why it cannot pick when the key has no source', async ({ page }) => {
  await openEditorWithoutModels(page);
  writeFileSync(join(work, 'alone.mattegraph.json'), graphFile(
    [{ id: 'key', type: 'ColorKey', version: 1, position: { x: 0, y: 0 }, params: {} }],
    [],
  ));
  await openGraphWithMedia(page, join(work, 'alone.mattegraph.json'), {});
  await nodeBox(page, 'key').locator('.graph-node-header').click();
  await expect(pickButton(page)).toBeDisabled();
  await expect(pickButton(page)).toHaveAttribute('title', 'Cannot pick: connect an image to its Source input to pick from it');
});
