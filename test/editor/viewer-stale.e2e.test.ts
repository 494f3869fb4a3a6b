// Toggling a node on and off (D) faster than the graph evaluates, including while RVM is still
// working on a new frame: whatever order requests and edits meet in the evaluator, the viewer
// ends on the picture of the graph as it is now (the composite over blue when the Composite is
// on, the source when it is off), never on a picture of an earlier state.

import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedMedia } from '../support/shared-paths.ts';
import { matteOverBlueGraph, nodeBox, openEditor, openGraphWithMedia, viewerPixels, viewerShows } from './editor-page.ts';

const work = mkdtempSync(join(tmpdir(), 'mattegraph-viewer-stale-'));
const people = join(work, 'people.mp4');
const matteGraph = join(work, 'matte.mattegraph.json');


test.beforeAll(() => {
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-ss', '15', '-i', sharedMedia('person_video/intel_one-by-one-person-detection.mp4'),
    '-frames:v', '3', '-vf', 'scale=256:144,setpts=N/10/TB', '-r', '10', '-an', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', people]);
  writeFileSync(matteGraph, matteOverBlueGraph('people.mp4'));
});

/** Share of the viewer's pixels that are the plate's pure blue (the room, once composited). */
async function blueShare(page: Page): Promise<number> {
  const { data } = await viewerPixels(page);
  let blue = 0;
  for (let i = 0; i < data.length; i += 4) if (data[i] <= 2 && data[i + 1] <= 2 && data[i + 2] >= 253) blue++;
  return blue / (data.length / 4);
}

/** The viewer is done (nothing working) and shows the composite's frame `frame`. */
async function settled(page: Page, frame: number) {
  await expect(page.getByTestId('frame-number')).toHaveText(new RegExp(`^frame ${frame} `));
  await viewerShows(page, /^composite · 256×144 image$/);
}

const pressD = async (page: Page, times: number, gapMs: number) => {
  for (let i = 0; i < times; i++) {
    await page.keyboard.press('d');
    if (gapMs) await page.waitForTimeout(gapMs);
  }
};

test('D pressed quickly, also while RVM works on a new frame: the viewer ends on the picture of the current state', async ({ page }) => {
  test.setTimeout(300_000);
  await openEditor(page);
  await openGraphWithMedia(page, matteGraph, { 'people.mp4': people });
  await nodeBox(page, 'source').locator('.graph-node-header').click();
  await viewerShows(page, /^source · 256×144 image$/);
  const source = (await viewerPixels(page)).data;
  await nodeBox(page, 'composite').locator('.graph-node-header').click();
  await viewerShows(page, /^composite · 256×144 image$/);
  const composed = (await viewerPixels(page)).data;
  expect(await blueShare(page)).toBeGreaterThan(0.3); // the room is replaced by the plate
  const composite = nodeBox(page, 'composite').locator('.graph-node');

  // At a frame already seen: three presses (off, on, off) then one (on), each burst without waiting.
  await pressD(page, 3, 0);
  await expect(composite).toHaveClass(/disabled/);
  await expect.poll(async () => (await viewerPixels(page)).data, { timeout: 60_000 }).toEqual(source);
  await pressD(page, 1, 0);
  await expect(composite).not.toHaveClass(/disabled/);
  await expect.poll(async () => (await viewerPixels(page)).data, { timeout: 60_000 }).toEqual(composed);

  // At new frames, while RVM works on them: off and on again (and off, on) before any picture came.
  for (const frame of [1, 2]) {
    await page.keyboard.press('ArrowRight');
    await pressD(page, 2, 150);
    await pressD(page, 2, 0);
    await expect(composite).not.toHaveClass(/disabled/);
    await settled(page, frame);
    await expect.poll(() => blueShare(page), { timeout: 60_000 }).toBeGreaterThan(0.3);
    const onAtFrame = (await viewerPixels(page)).data;
    // Off: the source passes through; on again: the same composite as before.
    await pressD(page, 1, 0);
    await expect(composite).toHaveClass(/disabled/);
    await expect.poll(() => blueShare(page), { timeout: 60_000 }).toBeLessThan(0.01);
    await pressD(page, 1, 0);
    await settled(page, frame);
    await expect.poll(async () => (await viewerPixels(page)).data, { timeout: 60_000 }).toEqual(onAtFrame);
  }

  // Back at frame 0, a burst ending on: the first composite again.
  await page.keyboard.press('Home');
  await pressD(page, 5, 30);
  await expect(composite).toHaveClass(/disabled/);
  await pressD(page, 1, 0);
  await settled(page, 0);
  await expect.poll(async () => (await viewerPixels(page)).data, { timeout: 60_000 }).toEqual(composed);
  await page.screenshot({ path: '/tmp/editor-viewer-stale.png' });
});
