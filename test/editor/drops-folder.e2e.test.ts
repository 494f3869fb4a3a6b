// Folders dragged from the file manager onto the canvas. Playwright has no OS drag, but Chromium's
// own drag-and-drop path can be driven through DevTools (Input.dispatchDragEvent) with a real
// folder on disk: the browser then builds the DataTransfer itself, with a real directory entry
// (webkitGetAsEntry, readEntries) behind it, exactly as for a folder dragged from a desktop.
// Nothing in the page is faked.

import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { centreOf, nodeBox, openEditor, savedDocument } from './editor-page.ts';

const work = mkdtempSync(join(tmpdir(), 'mattegraph-editor-folder-drops-'));
test.afterAll(() => rmSync(work, { recursive: true, force: true }));

const ff = (args: string[]) => execFileSync('ffmpeg', ['-v', 'error', '-y', ...args]);

/** Drags real files or folders (paths on disk) into the page and drops them at `at`. */
async function dropFromFileManager(page: Page, paths: string[], at: { x: number; y: number }) {
  const cdp = await page.context().newCDPSession(page);
  const data = { items: [], files: paths, dragOperationsMask: 1 /* copy */ };
  for (const type of ['dragEnter', 'dragOver', 'drop'] as const) {
    await cdp.send('Input.dispatchDragEvent', { type, x: at.x, y: at.y, data });
  }
  await cdp.detach();
}

async function emptyCanvas(page: Page) {
  await openEditor(page);
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await expect(page.getByText('0 nodes · 0 wires')).toBeVisible();
  for (const name of ['Dismiss the browser check', 'Dismiss the hint']) {
    const button = page.getByRole('button', { name });
    if (await button.isVisible()) await button.click();
  }
  return centreOf(page, '.react-flow__pane');
}

const nodesOf = async (page: Page) =>
  (await savedDocument(page)).nodes.map((n) => [(n as unknown as { type: string }).type, n.params.file]);

test('a real folder of 120 numbered PNGs dragged onto the canvas (Chromium drag via DevTools) makes one Video Source playing the sequence; other files and subfolders are named, not used', async ({ page }) => {
  const shot = join(work, 'shot');
  mkdirSync(join(shot, 'proxies'), { recursive: true });
  // More than 100 entries: Chromium hands a folder's entries out in batches of 100.
  ff(['-f', 'lavfi', '-i', 'testsrc2=size=64x36:rate=25', '-frames:v', '120', '-start_number', '1', join(shot, 'frame_%04d.png')]);
  writeFileSync(join(shot, 'notes.txt'), 'take 3');
  writeFileSync(join(shot, '.DS_Store'), 'finder');
  ff(['-f', 'lavfi', '-i', 'testsrc2=size=32x18:rate=25', '-frames:v', '3', join(shot, 'proxies', 'frame_%04d.png')]);

  const at = await emptyCanvas(page);
  await dropFromFileManager(page, [shot], at);
  await expect(page.getByTestId('notice')).toHaveText(
    'videoSource: using the image sequence shot/frame_%04d.png 1-120 (120 frames) · ' +
      'from shot/: left out .DS_Store, notes.txt; subfolder proxies/ not opened (drop it by itself)',
  );
  await expect(page.getByText('1 nodes · 0 wires')).toBeVisible();
  const source = nodeBox(page, 'videoSource');
  await expect(source).toContainText('frames 120 (1–120)');
  await expect(source).toContainText('format PNG sequence');
  await page.screenshot({ path: '/tmp/drops-folder-sequence.png' });
  expect(await nodesOf(page)).toEqual([['VideoSource', 'shot/frame_%04d.png 1-120']]);
});

test('a real folder with two videos and a picture sequence, dragged onto the canvas, makes what dropping its files together makes', async ({ page }) => {
  test.setTimeout(240_000);
  const mixed = join(work, 'mixed');
  mkdirSync(mixed);
  ff(['-f', 'lavfi', '-i', 'testsrc2=size=160x90:rate=10', '-frames:v', '7', '-c:v', 'libvpx-vp9', '-b:v', '200k', join(mixed, 'take1.webm')]);
  ff(['-f', 'lavfi', '-i', 'testsrc2=size=160x90:rate=10', '-frames:v', '5', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', join(mixed, 'take2.mp4')]);
  ff(['-f', 'lavfi', '-i', 'testsrc2=size=64x36:rate=25', '-frames:v', '4', '-start_number', '10', join(mixed, 'plate.%03d.jpg')]);

  const at = await emptyCanvas(page);
  await dropFromFileManager(page, [mixed], at);
  await expect(page.getByText('3 nodes · 0 wires')).toBeVisible();
  await page.keyboard.press('f');
  expect(await nodesOf(page)).toEqual([
    ['VideoSource', 'mixed/plate.%03d.jpg 10-13'],
    ['VideoSource', 'take1.webm'],
    ['VideoSource', 'take2.mp4'],
  ]);
  for (const [name, frames] of [['take1.webm', 7], ['take2.mp4', 5]] as const) {
    const box = page.locator('.react-flow__node').filter({ hasText: name });
    await box.locator('.graph-node-header').click();
    await expect(box).toContainText(`frames ${frames}`);
  }
});

test('a real folder with nothing usable in it, dragged onto the canvas, says so and adds nothing; a folder dropped on a Video Source fills it', async ({ page }) => {
  const empty = join(work, 'renders');
  mkdirSync(join(empty, 'exr'), { recursive: true });
  writeFileSync(join(empty, 'readme.txt'), 'see exr/');
  writeFileSync(join(empty, 'graph.json'), '{}');
  const at = await emptyCanvas(page);
  await dropFromFileManager(page, [empty], at);
  await expect(page.getByTestId('notice')).toHaveText(
    'The folder renders/ holds no pictures, videos or models to use: left out graph.json, readme.txt; subfolder exr/ not opened (drop it by itself)',
  );
  await expect(page.getByTestId('notice')).toHaveClass(/error/);
  await expect(page.getByText('0 nodes · 0 wires')).toBeVisible();

  const nothing = join(work, 'nothing');
  mkdirSync(nothing);
  await dropFromFileManager(page, [nothing], at);
  await expect(page.getByTestId('notice')).toHaveText('The folder nothing/ holds no pictures, videos or models to use (it is empty)');

  // On the example's Video Source: the folder's sequence goes into that node.
  const plates = join(work, 'plates');
  mkdirSync(plates);
  ff(['-f', 'lavfi', '-i', 'testsrc2=size=64x36:rate=25', '-frames:v', '5', '-c:v', 'libwebp', '-f', 'image2', '-start_number', '1', join(plates, 'p_%02d.webp')]);
  await openEditor(page);
  await dropFromFileManager(page, [plates], await centreOf(page, '.react-flow__node[data-id="source"] .graph-node-header'));
  await expect(page.getByTestId('notice')).toHaveText('source: using the image sequence plates/p_%02d.webp 1-5 (5 frames)');
  const doc = await savedDocument(page);
  expect(doc.nodes.find((n) => n.id === 'source')?.params.file).toBe('plates/p_%02d.webp 1-5');
});

test('two real folders whose frames have the same names, dragged with a loose video, make two sequences kept apart and the video its own source', async ({ page }) => {
  for (const cam of ['camA', 'camB']) {
    mkdirSync(join(work, cam));
    ff(['-f', 'lavfi', '-i', `testsrc2=size=${cam === 'camA' ? '64x36' : '48x32'}:rate=25`, '-frames:v', '3', '-start_number', '1', join(work, cam, 'frame_%04d.png')]);
  }
  ff(['-f', 'lavfi', '-i', 'testsrc2=size=160x90:rate=10', '-frames:v', '4', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', join(work, 'loose.mp4')]);
  const at = await emptyCanvas(page);
  await dropFromFileManager(page, [join(work, 'camA'), join(work, 'loose.mp4'), join(work, 'camB')], at);
  await expect(page.getByText('3 nodes · 0 wires')).toBeVisible();
  expect(await nodesOf(page)).toEqual([
    ['VideoSource', 'camA/frame_%04d.png 1-3'],
    ['VideoSource', 'camB/frame_%04d.png 1-3'],
    ['VideoSource', 'loose.mp4'],
  ]);
  await page.keyboard.press('f');
  // Each sequence reads its own folder's pictures (their sizes differ).
  for (const [name, size] of [['camA', '64×36'], ['camB', '48×32']] as const) {
    const box = page.locator('.react-flow__node').filter({ hasText: 'frame_%04d.png' }).nth(name === 'camA' ? 0 : 1);
    await box.locator('.graph-node-header').click();
    await expect(box).toContainText(`size ${size}`);
  }
});
