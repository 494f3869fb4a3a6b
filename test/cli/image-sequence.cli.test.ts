// `npm run render -- examples/transcode.json --set source.file=…` with a numbered PNG sequence
// made by ffmpeg: a folder or a pattern gives a video with one frame per file at the sequence
// rate (24 unless `source.sequenceFps` says otherwise), and a gap or a frame of another size
// fails with one line naming the file.

import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt } from '../../src/cli/ensure-build.ts';
import { repoRoot } from '../support/shared-paths.ts';
import { leftovers, runCli } from './cli-run.ts';

const transcode = join(repoRoot, 'examples/transcode.json');

test.describe.configure({ mode: 'serial' });
let work: string;

const ff = (args: string[]) => execFileSync('ffmpeg', ['-v', 'error', '-y', ...args]);
const probe = (file: string, entries: string) =>
  execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-count_frames', '-show_entries', entries, '-of', 'csv=p=0', file]).toString().trim();

/** 12 PNGs frame_0001.png … frame_0012.png (160x90) in `dir`. */
function pngSequence(dir: string, count = 12, size = '160x90'): string {
  mkdirSync(dir, { recursive: true });
  ff(['-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=25`, '-frames:v', String(count), '-start_number', '1', join(dir, 'frame_%04d.png')]);
  return dir;
}

test.beforeAll(async () => {
  test.setTimeout(300_000);
  await ensureBuilt(repoRoot, { checkStale: true, verbose: false, log: (l) => console.log(l) });
  work = mkdtempSync(join(tmpdir(), 'mattegraph-cli-sequence-'));
});
test.afterAll(() => work && rmSync(work, { recursive: true, force: true }));

const render = (args: string[]) => runCli('render', [transcode, ...args, '--no-build'], { cwd: work, timeoutMs: 240_000 });

test('a folder of numbered PNGs renders through transcode.json to a video with that frame count at 24 fps', async () => {
  test.setTimeout(300_000);
  pngSequence(join(work, 'shot'));
  const run = await render(['--set', 'source.file=shot/', '--out', 'shot.mp4']);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stderr).toMatch(/wrote shot\.mp4 \(12 frames/);
  const out = join(work, 'shot.mp4');
  expect(probe(out, 'stream=nb_read_frames')).toBe('12');
  expect(probe(out, 'stream=r_frame_rate,width,height')).toBe('160,90,24/1');
  expect(Number(probe(out, 'stream=duration'))).toBeCloseTo(12 / 24, 3);
});

test('a printf or #### pattern picks the sequence, and sequenceFps sets its rate', async () => {
  test.setTimeout(300_000);
  const dir = pngSequence(join(work, 'pattern'), 10);
  // Another sequence in the same folder: the pattern says which one.
  ff(['-f', 'lavfi', '-i', 'testsrc2=size=160x90', '-frames:v', '3', '-start_number', '1', join(dir, 'other_%02d.png')]);
  const run = await render(['--set', 'source.file=pattern/frame_####.png', '--set', 'source.sequenceFps=25', '--out', 'p.mp4']);
  expect(run.code, run.stderr).toBe(0);
  expect(probe(join(work, 'p.mp4'), 'stream=nb_read_frames,r_frame_rate')).toBe('25/1,10');

  const both = await render(['--set', 'source.file=pattern', '--out', 'both.mp4']);
  expect(both.code).not.toBe(0);
  expect(both.lines.at(-1)).toMatch(/holds several image sequences \(frame_%04d\.png, other_%02d\.png\): name one/);
});

test('a gap in the numbering fails naming the missing file, and nothing is written', async () => {
  const dir = join(work, 'gap');
  pngSequence(dir, 8);
  rmSync(join(dir, 'frame_0005.png'));
  const run = await render(['--set', 'source.file=gap/frame_%04d.png', '--out', 'gap.mp4']);
  expect(run.code).not.toBe(0);
  expect(run.lines.at(-1)).toMatch(/source\.file: the image sequence frame_%04d\.png has a gap: 1 frame missing \(frame_0005\.png\)/);
  expect(leftovers(work).filter((f) => f.startsWith('gap'))).toEqual([]);
});

test('a frame of another size or a file that is not a picture fails naming that file', async () => {
  const dir = join(work, 'mixed');
  pngSequence(dir, 6);
  ff(['-f', 'lavfi', '-i', 'testsrc2=size=320x180', '-frames:v', '1', '-update', '1', join(dir, 'frame_0004.png')]);
  const mixed = await render(['--set', 'source.file=mixed/', '--out', 'mixed.mp4']);
  expect(mixed.code).not.toBe(0);
  expect(mixed.lines.at(-1)).toMatch(/frame_0004\.png is 320×180, but frame_0001\.png is 160×90: every frame of a sequence must have the same size/);

  pngSequence(dir, 6);
  copyFileSync(transcode, join(dir, 'frame_0003.png'));
  const bad = await render(['--set', 'source.file=mixed/', '--out', 'bad.mp4']);
  expect(bad.code).not.toBe(0);
  expect(bad.lines.at(-1)).toMatch(/frame_0003\.png is not a PNG, JPEG or WebP picture/);
});

test('an RGBA PNG sequence rendered to a PNG folder comes out with the same pixels, alpha included', async () => {
  test.setTimeout(300_000);
  const dir = join(work, 'rgba');
  mkdirSync(dir);
  ff(['-f', 'lavfi', '-i', 'testsrc2=size=160x90:rate=25', '-frames:v', '5', '-vf', "format=rgba,geq=r='r(X,Y)':g='g(X,Y)':b='b(X,Y)':a='X*255/159'",
    '-start_number', '1', join(dir, 'matte_%04d.png')]);
  const run = await render(['--set', 'source.file=rgba/matte_####.png', '--set', 'export.format=png-sequence', '--out', 'back/']);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stderr).toMatch(/wrote 5 RGBA PNGs/);
  const rgba = (file: string) => ff(['-i', file, '-f', 'rawvideo', '-pix_fmt', 'rgba', '-']);
  for (let i = 0; i < 5; i++) {
    const back = rgba(join(work, 'back', `back_${String(i).padStart(6, '0')}.png`));
    expect(back.equals(rgba(join(dir, `matte_${String(i + 1).padStart(4, '0')}.png`))), `frame ${i}`).toBe(true);
  }
});
