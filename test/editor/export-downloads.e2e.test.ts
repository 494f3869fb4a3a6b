// The editor's Export downloads every file the format makes: a colour + matte pair arrives as
// two videos (`shot.mp4` and `shot-matte.mp4`, the matte being the source's alpha), a PNG
// sequence as one ZIP of RGBA PNGs. The source is an RGBA PNG sequence dropped on the canvas.

import { expect, test, type Download, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { addNodeFromMenu, centreOf, dragWire, nodeBox, openEditor, wireCount } from './editor-page.ts';

const work = mkdtempSync(join(tmpdir(), 'mattegraph-editor-downloads-'));
test.afterAll(() => rmSync(work, { recursive: true, force: true }));

const ff = (args: string[]) => execFileSync('ffmpeg', ['-v', 'error', '-y', ...args], { maxBuffer: 1 << 26 });
const frameCount = (file: string) =>
  Number(execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-count_frames', '-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', file]).toString().trim());

/** Drops the files together on the empty canvas at `at`. */
async function dropFiles(page: Page, paths: string[], at: { x: number; y: number }) {
  const files = paths.map((path, i) => ({ url: `/__test/downloads/${i}/${basename(path)}`, name: basename(path) }));
  for (const [i, f] of files.entries()) await page.route(f.url, (route) => route.fulfill({ path: paths[i] }));
  await page.evaluate(async ({ files, at }) => {
    const data = new DataTransfer();
    for (const f of files) data.items.add(new File([await (await fetch(f.url)).blob()], f.name, { type: 'image/png' }));
    const target = document.elementFromPoint(at.x, at.y)!;
    const init = { dataTransfer: data, clientX: at.x, clientY: at.y, bubbles: true, cancelable: true };
    target.dispatchEvent(new DragEvent('dragover', init));
    target.dispatchEvent(new DragEvent('drop', init));
  }, { files, at });
}

/** Clicks Export and waits for `count` downloads, saved under `work/<run>/`. */
async function exportAndCollect(page: Page, run: string, count: number): Promise<string[]> {
  const downloads: Download[] = [];
  page.on('download', (d) => downloads.push(d));
  await page.getByRole('button', { name: /^Export/ }).click();
  await expect(page.getByTestId('notice')).toHaveText(/^Exported /, { timeout: 150_000 });
  await expect.poll(() => downloads.length).toBe(count);
  // No further download trails in.
  await page.waitForTimeout(1000);
  expect(downloads.length).toBe(count);
  page.removeAllListeners('download');
  const dir = join(work, run);
  mkdirSync(dir);
  const saved: string[] = [];
  for (const d of downloads) {
    const path = join(dir, d.suggestedFilename());
    await d.saveAs(path);
    saved.push(path);
  }
  return saved;
}

test('a colour + matte export downloads both videos, a PNG sequence export one ZIP', async ({ page }) => {
  test.setTimeout(300_000);
  // 6 RGBA frames, transparent on the left half, opaque on the right.
  const seq = join(work, 'seq');
  mkdirSync(seq);
  ff(['-f', 'lavfi', '-i', 'testsrc2=size=160x90:rate=25', '-frames:v', '6', '-vf', "format=rgba,geq=r='r(X,Y)':g='g(X,Y)':b='b(X,Y)':a='255*gt(X,79)'",
    '-start_number', '1', join(seq, 'shot_%03d.png')]);

  await openEditor(page);
  await page.getByRole('button', { name: 'New', exact: true }).click();
  for (const name of ['Dismiss the browser check', 'Dismiss the hint']) {
    const button = page.getByRole('button', { name });
    if (await button.isVisible()) await button.click();
  }
  const pane = await centreOf(page, '.react-flow__pane');
  await dropFiles(page, readdirSync(seq).sort().map((f) => join(seq, f)), { x: pane.x - 200, y: pane.y - 100 });
  await expect(nodeBox(page, 'videoSource')).toContainText('shot_%03d.png 1-6');
  await addNodeFromMenu(page, 'Export');
  await expect(nodeBox(page, 'export')).toBeVisible();
  // The menu may have wired it to the selected source already (as Nuke does); else wire it.
  if ((await wireCount(page)) === 0) await dragWire(page, ['videoSource', 'image'], ['export', 'image']);
  await expect(page.getByText('2 nodes · 1 wires')).toBeVisible();

  await nodeBox(page, 'export').locator('.graph-node-header').click();
  await page.locator('#param-export-format').selectOption('matte-pair');
  await page.locator('#param-export-filename').fill('shot');
  await page.screenshot({ path: '/tmp/export-downloads.png' });
  const pair = await exportAndCollect(page, 'pair', 2);
  expect(pair.map((p) => basename(p))).toEqual(['shot.mp4', 'shot-matte.mp4']);
  await expect(page.getByTestId('notice')).toHaveText(/^Exported shot\.mp4 and shot-matte\.mp4: 6 frames, 160×90/);
  for (const file of pair) expect(frameCount(file)).toBe(6);
  // The matte is the source's alpha: black on the left half, white on the right.
  const grey = ff(['-i', pair[1], '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'gray', '-']);
  expect(grey[45 * 160 + 20]).toBeLessThan(24);
  expect(grey[45 * 160 + 140]).toBeGreaterThan(230);

  await page.locator('#param-export-format').selectOption('png-sequence');
  const zip = await exportAndCollect(page, 'png', 1);
  expect(zip.map((p) => basename(p))).toEqual(['shot.zip']);
  const listed = execFileSync('python3', ['-c', 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', zip[0]])
    .toString().trim().split('\n');
  expect(listed).toHaveLength(6);
  expect(listed[0]).toMatch(/^shot_0+\.png$/);
});
