// A clip cut losslessly (`ffmpeg -ss 1.3 -c copy`) starts its edit list between two frames and
// keeps earlier packets for the decoder. ffmpeg shows its first frame at the edit's start and
// plays the audio from there; the export must hear the same samples at the same times, not
// audio moved by the gap between the edit's start and the next frame.

import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt } from '../../src/cli/ensure-build.ts';
import { repoRoot, sharedMedia } from '../support/shared-paths.ts';
import { runCli } from './cli-run.ts';

const talking = sharedMedia('person_video/three_people_talking_1080p24_4s.mp4');
let work: string;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  await ensureBuilt(repoRoot, { checkStale: true, verbose: false, log: (l) => console.log(l) });
  work = mkdtempSync(join(tmpdir(), 'mattegraph-cli-edit-list-'));
});
test.afterAll(() => work && rmSync(work, { recursive: true, force: true }));

const ff = (args: string[]) => execFileSync('ffmpeg', ['-v', 'error', '-y', ...args], { maxBuffer: 1 << 28 });
const probe = (args: string[]) => execFileSync('ffprobe', ['-v', 'error', ...args]).toString();

/** The audio as ffmpeg plays it (edit lists applied), 16-bit mono samples. */
const decodedAudio = (file: string) => new Int16Array(new Uint8Array(ff(['-i', file, '-vn', '-ac', '1', '-f', 's16le', '-'])).buffer);
const videoFrameTimes = (file: string) =>
  probe(['-select_streams', 'v:0', '-show_entries', 'frame=best_effort_timestamp_time', '-of', 'csv=p=0', file])
    .split('\n').filter((l) => l.trim()).map(Number);

test('a clip cut between key frames with -c copy keeps its audio in sync to the sample', async () => {
  test.setTimeout(300_000);
  const whole = join(work, 'whole.mp4');
  ff(['-i', talking, '-f', 'lavfi', '-i', 'sine=frequency=300:sample_rate=44100:duration=3', '-t', '3', '-vf', 'scale=160:90',
    '-c:v', 'libx264', '-g', '48', '-bf', '2', '-c:a', 'aac', whole]);
  // 1.3 s is no frame boundary of the video (1/24 s) nor of the audio (1024 samples).
  const cut = join(work, 'cut.mp4');
  ff(['-ss', '1.3', '-i', whole, '-t', '1', '-c', 'copy', cut]);
  const elst = probe(['-show_entries', 'stream=codec_type,start_time', '-of', 'csv=p=0', cut]);
  expect(elst).toMatch(/video,0\.000000/);

  const run = await runCli('render', [join(repoRoot, 'examples/transcode.json'), '--set', 'source.file=cut.mp4', '--out', 'out.mp4', '--no-build'],
    { cwd: work, timeoutMs: 240_000 });
  expect(run.code, run.stderr).toBe(0);
  const out = join(work, 'out.mp4');
  expect(videoFrameTimes(out)).toEqual(videoFrameTimes(cut));
  const want = decodedAudio(cut);
  const got = decodedAudio(out);
  expect(got.length).toBe(want.length);
  // The same samples at the same places (the AAC decoder may round a sample differently).
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]));
  expect(worst).toBeLessThanOrEqual(4);
});
