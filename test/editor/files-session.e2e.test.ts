// Graph files and sessions: Save → reload → Open gives the identical document; Save As asks
// for a name; the Examples menu lists titles and descriptions; after a reload the autosaved
// session (nodes, wires, params, in/out and the dropped video itself) is offered and
// restored; a graph whose media is missing names the file and relinks it.

import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedMedia } from '../support/shared-paths.ts';
import { centreOf, dropFile, dragNode, nodeBox, openEditorWithoutModels, pickFile, savedDocument, viewerShows } from './editor-page.ts';

const work = mkdtempSync(join(tmpdir(), 'mattegraph-session-'));
const clip = join(work, 'clip-6.mp4');

test.beforeAll(() => {
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-ss', '15', '-i', sharedMedia('person_video/intel_one-by-one-person-detection.mp4'),
    '-frames:v', '6', '-vf', 'scale=192:108', '-an', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', clip]);
});

test('Save → reload → Open gives the identical document; Save As asks for a name; Examples menu', async ({ page }) => {
  await openEditorWithoutModels(page);
  await dragNode(page, 'plate', 40, 40);
  await nodeBox(page, 'plate').locator('.graph-node-header').click();
  await page.getByLabel('Colour').fill('#123456');
  await page.keyboard.press('d');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('rvm-green.mattegraph.json');
  const saved = join(work, 'saved.mattegraph.json');
  await file.saveAs(saved);
  const before = JSON.parse(readFileSync(saved, 'utf8'));
  expect(before.nodes.find((n: { id: string }) => n.id === 'plate')).toMatchObject({ disabled: true, params: { color: '#123456' } });

  await page.reload();
  await expect(page.getByTestId('notice')).toHaveText(/Opened rvm-green\.json/);
  await pickFile(page, () => page.getByRole('button', { name: 'Open…' }).click(), saved);
  await expect(page.getByTestId('notice')).toHaveText('Opened saved.mattegraph.json: 5 nodes, 5 wires');
  expect(await savedDocument(page)).toEqual(before);

  // Save As: a name, then the file is "<name>.mattegraph.json" and the graph is called that.
  await page.keyboard.press('Control+Shift+s');
  const dialog = page.getByRole('dialog', { name: 'Save graph as' });
  await expect(dialog.getByLabel('Name')).toHaveValue('saved');
  await dialog.getByLabel('Name').fill('my comp');
  await expect(dialog).toContainText('my comp.mattegraph.json');
  await page.screenshot({ path: '/tmp/editor-save-as.png' });
  const asDownload = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  expect((await asDownload).suggestedFilename()).toBe('my comp.mattegraph.json');
  await expect(page.locator('.doc-name')).toHaveText('my comp.mattegraph.json');

  // Examples: title and description for each; choosing one opens it.
  await page.getByRole('button', { name: 'Examples' }).click();
  const item = page.getByRole('menuitem', { name: /RVM alpha matte/ });
  await expect(item).toContainText("Exports Robust Video Matting's alpha (pha) as a grey video.");
  await expect(page.getByRole('menuitem', { name: /RVM over green/ })).toBeVisible();
  await page.screenshot({ path: '/tmp/editor-examples.png' });
  await item.click();
  await expect(page.getByTestId('notice')).toHaveText('Opened rvm-alpha.json: 3 nodes, 2 wires');
});

test('autosave: after a reload the last session is offered and restored, with its dropped video and in/out', async ({ page }) => {
  await openEditorWithoutModels(page);
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await dropFile(page, clip, 'dropped.mp4', 'video/mp4', await centreOf(page, '.react-flow__pane'));
  await viewerShows(page, /^videoSource · 192×108 image$/);
  await page.keyboard.press('Tab');
  await page.getByRole('combobox', { name: 'Search node types' }).fill('export');
  await page.keyboard.press('Enter');
  await page.getByLabel('File name').fill('restored.mp4');
  await nodeBox(page, 'videoSource').locator('.graph-node-header').click();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('i');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('o');
  const before = await savedDocument(page);
  await page.waitForTimeout(600); // the autosave runs shortly after the last change

  await page.reload();
  const offer = page.getByRole('alertdialog', { name: 'Restore last session' });
  await expect(offer).toContainText('untitled.mattegraph.json');
  await expect(offer).toContainText('2 nodes');
  await page.screenshot({ path: '/tmp/editor-restore-offer.png' });
  await offer.getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByTestId('notice')).toHaveText(/Restored the last session: untitled\.mattegraph\.json, 2 nodes, 1 wires, 1 media file/);
  expect(await savedDocument(page)).toEqual(before);
  await nodeBox(page, 'videoSource').locator('.graph-node-header').click();
  await viewerShows(page, /^videoSource · 192×108 image$/); // the video came back from browser storage
  await expect(page.getByTestId('in-out')).toContainText('in 1 · out 3 (3 frames)');
  await expect(nodeBox(page, 'videoSource')).not.toContainText('Missing file');
  await page.screenshot({ path: '/tmp/editor-restored.png' });

  // Dismissing keeps the example; an untouched session is not offered again.
  await page.reload();
  await expect(offer).toBeVisible();
  await offer.getByRole('button', { name: 'Dismiss' }).click();
  await expect(offer).toHaveCount(0);
});

test('a graph whose video is missing names the file on the node and relinks it', async ({ page }) => {
  await openEditorWithoutModels(page);
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await dropFile(page, clip, 'clip-6.mp4', 'video/mp4', await centreOf(page, '.react-flow__pane'));
  await viewerShows(page, /^videoSource · 192×108 image$/);
  const download = page.waitForEvent('download');
  await page.keyboard.press('Control+s');
  const saved = join(work, 'with-video.mattegraph.json');
  await (await download).saveAs(saved);

  // Another tab without that file in memory (and no restore): the node asks for it by name.
  const other = await page.context().newPage();
  await openEditorWithoutModels(other);
  await other.evaluate(() => localStorage.clear());
  await pickFile(other, () => other.getByRole('button', { name: 'Open…' }).click(), saved);
  const relink = nodeBox(other, 'videoSource').getByRole('button', { name: 'Relink clip-6.mp4: choose the file' });
  await expect(nodeBox(other, 'videoSource')).toContainText('Missing file “clip-6.mp4”');
  await expect(other.locator('.status-line .problems')).toContainText('videoSource');
  await other.screenshot({ path: '/tmp/editor-missing-media.png' });
  await pickFile(other, () => relink.click(), clip);
  await expect(nodeBox(other, 'videoSource')).not.toContainText('Missing file');
  await nodeBox(other, 'videoSource').locator('.graph-node-header').click();
  await viewerShows(other, /^videoSource · 192×108 image$/);
  await expect(other.locator('.status-line .problems')).toHaveCount(0);
});

test('a picture dropped on a plate fills it in picture mode; on empty canvas it makes a node that shows it', async ({ page }) => {
  await openEditorWithoutModels(page);
  const png = sharedMedia('target_backgrounds/background_matting_v1_0001.png');
  await dropFile(page, png, 'backdrop.png', 'image/png', await centreOf(page, '.react-flow__node[data-id="plate"] .graph-node-header'));
  await expect(nodeBox(page, 'plate')).toContainText('backdrop.png');
  await nodeBox(page, 'plate').locator('.graph-node-header').click();
  await expect(page.getByLabel('Mode')).toHaveValue('image');
  await viewerShows(page, /^plate · \d+×\d+ image$/);

  await page.getByRole('button', { name: 'New', exact: true }).click();
  await dropFile(page, png, 'backdrop.png', 'image/png', await centreOf(page, '.react-flow__pane'));
  const made = page.locator('.react-flow__node', { hasText: /backdrop( \(2\))?\.png/ });
  await expect(made).toHaveCount(1);
  await made.locator('.graph-node-header').click();
  await viewerShows(page, /· \d+×\d+ image$/);
});
