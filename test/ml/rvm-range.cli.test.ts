// The command-line check of RVM's pre-roll: `npm run render -- examples/rvm-alpha.json --range 40:50`
// (a render that starts with a jump to frame 40) gives the same mattes as frames 40..49 of the
// full render, on a real 60-frame clip, on WASM.

import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt } from '../../src/cli/ensure-build.ts';
import { decodeFrames, probeVideo } from '../../src/cli/ffmpeg-video.ts';
import { runCli } from '../cli/cli-run.ts';
import { repoRoot } from '../support/shared-paths.ts';
import { makePersonClip, PERSON_CLIP } from './support/person-clip.ts';

test.describe.configure({ mode: 'serial' });
let work: string;
let clip: string;

test.beforeAll(async () => {
  test.setTimeout(600_000);
  await ensureBuilt(repoRoot, { checkStale: true, verbose: false, log: (l) => console.log(l) });
  work = mkdtempSync(join(tmpdir(), 'mattegraph-rvm-range-'));
  clip = makePersonClip();
});
test.afterAll(() => work && rmSync(work, { recursive: true, force: true }));

const render = (out: string, extra: string[]) =>
  runCli('render', ['examples/rvm-alpha.json', '--set', `source.file=${clip}`, '--out', out, '--ep', 'wasm', '--no-build', ...extra],
    { timeoutMs: 600_000 });

test('a range render starting at 40 matches frames 40..49 of the full render', async () => {
  test.setTimeout(900_000);
  const full = join(work, 'full.mp4');
  const range = join(work, 'range.mp4');
  const a = await render(full, []);
  expect(a.code, a.stderr).toBe(0);
  const b = await render(range, ['--range', '40:50']);
  expect(b.code, b.stderr).toBe(0);
  console.log(`full render ${a.seconds.toFixed(1)} s, range 40:50 ${b.seconds.toFixed(1)} s`);

  const { width, height, frames } = PERSON_CLIP;
  expect((await probeVideo(full)).frameCount).toBe(frames);
  expect((await probeVideo(range)).frameCount).toBe(10);
  const played = (await decodeFrames(full, width, height, { pixelFormat: 'gray' })).slice(40, 50);
  const jumped = await decodeFrames(range, width, height, { pixelFormat: 'gray' });
  const diffs = jumped.map((f, i) => f.reduce((s, v, p) => s + Math.abs(v - played[i][p]), 0) / f.length / 255);
  const mean = diffs.reduce((s, d) => s + d, 0) / diffs.length;
  console.log(`--range 40:50 vs full render frames 40..49: mean abs diff ${mean.toFixed(4)} (per frame ${diffs.map((d) => d.toFixed(4)).join(' ')})`);
  expect(mean).toBeLessThanOrEqual(0.01);
  // The matte is not empty: the comparison compares people, not black frames.
  expect(played[0].filter((v) => v > 127).length / played[0].length).toBeGreaterThan(0.01);
});
