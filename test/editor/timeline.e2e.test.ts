// The timeline by keyboard: step with arrows, jump with Home/End, in/out points with I/O,
// play/pause with Space and J/K/L, looping inside in/out, frame number and timecode, and the
// export taking exactly the in/out range (checked with ffprobe).

import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { graphFile, nodeBox, openEditorWithoutModels, openGraphWithMedia, viewerShows } from './editor-page.ts';

const work = mkdtempSync(join(tmpdir(), 'mattegraph-timeline-'));
const clip = join(work, 'count.mp4');
const graph = join(work, 'timeline.mattegraph.json');

test.beforeAll(() => {
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=s=96x54:r=10:d=1.2',
    '-c:v', 'libx264', '-pix_fmt', 'yuv420p', clip]);
  writeFileSync(graph, graphFile(
    [
      { id: 'source', type: 'VideoSource', version: 1, position: { x: 0, y: 0 }, params: { file: '__test/count.mp4' } },
      { id: 'export', type: 'Export', version: 1, position: { x: 300, y: 0 }, params: { filename: 'inout.mp4' } },
    ],
    [['source', 'image', 'export', 'image']],
  ));
});

const frameText = (page: Page) => page.getByTestId('frame-number');
const frameNow = async (page: Page) => Number((await frameText(page).textContent())!.match(/frame (\d+)/)![1]);

test('step, jump, in/out, play/pause and shuttle by keyboard; the export takes the in/out range', async ({ page }) => {
  await openEditorWithoutModels(page);
  await openGraphWithMedia(page, graph, { 'count.mp4': clip });
  await nodeBox(page, 'source').locator('.graph-node-header').click();
  await viewerShows(page, /^source · 96×54 image$/);
  await expect(frameText(page)).toHaveText('frame 0 / 11 · 00:00:00:00');

  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect(frameText(page)).toHaveText('frame 3 / 11 · 00:00:00:03');
  await page.keyboard.press('Shift+ArrowRight');
  await expect(frameText(page)).toHaveText('frame 11 / 11 · 00:00:01:01');
  await page.keyboard.press('ArrowLeft');
  await expect(frameText(page)).toHaveText(/^frame 10 /);
  await page.keyboard.press('Home');
  await expect(frameText(page)).toHaveText(/^frame 0 /);

  // In at 2, out at 7.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('i');
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('o');
  await expect(page.getByTestId('in-out')).toContainText('in 2 · out 7 (6 frames)');
  await page.keyboard.press('Home');
  await expect(frameText(page)).toHaveText(/^frame 2 /);
  await page.keyboard.press('End');
  await expect(frameText(page)).toHaveText(/^frame 7 /);

  // L plays forward and loops inside in/out; the reached rate is shown; K stops.
  await page.keyboard.press('l');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  const seen = new Set<number>();
  for (let i = 0; i < 25; i++) {
    seen.add(await frameNow(page));
    await page.waitForTimeout(80);
  }
  expect([...seen].every((f) => f >= 2 && f <= 7)).toBe(true);
  expect(seen.size).toBeGreaterThanOrEqual(4);
  await expect(page.getByTestId('playback-rate')).toContainText(/\d+\.\d fps/);
  await page.screenshot({ path: '/tmp/editor-playing.png' });
  await page.keyboard.press('k');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  const stopped = await frameNow(page);
  await page.waitForTimeout(400);
  expect(await frameNow(page)).toBe(stopped);

  // Space toggles; J plays backwards.
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  await page.keyboard.press('End');
  await page.keyboard.press('j');
  await expect.poll(() => frameNow(page)).toBeLessThan(7);
  await page.keyboard.press('k');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export MP4' }).click();
  await expect(page.getByTestId('notice')).toHaveText(/Exporting inout\.mp4 \(frames 2–7, from in\/out\)/);
  const file = await download;
  const saved = join(work, 'inout.mp4');
  await file.saveAs(saved);
  await expect(page.getByTestId('notice')).toHaveText(/Exported inout\.mp4: 6 frames, 96×54/);
  const probe = execFileSync('ffprobe', ['-v', 'error', '-count_frames', '-select_streams', 'v:0',
    '-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', saved]).toString().trim();
  expect(Number(probe)).toBe(6);

  await page.getByRole('button', { name: 'Clear in and out points' }).click();
  await expect(page.getByTestId('in-out')).toContainText('whole clip');
});
