// Each node shows its state on the canvas: RVM (seconds per frame here) is "working" on its
// frame (and says when it pre-rolls towards a jumped-to frame), then "ready"; a node without
// its input says which input is missing; a node that failed shows the error on itself.

import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedMedia } from '../support/shared-paths.ts';
import { graphFile, graphNode, nodeBox, openEditor, openGraphWithMedia, viewerShows } from './editor-page.ts';

const work = mkdtempSync(join(tmpdir(), 'mattegraph-states-'));
const clip = join(work, 'person.mp4');
const notVideo = join(work, 'notes.mp4');
const graph = join(work, 'states.mattegraph.json');

const node = graphNode;

test.beforeAll(() => {
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-ss', '15', '-i', sharedMedia('person_video/intel_one-by-one-person-detection.mp4'),
    '-frames:v', '20', '-vf', 'scale=320:180', '-r', '10', '-an', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', clip]);
  writeFileSync(notVideo, 'these are notes, not a video\n');
  writeFileSync(graph, graphFile(
    [
      node('source', 'VideoSource', 0, 0, { file: '__test/person.mp4' }),
      node('matte', 'RvmMatte', 260, 0),
      node('lonely', 'RvmMatte', 260, 360),
      node('broken', 'VideoSource', 0, 360, { file: '__test/notes.mp4' }),
    ],
    [['source', 'image', 'matte', 'source']],
  ));
});

/** Records every state (and working line) the node shows, as the page changes it. */
async function recordStates(page: Page, id: string): Promise<void> {
  await page.evaluate((id) => {
    const el = document.querySelector(`.react-flow__node[data-id="${id}"] .graph-node`)!;
    const seen: string[] = [];
    (window as unknown as { seenStates: string[] }).seenStates = seen;
    const note = () => {
      const now = `${el.getAttribute('data-state')}${el.querySelector('.graph-node-working') ? ` | ${el.querySelector('.graph-node-working')!.textContent}` : ''}`;
      if (seen.at(-1) !== now) seen.push(now);
    };
    note();
    new MutationObserver(note).observe(el, { attributes: true, childList: true, subtree: true, characterData: true });
  }, id);
}

const seenStates = (page: Page) => page.evaluate(() => (window as unknown as { seenStates: string[] }).seenStates);

test('a slow node shows "working" on its frame, then "ready"; missing input and errors show on their nodes', async ({ page }) => {
  test.setTimeout(300_000);
  await openEditor(page);
  await page.route('/examples/__test/notes.mp4', (route) => route.fulfill({ path: notVideo, contentType: 'video/mp4' }));
  await openGraphWithMedia(page, graph, { 'person.mp4': clip });
  const matte = nodeBox(page, 'matte').locator('.graph-node');
  await expect(matte).toHaveAttribute('data-state', 'idle');
  await expect(nodeBox(page, 'lonely').locator('.graph-node')).toHaveAttribute('data-state', 'missing');
  await expect(nodeBox(page, 'lonely')).toContainText('missing input: Source');

  await recordStates(page, 'matte');
  await nodeBox(page, 'matte').locator('.graph-node-header').click();
  await viewerShows(page, /^matte · 320×180 matte$/);
  await expect(matte).toHaveAttribute('data-state', 'ready');
  await expect(matte.getByRole('img', { name: 'status ready' })).toBeVisible();
  await expect(matte.locator('.graph-node-working')).toHaveCount(0);
  await expect(nodeBox(page, 'source').locator('.graph-node')).toHaveAttribute('data-state', 'ready');
  const first = await seenStates(page);
  expect(first[0]).toBe('idle');
  expect(first).toContain('working | working · frame 0');
  expect(first.at(-1)).toBe('ready');
  expect(first.indexOf('ready')).toBeGreaterThan(first.indexOf('working | working · frame 0'));
  await page.screenshot({ path: '/tmp/node-states-ready.png' });

  // A jump: RVM pre-rolls towards frame 12 (frames 0..11 before it), and says so.
  await page.getByRole('slider', { name: 'Frame', exact: true }).fill('12');
  await expect(page.getByTestId('frame-number')).toHaveText(/^frame 12 /);
  await expect(matte.locator('.graph-node-working')).toHaveText(/^working · pre-roll \d+ → 12$/);
  await expect(matte).toHaveAttribute('data-state', 'working');
  await expect(matte.getByRole('img', { name: 'status working' })).toBeVisible();
  await page.screenshot({ path: '/tmp/node-states-pre-roll.png' });
  await expect(matte).toHaveAttribute('data-last-result', '12', { timeout: 120_000 });
  await expect(matte).toHaveAttribute('data-state', 'ready');
  const jump = await seenStates(page);
  expect(jump.some((s) => /^working \| working · pre-roll \d+ → 12$/.test(s))).toBe(true);
  expect(jump.at(-1)).toBe('ready');

  // A source that cannot be read: the error is on the node.
  await nodeBox(page, 'broken').locator('.graph-node-header').click();
  const broken = nodeBox(page, 'broken').locator('.graph-node');
  await expect(broken).toHaveAttribute('data-state', 'error');
  await expect(broken.getByRole('alert')).toContainText(/notes\.mp4/);
  await page.screenshot({ path: '/tmp/node-states-all.png' });
});
