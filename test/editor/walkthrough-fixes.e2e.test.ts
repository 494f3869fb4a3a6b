// Problems a new user's session ran into, each pinned by what that user would see: nodes added
// with Tab landing on top of others, Tab wiring a BGMv2 matte's alpha into the refine viewer's
// error map, a Background Plate listing a picture it does not use, pictures left on failed
// nodes and after their model was removed, the viewer naming a deleted node, a clipped B
// chooser, a toolbar wrapping during an export, a pick outside the picture doing nothing, and
// Tab from a canvas control opening the search instead of moving focus on.

import { expect, test, type Locator, type Page } from '@playwright/test';
import { resolve } from 'node:path';
import { buildBgmv2TestModel } from '../bgmv2/support/test-model.ts';
import { repoRoot } from '../support/shared-paths.ts';
import { addNodeFromMenu, dragWire, dropFile, nodeBox, openEditor, pickFile } from './editor-page.ts';

const still = resolve(repoRoot, 'examples/media/green-screen-still.png');
const inspector = (page: Page) => page.getByRole('region', { name: 'Inspector' });
const notice = (page: Page) => page.getByTestId('notice');

async function newGraph(page: Page) {
  await openEditor(page);
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
}

async function box(l: Locator) {
  const b = await l.boundingBox();
  expect(b).not.toBeNull();
  return b!;
}

test('a node added with Tab over another node goes below it, not on top', async ({ page }) => {
  await newGraph(page);
  await addNodeFromMenu(page, 'Video');
  await pickFile(page, () => page.getByRole('button', { name: /^File: no file chosen/ }).click(), still);
  // With its thumbnail and facts the Video node is taller than the 110 px the placement assumed.
  await expect(nodeBox(page, 'videoSource').locator('canvas')).toBeVisible({ timeout: 60_000 });
  const video = await box(nodeBox(page, 'videoSource'));
  await page.mouse.click(60, 640); // the empty canvas: nothing selected, so Tab only adds
  // Tab with the mouse over the lower part of the Video node.
  await page.mouse.move(video.x + 20, video.y + video.height - 30);
  await page.keyboard.press('Tab');
  await page.getByRole('combobox', { name: 'Search node types' }).fill('Background plate');
  await page.keyboard.press('Enter');
  await expect(nodeBox(page, 'backgroundPlate')).toBeVisible();
  const plate = await box(nodeBox(page, 'backgroundPlate'));
  const videoNow = await box(nodeBox(page, 'videoSource'));
  const overlap = plate.x < videoNow.x + videoNow.width && videoNow.x < plate.x + plate.width && plate.y < videoNow.y + videoNow.height && videoNow.y < plate.y + plate.height;
  expect(overlap).toBe(false);
});

test('Tab from a BGMv2 matte wires its error map into the refine viewer, not its alpha', async ({ page }) => {
  await newGraph(page);
  await addNodeFromMenu(page, 'BGMv2 matte');
  await nodeBox(page, 'bgmv2Matte').locator('.graph-node-label').click();
  await page.keyboard.press('Tab');
  await page.getByRole('combobox', { name: 'Search node types' }).fill('Refine');
  await page.keyboard.press('Enter');
  await expect(notice(page)).toHaveText(/wired bgmv2Matte\.err → refineViewer\.err/);
  await expect(page.locator('.react-flow__edge[aria-label*="bgmv2Matte.pha"]')).toHaveCount(0);
});

test('a Background Plate shows only what its mode uses, and no old picture once it fails', async ({ page }) => {
  await newGraph(page);
  await addNodeFromMenu(page, 'Background plate');
  const plate = nodeBox(page, 'backgroundPlate');
  await inspector(page).getByLabel('Mode').selectOption('image');
  await expect(inspector(page).getByLabel('Colour', { exact: true })).toHaveCount(0);
  await pickFile(page, () => inspector(page).getByRole('button', { name: /^Picture/ }).click(), still);
  await expect(plate).toContainText('green-screen-still.png');
  await expect(plate.locator('canvas')).toBeVisible({ timeout: 60_000 });

  // Video mode: the picture is neither listed on the node nor offered in the inspector.
  await inspector(page).getByLabel('Mode').selectOption('video');
  await expect(inspector(page).getByRole('button', { name: /^Video/ })).toBeVisible();
  await expect(inspector(page).getByRole('button', { name: /^Picture/ })).toHaveCount(0);
  await expect(plate).not.toContainText('green-screen-still.png');
  // No video chosen: the node fails and says so, without the picture of Picture mode.
  await expect(plate).toContainText(/choose a video file/);
  await expect(plate.locator('canvas')).toHaveCount(0);
  await page.screenshot({ path: '/tmp/walkthrough-plate-video-mode.png' });

  // Back in Picture mode, the file is still there.
  await inspector(page).getByLabel('Mode').selectOption('image');
  await expect(plate).toContainText('green-screen-still.png');
});

test('the viewer does not name a node that undo removed', async ({ page }) => {
  await newGraph(page);
  await addNodeFromMenu(page, 'Background plate');
  await expect(page.getByTestId('viewer-info')).toHaveText(/^backgroundPlate/);
  await page.getByTestId('viewer-info').click();
  await page.keyboard.press('Control+z');
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  await expect(page.getByTestId('viewer-info')).toHaveText('nothing selected');
});

test('the B chooser of the wipe shows its whole choice', async ({ page }) => {
  await openEditor(page);
  await nodeBox(page, 'composite').locator('.graph-node-label').click();
  await page.getByRole('button', { name: 'A/B' }).click();
  const chooser = page.getByLabel('Compare with (B)');
  await chooser.selectOption('plate'); // "B: plate (Background plate)", the longest choice
  const fits = await chooser.evaluate((el: HTMLSelectElement) => {
    const ctx = document.createElement('canvas').getContext('2d')!;
    ctx.font = getComputedStyle(el).font;
    const text = ctx.measureText(el.selectedOptions[0]!.text).width;
    return text + 20 <= el.clientWidth; // room for the arrow
  });
  expect(fits).toBe(true);
});

test('the toolbar stays on one line while an export runs', async ({ page }) => {
  await openEditor(page);
  const toolbar = page.locator('.toolbar');
  const before = (await box(toolbar)).height;
  await page.getByRole('button', { name: 'Export MP4' }).click();
  await expect(page.getByTestId('export-progress')).toBeVisible();
  for (const b of await toolbar.getByRole('button').all()) {
    const h = (await box(b)).height;
    expect(h, `${await b.textContent()} wraps`).toBeLessThan(34);
  }
  const cancel = await box(page.getByRole('button', { name: 'Cancel' }));
  expect(cancel.x + cancel.width).toBeLessThanOrEqual(1280);
  expect((await box(toolbar)).height).toBe(before);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(notice(page)).toHaveText('Export cancelled.');
});

test('a pick armed in the inspector says so when the click misses the picture', async ({ page }) => {
  await openEditor(page);
  await page.getByRole('button', { name: /Examples/ }).click();
  await page.getByRole('menuitem', { name: /Color Key/ }).click();
  await expect(notice(page)).toHaveText(/Opened color-key-alpha\.json/);
  await nodeBox(page, 'key').locator('.graph-node-label').click();
  await inspector(page).getByRole('button', { name: /Eyedropper/ }).click();
  await expect(page.getByTestId('viewer-info')).toHaveText(/source \(input of key\) · 320×240/, { timeout: 60_000 });
  // The 320×240 picture is letterboxed in the wider viewer: its left edge is empty.
  const stage = await box(page.locator('.viewer-stage'));
  await page.mouse.click(stage.x + 4, stage.y + stage.height / 2);
  await expect(notice(page)).toHaveText(/Outside the picture/);
});

test('removing a model on the Models page takes the pictures made with it off the nodes', async ({ page }) => {
  test.setTimeout(240_000);
  await newGraph(page);
  await addNodeFromMenu(page, 'Video');
  await pickFile(page, () => page.getByRole('button', { name: /^File: no file chosen/ }).click(), still);
  await addNodeFromMenu(page, 'BGMv2 matte');
  await addNodeFromMenu(page, 'Matte Ops');
  await dragWire(page, ['videoSource', 'image'], ['bgmv2Matte', 'source']);
  await dragWire(page, ['videoSource', 'image'], ['bgmv2Matte', 'plate']);
  await dragWire(page, ['bgmv2Matte', 'err'], ['matteOps', 'a']);
  const bgm = await box(nodeBox(page, 'bgmv2Matte'));
  await dropFile(page, buildBgmv2TestModel(), 'bgmv2_test.onnx', 'application/octet-stream', { x: bgm.x + bgm.width / 2, y: bgm.y + 12 });
  await expect(notice(page)).toHaveText(/bgmv2Matte: using model/, { timeout: 60_000 });

  // View the Matte Ops after it: both nodes get their pictures.
  await nodeBox(page, 'matteOps').locator('.graph-node-label').click();
  await expect(nodeBox(page, 'matteOps').locator('canvas')).toBeVisible({ timeout: 120_000 });
  await expect(nodeBox(page, 'bgmv2Matte').locator('canvas')).toBeVisible();

  await page.getByRole('button', { name: 'Models', exact: true }).click();
  const panel = page.getByRole('dialog', { name: 'Models' });
  await panel.getByRole('button', { name: /^Remove BGMv2 .*bgmv2_test\.onnx/ }).click();
  await expect(notice(page)).toHaveText(/Removed BGMv2/);
  await panel.getByRole('button', { name: 'Close models' }).click();
  // Neither the model node nor the node fed by it keeps a picture of the removed model.
  await expect(nodeBox(page, 'matteOps').locator('canvas')).toHaveCount(0);
  await expect(nodeBox(page, 'bgmv2Matte').locator('canvas')).toHaveCount(0);
  await page.screenshot({ path: '/tmp/walkthrough-model-removed.png' });
});

test('Tab moves on from a canvas control reached by keyboard instead of opening the search', async ({ page }) => {
  await openEditor(page);
  const zoomIn = page.locator('.react-flow__controls button').first();
  await page.keyboard.press('Shift'); // the keyboard is in use: focus shows as it would after Tab
  await zoomIn.focus();
  expect(await zoomIn.evaluate((el) => el.matches(':focus-visible'))).toBe(true);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('combobox', { name: 'Search node types' })).toHaveCount(0);
  await expect(zoomIn).not.toBeFocused();
  // Over the canvas itself, Tab still searches, as in Nuke.
  await page.mouse.click(60, 600);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('combobox', { name: 'Search node types' })).toBeFocused();
});
