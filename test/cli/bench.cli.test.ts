// `npm run bench` where parts of it cannot run: no ground truth for the key part, no RVM model,
// and BGMv2 timed on the test model the suite builds. Each says what it skipped and why, and the
// rest still runs and prints its table. (Timings are printed, never asserted.)
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt } from '../../src/cli/ensure-build.ts';
import { repoRoot } from '../support/shared-paths.ts';
import { runCli } from './cli-run.ts';

const exampleClip = join(repoRoot, 'examples/media/intel-people-4s.mp4');

test.describe.configure({ mode: 'serial' });

let dir: string;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  await ensureBuilt(repoRoot, { checkStale: true, verbose: false, log: (l) => console.log(l) });
  dir = mkdtempSync(join(tmpdir(), 'mattegraph-bench-cli-'));
  execFileSync('ffmpeg', ['-v', 'error', '-i', exampleClip, '-frames:v', '2', '-vf', 'scale=128:72', '-an', '-y', join(dir, 'clip.mp4')]);
});

test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('the key part alone says it is skipped when the ground truth folder is missing', async () => {
  const run = await runCli('bench', ['--key', '--no-build'], { env: { MATTEGRAPH_SHARED: join(dir, 'nowhere') } });
  expect(run.code, run.stderr).toBe(0);
  expect(run.stdout).toMatch(/Color Key accuracy: skipped: ground truth folder .*nowhere.* not found/);
  expect(run.stdout).not.toContain('RVM');
});

test('without RVM models the RVM part is skipped and BGMv2 runs on the test model', async () => {
  test.setTimeout(300_000);
  const emptyModels = mkdtempSync(join(dir, 'models-'));
  const run = await runCli('bench', [join(dir, 'clip.mp4'), '--only', 'rvm,bgmv2', '--no-webgpu', '--warmup', '0', '--models', emptyModels, '--no-build'],
    { timeoutMs: 280_000 });
  expect(run.code, run.stderr).toBe(0);
  expect(run.stdout).toMatch(/RVM: skipped: no models installed in /);
  expect(run.stdout).toContain('BGMv2 test model');
  expect(run.stdout).toMatch(/onnxruntime-node \(CPU\)\s+128x72\s+2\s+[\d.]+\s+[\d.]+\s+1\.00x \(ref\)/);
  expect(run.stdout).toMatch(/onnxruntime-web WASM\s+128x72\s+2\s+[\d.]+\s+[\d.]+\s+[\d.]+x\s+\d+ patches refined/);
  expect(run.stdout).not.toContain('full pipeline');
});
