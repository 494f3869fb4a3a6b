// A Webcam Source keeps the viewer live: while it feeds what is viewed, the editor asks for the
// next frame by itself (play never pressed) and shows the camera's new pictures through the
// graph; removing the node stops that and releases the camera. Chromium's fake camera (a
// moving test pattern) stands in for a real one.

import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs } from '../support/chromium.ts';
import { graphFile, nodeBox, openEditorWithoutModels, openGraphWithMedia, viewerPixels, viewerShows } from './editor-page.ts';

test.use({
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: [...chromiumArgs, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
  },
});

const work = mkdtempSync(join(tmpdir(), 'mattegraph-webcam-'));
const graph = join(work, 'webcam.mattegraph.json');

test.beforeAll(() => {
  writeFileSync(graph, graphFile(
    [
      { id: 'cam', type: 'WebcamSource', version: 1, position: { x: 0, y: 0 }, params: { width: 160, height: 120, fps: 15 } },
      { id: 'key', type: 'ColorKey', version: 1, position: { x: 260, y: 0 }, params: {} },
    ],
    [['cam', 'image', 'key', 'source']],
  ));
});

const frameNow = async (page: Page) => Number((await page.getByTestId('frame-number').textContent())!.match(/frame (\d+)/)![1]);

test('a webcam in the viewed graph keeps the viewer showing new frames without play; removing it stops that and the camera', async ({ page }) => {
  // Every camera track the page opens, to see that it is stopped at the end.
  await page.addInitScript(() => {
    const tracks: MediaStreamTrack[] = [];
    (window as unknown as { cameraTracks: MediaStreamTrack[] }).cameraTracks = tracks;
    const devices = navigator.mediaDevices;
    const open = devices.getUserMedia.bind(devices);
    devices.getUserMedia = async (constraints) => {
      const stream = await open(constraints);
      tracks.push(...stream.getTracks());
      return stream;
    };
  });
  const tracks = () => page.evaluate(() => (window as unknown as { cameraTracks: MediaStreamTrack[] }).cameraTracks.map((t) => t.readyState));

  await openEditorWithoutModels(page);
  await openGraphWithMedia(page, graph, {});
  await nodeBox(page, 'key').locator('.graph-node-header').click();
  await viewerShows(page, /^key · \d+×\d+ image$/);

  // Live: frames come one after another while the play button was never pressed.
  await expect(page.getByTestId('playback-rate')).toContainText('● live');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  const start = await frameNow(page);
  await expect.poll(() => frameNow(page)).toBeGreaterThanOrEqual(start + 5);
  // The pictures change with the camera's moving pattern: several distinct ones in a row.
  const seen = new Set<string>();
  await expect.poll(async () => {
    const p = await viewerPixels(page);
    seen.add(p.data.join(','));
    return seen.size;
  }, { intervals: [150] }).toBeGreaterThanOrEqual(4);
  await expect(page.getByTestId('playback-rate')).toContainText(/● live \d+\.\d fps/);
  await expect(page.getByTestId('thumb-cam')).toBeVisible();
  expect((await tracks()).filter((s) => s === 'live').length).toBe(1);
  await page.screenshot({ path: '/tmp/webcam-live.png' });

  // Remove the camera: the viewer stops asking for frames, and the camera is released.
  await nodeBox(page, 'cam').locator('.graph-node-header').click();
  await page.keyboard.press('Delete');
  await expect(nodeBox(page, 'cam')).toHaveCount(0);
  await nodeBox(page, 'key').locator('.graph-node-header').click();
  await expect(nodeBox(page, 'key').locator('.graph-node')).toHaveAttribute('data-state', 'missing');
  await expect(page.getByTestId('playback-rate')).toHaveCount(0);
  await expect.poll(tracks).toEqual(['ended']);
  await expect(page.getByTestId('frame-number')).toHaveText('no clip');
  await expect(page.getByTestId('viewer-message')).toContainText('not connected');
  await page.screenshot({ path: '/tmp/webcam-removed.png' });

  // Undo brings the camera back, live again (a new camera track).
  await page.keyboard.press('Control+z');
  await expect(nodeBox(page, 'cam')).toHaveCount(1);
  await expect(page.getByTestId('playback-rate')).toContainText('● live');
  const again = await frameNow(page);
  await expect.poll(() => frameNow(page)).toBeGreaterThanOrEqual(again + 5);
  expect(await tracks()).toEqual(['ended', 'live']);
});
