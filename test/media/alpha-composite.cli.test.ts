// A transparent VP9 WebM from ffmpeg rendered by `npm run render` as a user would: composited over
// a plate with its own alpha (no matte wired), and transcoded to an opaque MP4 through
// examples/transcode.json, where the colour must be the stored colour, not darkened by alpha.

import { test, expect } from '@playwright/test';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt } from '../../src/cli/ensure-build.ts';
import { repoRoot } from '../support/shared-paths.ts';
import { runCli } from '../cli/cli-run.ts';
import { tempDir } from './media-fixtures.ts';
import { columns, compareRgba, ffmpegRaw, ffmpegRgba, frameOf, libvpxRgba, vp9AlphaClip } from './alpha-compare.ts';

test.describe.configure({ mode: 'serial' });
const W = 320;
const H = 180;
let work: string;
let clip: string;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  await ensureBuilt(repoRoot, { checkStale: true, verbose: false, log: (l) => console.log(l) });
  work = tempDir('mattegraph-alpha-cli-');
  clip = vp9AlphaClip(work, W, H, 8);
});
test.afterAll(() => work && rmSync(work, { recursive: true, force: true }));

const render = (args: string[]) => runCli('render', [...args, '--no-build'], { cwd: work, timeoutMs: 240_000 });

test('a VP9-alpha clip composites over a plate with its own alpha: fgr·α + plate·(1 − α)', async () => {
  test.setTimeout(300_000);
  const node = (id: string, type: string, params: Record<string, string>) => ({ id, type, version: 1, position: { x: 0, y: 0 }, params });
  const edge = (from: string, fromPort: string, to: string, toPort: string) => ({ from: { node: from, port: fromPort }, to: { node: to, port: toPort } });
  const graph = {
    format: 'mattegraph', version: 1, title: 'Transparent clip over a plate',
    nodes: [
      node('source', 'VideoSource', { file: clip }),
      node('plate', 'BackgroundPlate', { mode: 'color', color: '#2040c0' }),
      node('comp', 'Composite', {}),
      node('export', 'Export', {}),
    ],
    edges: [edge('source', 'image', 'comp', 'fgr'), edge('plate', 'image', 'comp', 'plate'), edge('comp', 'image', 'export', 'image')],
  };
  writeFileSync(join(work, 'over.json'), JSON.stringify(graph));
  const run = await render(['over.json', '--range', '0:4', '--out', 'over/']);
  expect(run.code, run.stderr).toBe(0);
  const names = readdirSync(join(work, 'over')).sort();
  expect(names).toHaveLength(4);
  const source = libvpxRgba(clip);
  const plate = [0x20, 0x40, 0xc0];
  for (const [k, name] of names.entries()) {
    const out = new Uint8Array(ffmpegRaw(['-i', join(work, 'over', name), '-f', 'rawvideo', '-pix_fmt', 'rgba', '-']));
    const fg = frameOf(source, k, W, H);
    const expected = new Uint8Array(fg.length);
    for (let i = 0; i < fg.length; i += 4) {
      const a = fg[i + 3] / 255;
      for (let c = 0; c < 3; c++) expected[i + c] = Math.round(fg[i + c] * a + plate[c] * (1 - a));
      expected[i + 3] = 255;
    }
    const c = compareRgba(out, expected);
    expect(c.alphaMax, `frame ${k}: the composite is opaque`).toBe(0);
    expect(c.colourPsnr, `frame ${k}: over the plate with the clip's alpha`).toBeGreaterThanOrEqual(40);
    // Left edge (alpha ~0): the plate shows; right edge (alpha 255): the clip.
    expect(compareRgba(columns(out, W, 0, 2), columns(expected, W, 0, 2)).colourPsnr).toBeGreaterThanOrEqual(40);
  }
});

test('examples/transcode.json writes a VP9-alpha clip to MP4 with its stored colour, and says the alpha is dropped', async () => {
  test.setTimeout(300_000);
  const run = await render([join(repoRoot, 'examples/transcode.json'), '--set', `source.file=${clip}`, '--set', 'export.bitrateMbps=20', '--out', 'opaque.mp4']);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stderr).toMatch(/alpha is not written \(MP4 video has no transparency\): its colour is written straight/);
  const ours = ffmpegRgba(join(work, 'opaque.mp4'));
  const stored = ffmpegRgba(clip); // ffmpeg's native vp9 decoder reads the colour stream alone
  expect(ours.length).toBe(stored.length);
  for (const k of [0, 4, 7]) {
    const all = compareRgba(frameOf(ours, k, W, H), frameOf(stored, k, W, H), -1);
    expect(all.colourPsnr, `frame ${k}: colour as stored (was 26 dB, darkened under low alpha)`).toBeGreaterThanOrEqual(38);
  }
});
