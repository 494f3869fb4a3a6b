// The editor's file handling and the messages a user gets when something is wrong: opening a
// bad graph file, saving and reopening, dropping videos and models on the canvas, a missing
// model, deleting with the keyboard, and scrubbing frames.

import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedMedia, sharedModels } from '../support/shared-paths.ts';
import { addNodeFromMenu, centreOf, dropFile, nodeBox, openEditor, pickFile, wireCount } from './editor-page.ts';

const work = mkdtempSync(join(tmpdir(), 'mattegraph-editor-files-'));
const clipPath = join(work, 'clip-6.mp4');

test.beforeAll(() => {
  execFileSync('ffmpeg', [
    '-v', 'error', '-y', '-ss', '15', '-i', sharedMedia('person_video/intel_one-by-one-person-detection.mp4'),
    '-frames:v', '6', '-vf', 'scale=192:108', '-an', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', clipPath,
  ]);
});

test('a bad graph file is refused with a reason; Save then Open gives the same graph', async ({ page }) => {
  await openEditor(page);
  const notice = page.getByTestId('notice');
  const open = () => page.getByRole('button', { name: 'Open…' }).click();

  const notJson = join(work, 'notes.json');
  writeFileSync(notJson, '{ this is not json');
  await pickFile(page, open, notJson);
  await expect(notice).toHaveText(/^Cannot open notes\.json: not a graph file: invalid JSON/);
  await expect(notice).toHaveAttribute('role', 'alert');
  await expect(page.getByText('5 nodes · 5 wires')).toBeVisible(); // the example is still there

  // A selected wire goes with Delete.
  const a = await centreOf(page, '.react-flow__node[data-id="source"] .react-flow__handle.source');
  const b = await centreOf(page, '.react-flow__node[data-id="matte"] .react-flow__handle.target');
  await page.mouse.click((a.x + b.x) / 2, (a.y + b.y) / 2);
  await expect(page.locator('.react-flow__edge.selected')).toHaveCount(1);
  await page.keyboard.press('Delete');
  await expect(page.getByText('5 nodes · 4 wires')).toBeVisible();

  const unknownType = join(work, 'unknown.json');
  writeFileSync(unknownType, JSON.stringify({ format: 'mattegraph', version: 1, nodes: [{ id: 'a', type: 'Blur' }], edges: [] }));
  await pickFile(page, open, unknownType);
  await expect(notice).toHaveText('Cannot open unknown.json: node "a" has unknown type "Blur"');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const saved = join(work, 'saved.json');
  await (await download).saveAs(saved);
  const file = JSON.parse(readFileSync(saved, 'utf8'));
  expect(file.nodes.map((n: { id: string }) => n.id)).toEqual(['source', 'matte', 'plate', 'composite', 'export']);
  expect(file.edges).toHaveLength(4);

  await page.getByRole('button', { name: 'New', exact: true }).click();
  await expect(page.getByText('0 nodes · 0 wires')).toBeVisible();
  await pickFile(page, open, saved);
  await expect(notice).toHaveText('Opened saved.json: 5 nodes, 4 wires');
  await expect(page.locator('.react-flow__node')).toHaveCount(5);
});

test('Open video fills the only video source; dropped videos make or fill sources; frames scrub; Delete removes', async ({ page }) => {
  await openEditor(page);
  await pickFile(page, () => page.getByRole('button', { name: 'Open video…' }).click(), clipPath);
  await expect(nodeBox(page, 'source')).toContainText('clip-6.mp4');
  await expect(page.locator('.react-flow__node')).toHaveCount(5);

  await page.getByRole('button', { name: 'New', exact: true }).click();
  await dropFile(page, clipPath, 'dropped-clip.mp4', 'video/mp4', await centreOf(page, '.react-flow__pane'));
  await expect(nodeBox(page, 'videoSource')).toContainText('dropped-clip.mp4');
  await expect(page.getByTestId('viewer-info')).toHaveText(/videoSource · 192×108 image/);
  await expect(page.getByTestId('frame-number')).toHaveText(/^frame 0 \/ 5/);

  // Scrub with the keyboard: the viewer follows.
  await page.getByRole('slider', { name: 'Frame' }).focus();
  await page.keyboard.press('End');
  await expect(page.getByTestId('frame-number')).toHaveText(/^frame 5 \/ 5 · 00:00:00:05/);
  await expect(page.getByTestId('viewer-info')).toHaveText(/192×108 image$/);

  // Dropping on the node replaces its file instead of adding a node.
  await dropFile(page, sharedMedia('person_video/intel_one-by-one-person-detection.mp4'), 'people.mp4', 'video/mp4',
    await centreOf(page, '.react-flow__node[data-id="videoSource"]'));
  await expect(nodeBox(page, 'videoSource')).toContainText('people.mp4');
  await expect(page.locator('.react-flow__node')).toHaveCount(1);
  await expect(page.getByTestId('viewer-info')).toHaveText(/videoSource · 768×432 image/);

  await addNodeFromMenu(page, 'RVM matte');
  await nodeBox(page, 'rvmMatte').click();
  await page.keyboard.press('Delete');
  await expect(page.locator('.react-flow__node')).toHaveCount(1);
  await nodeBox(page, 'videoSource').click();
  await page.keyboard.press('Backspace');
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  expect(await wireCount(page)).toBe(0);
});

test('models: a bad .onnx is refused with its reason, a good one is taken, a missing one says how to get one', async ({ page }) => {
  // No installed models at all: the RVM node says how to get one.
  await page.route('/models/installed.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await openEditor(page);
  await expect(nodeBox(page, 'matte')).toContainText(/No RVM model installed: run `npm run models`/);
  await nodeBox(page, 'matte').click();
  await page.getByRole('button', { name: 'Add .onnx…' }).focus();
  await page.screenshot({ path: '/tmp/editor-model-missing.png' });

  const broken = join(work, 'broken.onnx');
  writeFileSync(broken, 'this is not an onnx model');
  const onMatte = await centreOf(page, '.react-flow__node[data-id="matte"] .graph-node-header');
  await dropFile(page, broken, 'broken.onnx', 'application/octet-stream', onMatte);
  await expect(page.getByTestId('notice')).toHaveText(/^broken\.onnx not used: /);
  await expect(nodeBox(page, 'matte')).toContainText('broken.onnx not used');

  await dropFile(page, sharedModels('rvm_mobilenetv3_fp16_webgpu.onnx'), 'rvm_mobilenetv3_fp16_webgpu.onnx',
    'application/octet-stream', onMatte);
  await expect(page.getByTestId('notice')).toHaveText(/^matte: using model RVM fp16/);
  await nodeBox(page, 'matte').click();
  await expect(page.getByLabel('Model', { exact: true })).toHaveValue('rvm_mobilenetv3_fp16_webgpu');
});
