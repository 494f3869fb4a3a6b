// Files dropped on the canvas make the node a user expects: WebM, MKV and MOV videos a Video
// Source each; numbered pictures dropped together one Video Source playing them as a sequence
// (a gap is refused naming the missing file); an .onnx the node of its own family (a BGMv2
// export a BGMv2 Matte, an RVM export an RVM Matte), a broken one a notice saying why and no node.

import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { buildBgmv2TestModel } from '../bgmv2/support/test-model.ts';
import { sharedModels } from '../support/shared-paths.ts';
import { centreOf, nodeBox, openEditor, savedDocument, viewerShows } from './editor-page.ts';

const work = mkdtempSync(join(tmpdir(), 'mattegraph-editor-drops-'));
test.afterAll(() => rmSync(work, { recursive: true, force: true }));

const ff = (args: string[]) => execFileSync('ffmpeg', ['-v', 'error', '-y', ...args]);

/** Drops several local files at once on whatever is at `at`, as a drag from the desktop would. */
async function dropFiles(page: Page, paths: string[], at: { x: number; y: number }) {
  const files = paths.map((path, i) => ({ url: `/__test/drops/${i}/${encodeURIComponent(basename(path))}`, name: basename(path) }));
  for (const [i, f] of files.entries()) await page.route(f.url, (route) => route.fulfill({ path: paths[i] }));
  await page.evaluate(
    async ({ files, at }) => {
      const data = new DataTransfer();
      const types: Record<string, string> = { png: 'image/png', mp4: 'video/mp4', webm: 'video/webm', mkv: 'video/x-matroska', mov: 'video/quicktime', onnx: '' };
      for (const f of files) {
        const blob = await (await fetch(f.url)).blob();
        data.items.add(new File([blob], f.name, { type: types[f.name.split('.').pop()!] ?? '' }));
      }
      const target = document.elementFromPoint(at.x, at.y)!;
      const init = { dataTransfer: data, clientX: at.x, clientY: at.y, bubbles: true, cancelable: true };
      target.dispatchEvent(new DragEvent('dragover', init));
      target.dispatchEvent(new DragEvent('drop', init));
    },
    { files, at },
  );
}

/** An empty graph; the point to drop on is the middle of the empty canvas. */
async function emptyCanvas(page: Page) {
  await openEditor(page);
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await expect(page.getByText('0 nodes · 0 wires')).toBeVisible();
  // The hint bars lie over the top of the canvas, where framed nodes may land.
  for (const name of ['Dismiss the browser check', 'Dismiss the hint']) {
    const button = page.getByRole('button', { name });
    if (await button.isVisible()) await button.click();
  }
  return centreOf(page, '.react-flow__pane');
}

const typesOf = async (page: Page) => (await savedDocument(page)).nodes.map((n) => (n as unknown as { type: string }).type);

test('WebM, MKV and MOV videos dropped together make a Video Source each, decoding their frames', async ({ page }) => {
  test.setTimeout(240_000);
  const clips = [
    ['clip.webm', ['-c:v', 'libvpx-vp9', '-b:v', '200k']],
    ['clip.mkv', ['-c:v', 'libx264', '-pix_fmt', 'yuv420p']],
    ['clip.mov', ['-c:v', 'libx264', '-pix_fmt', 'yuv420p']],
  ] as const;
  for (const [name, codec] of clips) ff(['-f', 'lavfi', '-i', 'testsrc2=size=160x90:rate=10', '-frames:v', '7', ...codec, join(work, name)]);
  const at = await emptyCanvas(page);
  await dropFiles(page, clips.map(([name]) => join(work, name)), at);
  await expect(page.getByText('3 nodes · 0 wires')).toBeVisible();
  await page.keyboard.press('f'); // frame all: the three nodes stand one under the other
  for (const [name] of clips) {
    const box = page.locator('.react-flow__node').filter({ hasText: name });
    await expect(box).toHaveCount(1);
    // Selected, it is shown in the viewer: its frames are decoded.
    await box.locator('.graph-node-header').click();
    await expect(box).toContainText('frames 7');
  }
  expect(await typesOf(page)).toEqual(['VideoSource', 'VideoSource', 'VideoSource']);
});

test('numbered PNGs dropped together make one Video Source playing the sequence; a gap is refused naming the file', async ({ page }) => {
  const dir = join(work, 'seq');
  mkdirSync(dir);
  ff(['-f', 'lavfi', '-i', 'testsrc2=size=160x90:rate=25', '-frames:v', '8', '-start_number', '1', join(dir, 'frame_%04d.png')]);
  const frames = readdirSync(dir).sort().map((f) => join(dir, f));
  const at = await emptyCanvas(page);

  // Frames 1, 2, 3, 5: frame 4 is missing.
  await dropFiles(page, [frames[0], frames[1], frames[2], frames[4]], at);
  await expect(page.getByTestId('notice')).toHaveText(/Cannot use the image sequence: the image sequence frame_%04d\.png has a gap: 1 frame missing \(frame_0004\.png\)/);
  await expect(page.getByText('0 nodes · 0 wires')).toBeVisible();

  // All eight, dropped in a shuffled order.
  await dropFiles(page, [frames[3], ...frames.slice(4), ...frames.slice(0, 3)], at);
  await expect(page.getByText('1 nodes · 0 wires')).toBeVisible();
  const source = page.locator('.react-flow__node').first();
  await expect(source).toContainText('frame_%04d.png 1-8');
  await expect(source).toContainText('frames 8 (1–8)');
  await expect(source).toContainText('format PNG sequence');
  await expect(source).not.toContainText('Missing file');
  await page.screenshot({ path: '/tmp/drops-sequence.png' });
  const doc = await savedDocument(page);
  expect(doc.nodes.map((n) => [(n as unknown as { type: string }).type, n.params.file])).toEqual([['VideoSource', 'frame_%04d.png 1-8']]);

  // The frames are kept with the autosaved session: after a reload the sequence plays again.
  // Copies go to the browser's private file system in the background: wait until all are there.
  await expect.poll(() => page.evaluate(async () => {
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('mattegraph-media', { create: true });
    let n = 0;
    for await (const key of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) if (key.startsWith('frame_')) n++;
    return n;
  }), { timeout: 60_000 }).toBe(8);
  await page.waitForTimeout(600); // and the autosave of the document itself
  await page.reload();
  await page.getByRole('alertdialog', { name: 'Restore last session' }).getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByTestId('notice')).toHaveText(/Restored the last session: .*, 8 media files/);
  await nodeBox(page, 'videoSource').locator('.graph-node-header').click();
  await page.getByRole('button', { name: 'Go to out point' }).click();
  await expect(page.getByText(/^frame 7 \/ 7/)).toBeVisible();
  await viewerShows(page, /^videoSource · 160×90 image$/);
  await page.screenshot({ path: '/tmp/drops-restored.png' });
  await expect(nodeBox(page, 'videoSource').getByRole('img', { name: 'status ready' })).toBeVisible();
  await expect(nodeBox(page, 'videoSource')).toContainText('frames 8 (1–8)');
  await expect(nodeBox(page, 'videoSource')).not.toContainText('Missing file');
});

test('numbered pictures dropped on a Video Source fill it with the sequence', async ({ page }) => {
  const dir = join(work, 'fill');
  mkdirSync(dir);
  ff(['-f', 'lavfi', '-i', 'testsrc2=size=160x90:rate=25', '-frames:v', '5', '-start_number', '10', join(dir, 'plate.%03d.jpg')]);
  await openEditor(page);
  const box = (await nodeBox(page, 'source').locator('.graph-node-header').boundingBox())!;
  await dropFiles(page, readdirSync(dir).map((f) => join(dir, f)), { x: box.x + box.width / 2, y: box.y + box.height / 2 });
  await expect(page.getByTestId('notice')).toHaveText('source: using the image sequence plate.%03d.jpg 10-14 (5 frames)');
  await expect(page.getByText('5 nodes · 5 wires')).toBeVisible();
  const doc = await savedDocument(page);
  expect(doc.nodes.find((n) => n.id === 'source')?.params.file).toBe('plate.%03d.jpg 10-14');
});

test('a folder picked with the Folder… button gives the Video Source its sequence, other files ignored', async ({ page }) => {
  const dir = join(work, 'picked', 'shot');
  mkdirSync(dir, { recursive: true });
  ff(['-f', 'lavfi', '-i', 'testsrc2=size=160x90:rate=25', '-frames:v', '6', '-c:v', 'libwebp', '-f', 'image2', '-start_number', '1', join(dir, 'shot_%04d.webp')]);
  writeFileSync(join(dir, 'notes.txt'), 'shot notes');
  await page.goto('/test/pages/media/folder-pick.html');
  await page.waitForFunction(() => window.folderPick !== undefined);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'File: choose a folder of numbered pictures (image sequence)' }).click();
  await (await chooser).setFiles(dir);
  await expect.poll(() => page.evaluate(() => window.folderPick.file())).toBe('shot/shot_%04d.webp 1-6');
  expect(await page.evaluate(() => window.folderPick.notice())).toMatch(/using the image sequence shot\/shot_%04d\.webp 1-6 \(6 frames\)/);
  expect(await page.evaluate(() => window.folderPick.frames())).toBe(6);
});

test('an .onnx dropped on empty canvas makes the node of its family; a broken one says why and adds nothing', async ({ page }) => {
  test.setTimeout(240_000);
  const at = await emptyCanvas(page);
  const broken = join(work, 'broken.onnx');
  writeFileSync(broken, 'this is not an onnx model');
  await dropFiles(page, [broken], at);
  await expect(page.getByTestId('notice')).toHaveText(/^Model broken\.onnx refused: not an ONNX model onnxruntime can open/);
  await expect(page.getByText('0 nodes · 0 wires')).toBeVisible();

  await dropFiles(page, [buildBgmv2TestModel()], at);
  await expect(page.getByTestId('notice')).toHaveText(/using model BGMv2/);
  await dropFiles(page, [sharedModels('rvm_mobilenetv3_fp32_webgpu.onnx')], { x: at.x, y: at.y + 200 });
  await expect(page.getByTestId('notice')).toHaveText(/using model RVM/);
  const doc = await savedDocument(page);
  expect(doc.nodes.map((n) => (n as unknown as { type: string }).type)).toEqual(['Bgmv2Matte', 'RvmMatte']);
  expect(String(doc.nodes[0].params.model)).toMatch(/bgmv2/i);
  await expect(nodeBox(page, doc.nodes[0].id)).toBeVisible();

  // The BGMv2 model dropped on the RVM node is refused there, saying which node takes it.
  const onRvm = await centreOf(page, `.react-flow__node[data-id="${doc.nodes[1].id}"] .graph-node-header`);
  await dropFiles(page, [buildBgmv2TestModel()], onRvm);
  await expect(page.getByTestId('notice')).toHaveText(/not used: .*It looks like a model for BGMv2 matte: drop it on a BGMv2 matte node or on empty canvas/);
});
