// `npm run render -- examples/transcode.json` as a user runs it on clips it has not seen: the
// output has the source's frames, timestamps and audio (compared with ffprobe/ffmpeg), --out
// picks MP4, WebM or a PNG folder, a colour + matte pair lands beside OUT, and failures leave
// nothing behind that looks finished.

import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt } from '../../src/cli/ensure-build.ts';
import { repoRoot, sharedMedia } from '../support/shared-paths.ts';
import { runCli } from './cli-run.ts';

const transcode = join(repoRoot, 'examples/transcode.json');
const talking = sharedMedia('person_video/three_people_talking_1080p24_4s.mp4');

test.describe.configure({ mode: 'serial' });
let work: string;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  await ensureBuilt(repoRoot, { checkStale: true, verbose: false, log: (l) => console.log(l) });
  work = mkdtempSync(join(tmpdir(), 'mattegraph-cli-transcode-'));
});
test.afterAll(() => work && rmSync(work, { recursive: true, force: true }));

const ff = (args: string[]) => execFileSync('ffmpeg', ['-v', 'error', '-y', ...args], { maxBuffer: 1 << 28 });
const probe = (args: string[]) => execFileSync('ffprobe', ['-v', 'error', ...args]).toString();

/** Presentation times of the video frames, as ffmpeg shows the file. */
function frameTimes(file: string): number[] {
  return probe(['-select_streams', 'v:0', '-show_entries', 'frame=best_effort_timestamp_time', '-of', 'csv=p=0', file])
    .split('\n').filter((l) => l.trim()).map((l) => Number(l.split(',')[0]));
}
function audioMd5s(file: string): string[] {
  return ff(['-i', file, '-map', '0:a', '-c', 'copy', '-f', 'framemd5', '-']).toString()
    .split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(',')[5].trim());
}
const codecs = (file: string) => probe(['-show_entries', 'stream=codec_type,codec_name', '-of', 'csv=p=0', file]).trim().split('\n').sort();

async function render(args: string[]) {
  const run = await runCli('render', [transcode, ...args, '--no-build'], { cwd: work, timeoutMs: 240_000 });
  return run;
}

test('an MKV with B-frames and AAC becomes an MP4 with the same frames and the audio copied', async () => {
  test.setTimeout(300_000);
  const src = join(work, 'clip.mkv');
  ff(['-i', talking, '-f', 'lavfi', '-i', 'sine=frequency=300:duration=2', '-t', '2', '-vf', 'scale=320:180',
    '-c:v', 'libx264', '-bf', '3', '-c:a', 'aac', src]);
  expect(audioMd5s(src).length).toBeGreaterThan(80);
  const run = await render(['--set', 'source.file=clip.mkv', '--out', 'clip.mp4']);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stderr).toMatch(/wrote clip\.mp4 \(48 frames/);
  const out = join(work, 'clip.mp4');
  expect(codecs(out)).toEqual(['aac,audio', 'h264,video']);
  const a = frameTimes(src);
  const b = frameTimes(out);
  expect(b.length).toBe(a.length);
  // MKV stores milliseconds: the MP4 has the same times to the millisecond.
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - a[0] - (b[i] - b[0]))).toBeLessThan(0.0006);
  expect(audioMd5s(out)).toEqual(audioMd5s(src));
});

test('--out x.webm writes WebM (VP9) with a variable frame rate kept exactly', async () => {
  test.setTimeout(300_000);
  const src = join(work, 'vfr.mp4');
  ff(['-f', 'lavfi', '-i', 'testsrc2=size=160x90:rate=30', '-frames:v', '30', '-vf', "setpts='(N*0.05+0.02*mod(N\\,2))/TB'",
    '-fps_mode', 'vfr', '-c:v', 'libx264', '-video_track_timescale', '1000', src]);
  const run = await render(['--set', 'source.file=vfr.mp4', '--out', 'vfr.webm', '--verbose']);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stderr).toMatch(/note: codec VP9: WebM cannot hold H\.264/);
  expect(run.stderr).toMatch(/VideoFrames still open after the render: 0\n/);
  const out = join(work, 'vfr.webm');
  expect(codecs(out)).toEqual(['vp9,video']);
  expect(frameTimes(out)).toEqual(frameTimes(src));
});

test('--out FOLDER/ writes an RGBA PNG per frame; --range numbers them by source frame', async () => {
  test.setTimeout(300_000);
  const run = await render(['--set', `source.file=${join(repoRoot, 'examples/media/intel-people-4s.mp4')}`, '--range', '5:9', '--out', 'frames/']);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stderr).toMatch(/wrote 4 RGBA PNGs \(\d+\.\d+ MB, straight colour\) to frames\//);
  expect(readdirSync(join(work, 'frames'))).toEqual(['frames_000005.png', 'frames_000006.png', 'frames_000007.png', 'frames_000008.png']);
  expect(probe(['-show_entries', 'stream=width,height,pix_fmt', '-of', 'csv=p=0', join(work, 'frames', 'frames_000005.png')]).trim()).toBe('768,432,rgba');
  expect(readdirSync(work).filter((f) => f.endsWith('.part'))).toEqual([]);
});

test('a colour + matte pair writes OUT and OUT-matte side by side', async () => {
  test.setTimeout(300_000);
  const run = await render(['--set', `source.file=${join(repoRoot, 'examples/media/intel-people-4s.mp4')}`, '--set', 'export.format=matte-pair',
    '--range', '0:6', '--out', 'pair.mp4']);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stderr).toMatch(/wrote pair\.mp4 and pair-matte\.mp4 \(6 frames, \d+\.\d+ MB, straight colour\)/);
  // No alpha input: the picture's own alpha (opaque), which the export says.
  expect(run.stderr).toMatch(/note: the Alpha input is not connected and the picture is opaque/);
  const grey = ff(['-i', join(work, 'pair-matte.mp4'), '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'gray', '-']);
  expect(grey.reduce((m, v) => Math.min(m, v), 255), "darkest matte pixel").toBeGreaterThan(250);
});

test('--out that contradicts the Export format fails before rendering, leaving nothing', async () => {
  const run = await render(['--set', 'export.format=mp4', '--out', 'wrong.webm']);
  expect(run.code).toBe(1);
  expect(run.lines).toEqual(['error: --out wrong.webm names a WebM file, but export writes mp4 (MP4): change the extension, or --set export.format=webm']);
  expect(existsSync(join(work, 'wrong.webm'))).toBe(false);
});

test('a source damaged mid-stream fails naming the frame, and leaves no video or PNG folder', async () => {
  test.setTimeout(300_000);
  const clip = Buffer.from(readFileSync(join(repoRoot, 'examples/media/intel-people-4s.mp4')));
  const packets = probe(['-select_streams', 'v:0', '-show_entries', 'packet=pos,size', '-of', 'csv=p=0', join(repoRoot, 'examples/media/intel-people-4s.mp4')])
    .trim().split('\n').map((l) => l.split(',').map(Number));
  const [size, pos] = packets[20];
  for (let i = pos + 4; i < pos + size; i++) clip[i] = (i * 7919) & 255;
  writeFileSync(join(work, 'damaged.mp4'), clip);
  mkdirSync(join(work, 'out'), { recursive: true });
  for (const out of ['damaged-out.mp4', 'damaged-frames/']) {
    const run = await render(['--set', 'source.file=damaged.mp4', '--out', out]);
    expect(run.code, out).toBe(1);
    // Progress lines may come first; the failure is one line, the last.
    expect(run.lines.filter((l) => l.startsWith('error:'))).toHaveLength(1);
    expect(run.lines.at(-1)).toMatch(/^error: source: cannot decode frame 20 \(H\.264\)/);
    expect(readdirSync(work).filter((f) => f.startsWith('damaged-') || f.endsWith('.part')), out).toEqual([]);
  }
});

test('audio that cannot be copied or decoded fails with what to do; dropping it works', async () => {
  test.setTimeout(300_000);
  ff(['-f', 'lavfi', '-i', 'testsrc2=size=160x90:rate=25', '-f', 'lavfi', '-i', 'sine=duration=1', '-t', '1', '-c:v', 'libx264', '-c:a', 'ac3', join(work, 'ac3.mkv')]);
  const run = await render(['--set', 'source.file=ac3.mkv', '--out', 'ac3.webm']);
  expect(run.code).toBe(1);
  expect(run.lines.at(-1)).toBe('error: the source\'s audio (AC-3) cannot go into WebM and this browser cannot decode it to re-encode it as Opus: ' +
    'set the Export node\'s Audio to "No audio" to export without it');
  expect(readdirSync(work).filter((f) => f.startsWith('ac3.webm') || f.endsWith('.part'))).toEqual([]);
  const dropped = await render(['--set', 'source.file=ac3.mkv', '--set', 'export.audio=drop', '--out', 'ac3.webm']);
  expect(dropped.code, dropped.stderr).toBe(0);
  expect(codecs(join(work, 'ac3.webm'))).toEqual(['vp9,video']);
  // MP4 can hold AC-3: copied as it is.
  const mp4 = await render(['--set', 'source.file=ac3.mkv', '--out', 'ac3.mp4']);
  expect(mp4.code, mp4.stderr).toBe(0);
  expect(mp4.stderr).toMatch(/audio: AC-3 audio copied unchanged/);
  expect(audioMd5s(join(work, 'ac3.mp4'))).toEqual(audioMd5s(join(work, 'ac3.mkv')));
});
