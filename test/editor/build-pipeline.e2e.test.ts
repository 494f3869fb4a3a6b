// Builds VideoSource -> RVM matte -> Composite (over a Background plate) -> Export from an
// empty graph with the mouse and menus, exports a small clip and checks the downloaded MP4
// with ffprobe; a refused wire must say why. Real Chromium, real WebGPU (SwiftShader),
// WebCodecs and onnxruntime-web (RVM runs on WASM here: the adapter is software).

import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedMedia } from '../support/shared-paths.ts';
import { addNodeFromMenu, dragWire, nodeBox, openEditor, pickFile, wireCount } from './editor-page.ts';

const FRAMES = 8;
const work = mkdtempSync(join(tmpdir(), 'mattegraph-editor-'));
const clipPath = join(work, 'people-256x144.mp4');

function probe(path: string) {
  const out = execFileSync('ffprobe', [
    '-v', 'error', '-count_frames', '-select_streams', 'v:0',
    '-show_entries', 'stream=codec_name,width,height,nb_read_frames', '-of', 'json', path,
  ]);
  const s = JSON.parse(out.toString()).streams[0];
  return { codec: s.codec_name as string, width: Number(s.width), height: Number(s.height), frames: Number(s.nb_read_frames) };
}

test.beforeAll(() => {
  // A person stands at the table around t = 15 s.
  execFileSync('ffmpeg', [
    '-v', 'error', '-y', '-ss', '15', '-i', sharedMedia('person_video/intel_one-by-one-person-detection.mp4'),
    '-frames:v', String(FRAMES), '-vf', 'scale=256:144', '-an', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', clipPath,
  ]);
  expect(probe(clipPath).frames).toBe(FRAMES);
});

test('build the RVM pipeline by hand, export it, and see a refused wire explained', async ({ page }) => {
  test.setTimeout(240_000);
  await openEditor(page);
  const notice = page.getByTestId('notice');

  await page.getByRole('button', { name: 'New', exact: true }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  await expect(page.getByText('0 nodes · 0 wires')).toBeVisible();

  await addNodeFromMenu(page, 'Video');
  await expect(nodeBox(page, 'videoSource')).toBeVisible();
  // The new node is selected: its inspector offers the file picker.
  await pickFile(page, () => page.getByRole('button', { name: /^File: no file chosen/ }).click(), clipPath);
  await expect(nodeBox(page, 'videoSource')).toContainText('people-256x144.mp4');
  await expect(page.getByRole('button', { name: /^File: people-256x144\.mp4/ })).toBeVisible();

  await addNodeFromMenu(page, 'RVM matte');
  await addNodeFromMenu(page, 'Background plate');
  await addNodeFromMenu(page, 'Composite');
  await addNodeFromMenu(page, 'Export');
  await expect(page.locator('.react-flow__node')).toHaveCount(5);

  await dragWire(page, ['videoSource', 'image'], ['rvmMatte', 'source']);
  await dragWire(page, ['rvmMatte', 'fgr'], ['composite', 'fgr']);
  await expect.poll(() => wireCount(page)).toBe(2);

  // A matte into a colour input is refused, and the status line says why.
  await dragWire(page, ['rvmMatte', 'pha'], ['composite', 'plate']);
  await expect(notice).toHaveText(/Cannot connect: type mismatch: RVM matte\.Alpha gives matte, Composite\.Plate takes image/);
  await expect(notice).toHaveAttribute('role', 'alert');
  expect(await wireCount(page)).toBe(2);
  await page.screenshot({ path: '/tmp/editor-refused-wire.png' });
  // An input takes one wire.
  await dragWire(page, ['videoSource', 'image'], ['composite', 'fgr']);
  await expect(notice).toHaveText(/Cannot connect: input "Foreground" of composite is already connected/);

  await dragWire(page, ['rvmMatte', 'pha'], ['composite', 'pha']);
  await dragWire(page, ['backgroundPlate', 'image'], ['composite', 'plate']);
  await dragWire(page, ['composite', 'image'], ['export', 'image']);
  await expect(page.getByText('5 nodes · 5 wires')).toBeVisible();

  // The viewer shows the composite at the clip's size; RVM ran on WASM.
  await nodeBox(page, 'composite').click();
  await expect(page.getByTestId('viewer-info')).toHaveText(/composite · 256×144 image/, { timeout: 120_000 });
  await expect(page.getByTestId('frame-number')).toHaveText(new RegExp(`frame 0 / ${FRAMES - 1}`));
  await expect(nodeBox(page, 'rvmMatte')).toContainText(/EP\s*wasm/);
  await page.screenshot({ path: '/tmp/editor-pipeline-built.png' });

  await nodeBox(page, 'export').click();
  const filename = page.getByLabel('File name');
  await filename.fill('e2e-pipeline.mp4');

  const download = page.waitForEvent('download', { timeout: 180_000 });
  await page.getByRole('button', { name: 'Export MP4' }).click();
  await expect(page.getByTestId('export-progress')).toHaveText(new RegExp(`frame \\d+ of ${FRAMES}`));
  await page.screenshot({ path: '/tmp/editor-exporting.png' });
  const file = await download;
  expect(file.suggestedFilename()).toBe('e2e-pipeline.mp4');
  const saved = join(work, 'exported.mp4');
  await file.saveAs(saved);
  await expect(notice).toHaveText(new RegExp(`Exported e2e-pipeline\\.mp4: ${FRAMES} frames, 256×144`));
  await expect(page.getByRole('button', { name: 'Export MP4' })).toBeVisible();
  await page.screenshot({ path: '/tmp/editor-exported.png' });

  const out = probe(saved);
  expect(out).toEqual({ codec: 'h264', width: 256, height: 144, frames: FRAMES });
});

test('an export can be cancelled: no file, and the editor says so', async ({ page }) => {
  await openEditor(page); // the example: 40 frames through RVM at 768x432
  let downloads = 0;
  page.on('download', () => downloads++);
  await page.getByRole('button', { name: 'Export MP4' }).click();
  await expect(page.getByTestId('export-progress')).toHaveText(/frame [1-9]\d* of 40/, { timeout: 120_000 });
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('notice')).toHaveText('Export cancelled.');
  await expect(page.getByRole('button', { name: 'Export MP4' })).toBeEnabled();
  expect(downloads).toBe(0);
});
