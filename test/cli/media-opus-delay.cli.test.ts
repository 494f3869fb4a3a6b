// Opus in Matroska/WebM from ffmpeg carries a CodecDelay (its pre-skip, 6.5 ms): block times are
// that much later than the sound. An export must place the copied Opus packets where ffmpeg
// plays them against the picture, in MP4 and in WebM.

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

test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  test.setTimeout(300_000);
  await ensureBuilt(repoRoot, { checkStale: true, verbose: false, log: (l) => console.log(l) });
  work = mkdtempSync(join(tmpdir(), 'mattegraph-cli-opus-delay-'));
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', talking, '-f', 'lavfi', '-i', 'sine=frequency=500:sample_rate=48000:duration=1', '-t', '1',
    '-vf', 'scale=160:90', '-c:v', 'libx264', '-c:a', 'libopus', join(work, 'talk.mkv')]);
});
test.afterAll(() => work && rmSync(work, { recursive: true, force: true }));

const times = (file: string, stream: 'v' | 'a') =>
  execFileSync('ffprobe', ['-v', 'error', '-select_streams', `${stream}:0`, '-show_entries', 'frame=best_effort_timestamp_time', '-of', 'csv=p=0', file])
    .toString().split('\n').filter((l) => l.trim()).map((l) => Number(l.split(',')[0]));

/** Where the audio's 20 ms packets fall against the first picture, seconds (ffmpeg's reading). */
function audioPhase(file: string): number {
  const video0 = times(file, 'v')[0];
  // Frame 0 may be cut short by the pre-skip or an edit list; frame 1 is a whole packet.
  return (((times(file, 'a')[1] - video0) % 0.02) + 0.02) % 0.02;
}

for (const ext of ['mp4', 'webm'] as const) {
  test(`Opus copied from MKV into ${ext.toUpperCase()} keeps its place against the picture`, async () => {
    test.setTimeout(300_000);
    const run = await runCli('render', [join(repoRoot, 'examples/transcode.json'), '--set', 'source.file=talk.mkv', '--out', `out.${ext}`, '--no-build'],
      { cwd: work, timeoutMs: 240_000 });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/Opus audio copied unchanged/);
    const want = audioPhase(join(work, 'talk.mkv'));
    const got = audioPhase(join(work, `out.${ext}`));
    const apart = Math.abs(got - want);
    // Matroska keeps milliseconds: within 1.5 ms (the delay is 6.5 ms).
    expect(Math.min(apart, 0.02 - apart), `audio packets at ${got * 1000} ms, ffmpeg has them at ${want * 1000} ms`).toBeLessThan(0.0015);
  });
}
