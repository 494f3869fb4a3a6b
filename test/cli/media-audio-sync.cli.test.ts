// The export's sound lines up with its picture as ffmpeg plays the source: measured by
// cross-correlating the decoded audio (pink noise, so there is one best lag) of the source and
// the export, each placed on its own timeline with the first video frame at 0.
// Cases: audio re-encoded to Opus (its encoder's 6.5 ms look-ahead must be hidden), 24-bit PCM
// from a camera MOV (re-encoded for MP4, with a notice, as ffmpeg 5 misreads it there), and a
// fragmented MP4 whose AAC priming packet is followed by a gap.

import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt } from '../../src/cli/ensure-build.ts';
import { repoRoot, sharedMedia } from '../support/shared-paths.ts';
import { runCli } from './cli-run.ts';

const talking = sharedMedia('person_video/three_people_talking_1080p24_4s.mp4');
const RATE = 48_000;
let work: string;

test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  test.setTimeout(300_000);
  await ensureBuilt(repoRoot, { checkStale: true, verbose: false, log: (l) => console.log(l) });
  work = mkdtempSync(join(tmpdir(), 'mattegraph-cli-audio-sync-'));
});
test.afterAll(() => work && rmSync(work, { recursive: true, force: true }));

const ff = (args: string[]) => execFileSync('ffmpeg', ['-v', 'error', '-y', ...args], { maxBuffer: 1 << 28 });
const firstTime = (file: string, stream: 'v' | 'a') =>
  Number(execFileSync('ffprobe', ['-v', 'error', '-select_streams', `${stream}:0`, '-show_entries', 'frame=best_effort_timestamp_time',
    '-of', 'csv=p=0', '-read_intervals', '%+#1', file]).toString().trim().split('\n')[0].split(',')[0]);

function makeClip(name: string, audioArgs: string[], extra: string[] = []): string {
  ff(['-i', talking, '-f', 'lavfi', '-i', `anoisesrc=seed=7:sample_rate=${RATE}:amplitude=0.3:color=pink,lowpass=3000`, '-t', '1',
    '-vf', 'scale=160:90', '-c:v', 'libx264', '-bf', '2', '-ac', '1', ...audioArgs, ...extra, join(work, name)]);
  return join(work, name);
}

/** The decoded sound, index 0 at the first video frame's time. */
function soundFromFirstFrame(file: string): Float32Array {
  // aresample fills gaps between packets with silence, so every sample sits at its timestamp.
  const pcm = new Float32Array(new Uint8Array(ff(['-i', file, '-vn', '-ac', '1', '-af', `aresample=${RATE}:async=1:min_hard_comp=0.001`, '-f', 'f32le', '-'])).buffer);
  const offset = Math.round((firstTime(file, 'a') - firstTime(file, 'v')) * RATE);
  if (offset <= 0) return pcm.subarray(-offset);
  const padded = new Float32Array(pcm.length + offset);
  padded.set(pcm, offset);
  return padded;
}

/** Milliseconds the export's sound comes after the source's (against the picture). */
function lagMs(source: string, exported: string): number {
  const a = soundFromFirstFrame(source);
  const b = soundFromFirstFrame(exported);
  const from = 4000;
  const length = 24_000;
  let best = 0;
  let bestScore = -Infinity;
  for (let lag = -960; lag <= 960; lag++) {
    let score = 0;
    for (let i = from; i < from + length; i++) score += a[i] * b[i + lag];
    if (score > bestScore) [best, bestScore] = [lag, score];
  }
  return (best * 1000) / RATE;
}

async function render(src: string, out: string) {
  const run = await runCli('render', [join(repoRoot, 'examples/transcode.json'), '--set', `source.file=${src}`, '--out', out, '--no-build'],
    { cwd: work, timeoutMs: 240_000 });
  expect(run.code, run.stderr).toBe(0);
  return run.stderr;
}

test('AAC re-encoded to Opus for WebM stays in sync with the picture', async () => {
  test.setTimeout(300_000);
  const src = makeClip('aac.mp4', ['-c:a', 'aac', '-b:a', '256k']);
  expect(await render('aac.mp4', 'aac.webm')).toMatch(/AAC audio re-encoded to Opus/);
  // Matroska keeps milliseconds.
  expect(Math.abs(lagMs(src, join(work, 'aac.webm')))).toBeLessThanOrEqual(1.1);
});

test('24-bit PCM from a MOV goes into MP4 as Opus, says so, and stays in sync', async () => {
  test.setTimeout(300_000);
  const src = makeClip('camera.mov', ['-c:a', 'pcm_s24le']);
  expect(await render('camera.mov', 'camera.mp4')).toMatch(/PCM audio re-encoded to Opus \(players and ffmpeg before 6\.1 misread 24-bit PCM in MP4\)/);
  const codec = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'a', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', join(work, 'camera.mp4')]);
  expect(codec.toString().trim()).toBe('opus');
  expect(Math.abs(lagMs(src, join(work, 'camera.mp4')))).toBeLessThanOrEqual(0.25);
});

test('a fragmented MP4 (gap after the AAC priming packet) keeps its audio in sync', async () => {
  test.setTimeout(300_000);
  const src = makeClip('frag.mp4', ['-c:a', 'aac', '-b:a', '256k'], ['-movflags', 'frag_keyframe+empty_moov+default_base_moof']);
  await render('frag.mp4', 'frag-out.mp4');
  expect(Math.abs(lagMs(src, join(work, 'frag-out.mp4')))).toBeLessThanOrEqual(0.25);
});
