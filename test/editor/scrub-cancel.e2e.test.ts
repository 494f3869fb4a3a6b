// Scrubbing a slow graph stays responsive: a newer frame request cancels an older one that has
// not finished. RVM (with its pre-roll before a jumped-to frame) takes seconds per jump here.
// Counted, not timed: each node says how many frames it finished as asked (data-results) and
// which was last (data-last-result).

import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedMedia } from '../support/shared-paths.ts';
import { graphFile, nodeBox, openEditor, openGraphWithMedia, viewerShows } from './editor-page.ts';

const work = mkdtempSync(join(tmpdir(), 'mattegraph-scrub-'));
const clip = join(work, 'person.mp4');
const graph = join(work, 'scrub.mattegraph.json');
const FRAMES = 60;

test.beforeAll(() => {
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-ss', '15', '-i', sharedMedia('person_video/intel_one-by-one-person-detection.mp4'),
    '-frames:v', String(FRAMES), '-vf', 'scale=160:90', '-r', '10', '-an', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', clip]);
  writeFileSync(graph, graphFile(
    [
      { id: 'source', type: 'VideoSource', version: 1, position: { x: 0, y: 0 }, params: { file: '__test/person.mp4' } },
      // A long pre-roll: a jump is many runs, so the jump to cancel is still running when the next comes.
      { id: 'matte', type: 'RvmMatte', version: 1, position: { x: 260, y: 0 }, params: { preRoll: 30 } },
    ],
    [['source', 'image', 'matte', 'source']],
  ));
});

const matte = (page: Page) => nodeBox(page, 'matte').locator('.graph-node');
const count = async (page: Page, attr: 'data-results' | 'data-runs') => Number(await matte(page).getAttribute(attr));
const slider = (page: Page) => page.getByRole('slider', { name: 'Frame', exact: true });

test('a newer frame request cancels an older unfinished one; a fast drag evaluates only a few frames and ends on the last', async ({ page }) => {
  test.setTimeout(420_000);
  await openEditor(page);
  await openGraphWithMedia(page, graph, { 'person.mp4': clip });
  await nodeBox(page, 'matte').locator('.graph-node-header').click();
  await viewerShows(page, /^matte · 160×90 matte$/);
  await expect(matte(page)).toHaveAttribute('data-last-result', '0');
  const before = await count(page, 'data-results');

  // Jump to 40: RVM pre-rolls 10..39 first. Once it is a few frames into that, ask for 35.
  const runs = await count(page, 'data-runs');
  await slider(page).fill('40');
  await expect(matte(page)).toHaveAttribute('data-working-for', '40');
  await expect.poll(() => count(page, 'data-runs'), { timeout: 120_000 }).toBeGreaterThanOrEqual(runs + 3);
  await page.screenshot({ path: '/tmp/scrub-cancel-pre-roll.png' });
  await slider(page).fill('35');
  await expect(matte(page)).toHaveAttribute('data-last-result', '35', { timeout: 180_000 });
  await expect(matte(page)).toHaveAttribute('data-state', 'ready');
  // Frame 40 was never finished: the only new result is frame 35.
  expect(await count(page, 'data-results')).toBe(before + 1);

  // A fast drag of the slider down across many frames: only a few of them are evaluated, and
  // the viewer ends on the frame the drag stopped at.
  const mid = await count(page, 'data-results');
  const box = (await slider(page).boundingBox())!;
  const y = box.y + box.height / 2;
  const xAt = (f: number) => box.x + 8 + ((box.width - 16) * f) / (FRAMES - 1);
  await page.mouse.move(xAt(35), y);
  await page.mouse.down();
  const seen = new Set<number>();
  for (let i = 1; i <= 30; i++) {
    await page.mouse.move(xAt(35) + (xAt(5) - xAt(35)) * (i / 30), y);
    seen.add(Number(await slider(page).inputValue()));
  }
  await page.mouse.up();
  const last = Number(await slider(page).inputValue());
  expect(seen.size).toBeGreaterThanOrEqual(20);
  expect(last).toBeLessThanOrEqual(7);
  await expect(page.getByTestId('frame-number')).toHaveText(new RegExp(`^frame ${last} `));
  await expect(matte(page)).toHaveAttribute('data-last-result', String(last), { timeout: 180_000 });
  await expect(matte(page)).toHaveAttribute('data-state', 'ready');
  await viewerShows(page, /^matte · 160×90 matte$/);
  const evaluated = (await count(page, 'data-results')) - mid;
  expect(evaluated).toBeGreaterThanOrEqual(1);
  expect(evaluated).toBeLessThan(seen.size / 4);
  // The thumbnails on the nodes are of that frame too.
  await expect(page.getByTestId('thumb-matte')).toHaveAttribute('data-frame', String(last));
  await page.screenshot({ path: '/tmp/scrub-cancel-end.png' });
});
