// `npm run render` of the example graphs on real footage: the MP4 has the source's frame count,
// rate and duration; rvm-alpha's frames are the RVM matte (checked against onnxruntime-node
// running the same model file on the same frames); rvm-green puts the people over green.
import { test, expect } from '@playwright/test';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { autoDownsampleRatio } from '../../src/ml/auto-ratio.ts';
import { ensureBuilt } from '../../src/cli/ensure-build.ts';
import { decodeFrames, probeVideo } from '../../src/cli/ffmpeg-video.ts';
import { installedModelFile } from '../../src/cli/installed-model.ts';
import { RvmReference } from '../../src/cli/rvm-reference.ts';
import { repoRoot, sharedMedia } from '../support/shared-paths.ts';

const exampleClip = join(repoRoot, 'examples/media/intel-people-4s.mp4');

test.describe.configure({ mode: 'serial' });
let work: string;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  await ensureBuilt(repoRoot, { checkStale: true, verbose: false, log: (l) => console.log(l) });
  work = mkdtempSync(join(tmpdir(), 'mattegraph-cli-render-'));
});
test.afterAll(() => work && rmSync(work, { recursive: true, force: true }));

/** `npm run render -- ...` as documented, from `cwd` (npm --prefix finds the project from elsewhere). */
function npmRender(args: string[], cwd = repoRoot): Promise<{ code: number | null; stderr: string; seconds: number }> {
  const started = Date.now();
  return new Promise((done, fail) => {
    const child = spawn('npm', ['--prefix', repoRoot, 'run', '--silent', 'render', '--', ...args, '--no-build'], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stderr, seconds: (Date.now() - started) / 1000 }));
  });
}

test('rvm-alpha renders the RVM matte of every source frame, matching onnxruntime-node', async () => {
  test.setTimeout(600_000);
  const out = join(work, 'alpha.mp4');
  const run = await npmRender(['examples/rvm-alpha.json', '--out', out]);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stderr).toMatch(/wrote .*alpha\.mp4 \(40 frames/);
  console.log(`rvm-alpha: 40 frames 768x432 rendered in ${run.seconds.toFixed(1)} s`);

  const source = await probeVideo(exampleClip);
  const made = await probeVideo(out);
  expect(made.codec).toBe('h264');
  expect({ w: made.width, h: made.height }).toEqual({ w: source.width, h: source.height });
  expect(made.frameCount).toBe(source.frameCount);
  expect(made.fps).toBeCloseTo(source.fps, 3);
  expect(made.durationS).toBeCloseTo(source.durationS, 2);

  const { width, height } = source;
  const rgb = await decodeFrames(out, width, height, { pixelFormat: 'rgb24' });
  expect(rgb).toHaveLength(40);
  // A matte is grey: R = G = B up to compression noise.
  let chroma = 0;
  for (const f of rgb) for (let i = 0; i < f.length; i += 3) chroma += Math.abs(f[i] - f[i + 1]) + Math.abs(f[i + 1] - f[i + 2]);
  expect(chroma / (rgb.length * width * height), 'mean |R-G|+|G-B|').toBeLessThan(4);

  const matte = await decodeFrames(out, width, height, { pixelFormat: 'gray' });
  // Frame 0: the woman stands at the table (torso near x=450, y=200); the room around is background.
  const at = (f: Uint8Array, x: number, y: number) => f[y * width + x];
  expect(at(matte[0], 450, 200), 'person is bright').toBeGreaterThan(220);
  for (const [x, y] of [[20, 20], [740, 30], [100, 400], [700, 410], [640, 200]]) {
    expect(at(matte[0], x, y), `background at ${x},${y} is dark`).toBeLessThan(25);
  }
  const bright = matte[0].filter((v) => v > 200).length / (width * height);
  expect(bright, 'share of the frame that is person').toBeGreaterThan(0.03);
  expect(bright).toBeLessThan(0.3);

  // Reference: the same model file the node's `auto` picks, same ratio, state carried over.
  const model = installedModelFile(join(repoRoot, 'models'), 'auto');
  const ratio = autoDownsampleRatio(width, height);
  const frames = await decodeFrames(exampleClip, width, height, { pixelFormat: 'rgb24' });
  const rvm = await RvmReference.load(model.path);
  let sum = 0;
  let worstFrame = 0;
  try {
    for (let i = 0; i < frames.length; i++) {
      const { pha } = await rvm.run(frames[i], width, height, ratio);
      let frameSum = 0;
      for (let p = 0; p < pha.length; p++) frameSum += Math.abs(matte[i][p] / 255 - pha[p]);
      sum += frameSum;
      worstFrame = Math.max(worstFrame, frameSum / pha.length);
    }
  } finally {
    await rvm.release();
  }
  const mad = sum / (frames.length * width * height);
  console.log(`rvm-alpha vs onnxruntime-node (${model.entry.id}, ratio ${ratio}): mean abs diff ${mad.toFixed(4)}, worst frame ${worstFrame.toFixed(4)}`);
  expect(mad).toBeLessThan(0.02);
  expect(worstFrame).toBeLessThan(0.04);
});

test('rvm-green puts the people over green, on a clip given with --set relative to the cwd', async () => {
  test.setTimeout(600_000);
  // 12 frames at 384x216 from the original footage (t = 15 s: a woman at the table).
  execFileSync('ffmpeg', ['-v', 'error', '-ss', '15', '-i', sharedMedia('person_video/intel_one-by-one-person-detection.mp4'),
    '-frames:v', '12', '-vf', 'scale=384:216', '-c:v', 'libx264', '-crf', '14', '-pix_fmt', 'yuv420p', '-an', '-y', join(work, 'small.mp4')]);
  const run = await npmRender([join(repoRoot, 'examples/rvm-green.json'), '--set', 'source.file=small.mp4', '--out', 'green.mp4'], work);
  expect(run.code, run.stderr).toBe(0);
  console.log(`rvm-green: 12 frames 384x216 rendered in ${run.seconds.toFixed(1)} s`);
  expect(readdirSync(work).filter((f) => f.endsWith('.part')), 'temp file renamed').toEqual([]);

  const source = await probeVideo(join(work, 'small.mp4'));
  const made = await probeVideo(join(work, 'green.mp4'));
  expect(made.frameCount).toBe(12);
  expect(made.fps).toBeCloseTo(source.fps, 3);
  expect(made.durationS).toBeCloseTo(source.durationS, 2);
  expect({ w: made.width, h: made.height }).toEqual({ w: 384, h: 216 });

  const { width, height } = made;
  const out = await decodeFrames(join(work, 'green.mp4'), width, height);
  const src = await decodeFrames(join(work, 'small.mp4'), width, height);
  for (const i of [0, 11]) {
    let green = 0;
    let keptDiff = 0;
    let kept = 0;
    for (let p = 0; p < width * height; p++) {
      const [r, g, b] = [out[i][3 * p], out[i][3 * p + 1], out[i][3 * p + 2]];
      if (g > 200 && r < 70 && b < 70) green++;
      else if (Math.abs(g - 255) > 60) {
        // Clearly not background: the person, which should look like the source there.
        kept++;
        keptDiff += (Math.abs(r - src[i][3 * p]) + Math.abs(g - src[i][3 * p + 1]) + Math.abs(b - src[i][3 * p + 2])) / 3;
      }
    }
    const share = green / (width * height);
    expect(share, `frame ${i}: share of green background`).toBeGreaterThan(0.6);
    expect(share).toBeLessThan(0.98);
    expect(kept, `frame ${i}: the person is kept`).toBeGreaterThan(0.02 * width * height);
    expect(keptDiff / kept, `frame ${i}: person looks like the source`).toBeLessThan(20);
  }
});

test('--range renders only frames IN..OUT-1, the matte starting fresh at IN', async () => {
  test.setTimeout(300_000);
  const out = join(work, 'range.mp4');
  const ratio = 0.25;
  const run = await npmRender(['examples/rvm-alpha.json', '--range', '30:33', '--set', `matte.downsampleRatio=${ratio}`, '--out', out]);
  expect(run.code, run.stderr).toBe(0);
  const made = await probeVideo(out);
  expect(made.frameCount).toBe(3);
  expect(made.durationS).toBeCloseTo(0.3, 2);

  const { width, height } = made;
  const matte = await decodeFrames(out, width, height, { pixelFormat: 'gray' });
  const source = await decodeFrames(exampleClip, width, height, { pixelFormat: 'rgb24' });
  const rvm = await RvmReference.load(installedModelFile(join(repoRoot, 'models'), 'auto').path);
  try {
    for (let i = 0; i < 3; i++) {
      const { pha } = await rvm.run(source[30 + i], width, height, ratio);
      let sum = 0;
      for (let p = 0; p < pha.length; p++) sum += Math.abs(matte[i][p] / 255 - pha[p]);
      expect(sum / pha.length, `frame ${30 + i} vs onnxruntime-node from a fresh state`).toBeLessThan(0.02);
    }
  } finally {
    await rvm.release();
  }
});
