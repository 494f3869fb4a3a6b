// `npm run render` on bad input: each case exits non-zero quickly with one clear line on stderr
// (no stack trace), and leaves no output file or temp file behind, and no Chromium running (each
// run carries a marker in its environment, which the browser it starts inherits).
import { test, expect } from '@playwright/test';
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt } from '../../src/cli/ensure-build.ts';
import { identityModelBytes } from '../../src/ml/onnx-identity-model.ts';
import { repoRoot } from '../support/shared-paths.ts';
import { leftovers, runCli } from './cli-run.ts';

const exampleClip = join(repoRoot, 'examples/media/intel-people-4s.mp4');
const alpha = join(repoRoot, 'examples/rvm-alpha.json');

test.describe.configure({ mode: 'serial' });

let inputs: string;

// Own temp folders: test-results/ may be wiped by another Playwright run on the same checkout.
test.beforeAll(async () => {
  test.setTimeout(300_000);
  await ensureBuilt(repoRoot, { checkStale: true, verbose: false, log: (l) => console.log(l) });
  inputs = mkdtempSync(join(tmpdir(), 'mattegraph-cli-inputs-'));
  writeFileSync(join(inputs, 'malformed.json'), '{"format": "mattegraph", "version": 1, "nodes": [');
  writeFileSync(join(inputs, 'notes.mp4'), 'These are my notes, not a video.\n');
  // The first half of a fast-start MP4: the index is complete, half the frames are missing.
  const clip = readFileSync(exampleClip);
  writeFileSync(join(inputs, 'truncated.mp4'), clip.subarray(0, Math.floor(clip.length / 2)));
  copyFileSync(exampleClip, join(inputs, 'clip.mp4'));
  execFileSync('ffmpeg', ['-v', 'error', '-i', exampleClip, '-frames:v', '4', '-vf', 'scale=192:108', '-c:v', 'libx265',
    '-x265-params', 'log-level=error', '-tag:v', 'hvc1', '-an', '-y', join(inputs, 'hevc.mp4')]);
  const graph = JSON.parse(readFileSync(join(repoRoot, 'examples/rvm-green.json'), 'utf8'));
  graph.nodes[0].params.file = 'clip.mp4';
  // composite.image -> matte.source while matte feeds composite: a cycle.
  graph.edges[0] = { from: { node: 'composite', port: 'image' }, to: { node: 'matte', port: 'source' } };
  writeFileSync(join(inputs, 'cycle.json'), JSON.stringify(graph));
  const noExport = JSON.parse(readFileSync(alpha, 'utf8'));
  noExport.nodes = noExport.nodes.filter((n: { id: string }) => n.id !== 'export');
  noExport.edges = noExport.edges.filter((e: { to: { node: string } }) => e.to.node !== 'export');
  noExport.nodes[0].params.file = 'clip.mp4';
  writeFileSync(join(inputs, 'no-export.json'), JSON.stringify(noExport));
  mkdirSync(join(inputs, 'empty-models'), { recursive: true });
  // A picture named like a video: the Video Source would make a one-frame clip of it.
  execFileSync('ffmpeg', ['-v', 'error', '-i', exampleClip, '-frames:v', '1', '-vf', 'scale=96:54', '-f', 'mjpeg', '-y', join(inputs, 'picture.mp4')]);
  // A size Chromium's H.264 encoder (OpenH264) refuses; it decodes it.
  execFileSync('ffmpeg', ['-v', 'error', '-i', exampleClip, '-frames:v', '1', '-vf', 'scale=5760:3240', '-c:v', 'libx264', '-preset', 'ultrafast',
    '-an', '-y', join(inputs, 'huge.mp4')]);
  execFileSync('ffmpeg', ['-v', 'error', '-i', exampleClip, '-frames:v', '3', '-vf', 'scale=160:90', '-c:v', 'flv', '-an', '-y', join(inputs, 'clip.flv')]);
  writeFileSync(join(inputs, 'null.json'), 'null\n');
  const urlSource = JSON.parse(readFileSync(alpha, 'utf8'));
  urlSource.nodes[0].params.file = 'https://example.com/clip.mp4';
  writeFileSync(join(inputs, 'url-source.json'), JSON.stringify(urlSource));
  // Models folders whose listed file is not ONNX, or is ONNX without RVM's inputs and outputs.
  const listing = (id: string, file: string) => JSON.stringify({
    format: 'mattegraph-installed-models', version: 1,
    models: [{ id, family: 'rvm', label: id, precision: 'fp32', official: false, url: `/models/weights/${file}`, file }],
  });
  mkdirSync(join(inputs, 'models-not-onnx/weights'), { recursive: true });
  writeFileSync(join(inputs, 'models-not-onnx/installed.json'), listing('rvm_text', 'text.onnx'));
  writeFileSync(join(inputs, 'models-not-onnx/weights/text.onnx'), 'These are not weights.\n'.repeat(50));
  mkdirSync(join(inputs, 'models-wrong-io/weights'), { recursive: true });
  writeFileSync(join(inputs, 'models-wrong-io/installed.json'), listing('rvm_identity', 'identity.onnx'));
  writeFileSync(join(inputs, 'models-wrong-io/weights/identity.onnx'), identityModelBytes());
});

/** Processes still running with `marker` in their environment (a browser the CLI left behind). */
function processesMarked(marker: string): number[] {
  const found: number[] = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(marker)) found.push(Number(pid));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}

/** Waits (briefly) for the CLI's Chromium to be gone; returns those still running. */
async function straysOf(marker: string): Promise<number[]> {
  for (let i = 0; i < 20; i++) {
    const left = processesMarked(marker);
    if (!left.length) return left;
    await new Promise((r) => setTimeout(r, 250));
  }
  return processesMarked(marker);
}

let runs = 0;
const runMarker = () => `MATTEGRAPH_ERRORS_TEST_RUN=${process.pid}-${++runs}`;

interface BadCase {
  name: string;
  args: () => string[];
  env?: () => Record<string, string>;
  expected: RegExp;
  exitCode?: number;
}

const cases: BadCase[] = [
  { name: 'a missing graph file', args: () => [join(inputs, 'nowhere.json')], expected: /^error: graph file .*nowhere\.json not found$/ },
  { name: 'a graph file with invalid JSON', args: () => [join(inputs, 'malformed.json')], expected: /^error: graph file .*malformed\.json is not valid JSON/ },
  { name: 'a graph with a cycle', args: () => [join(inputs, 'cycle.json')], expected: /^error: malformed graph: .*cycle/ },
  { name: 'a graph without an Export node', args: () => [join(inputs, 'no-export.json')], expected: /^error: the graph has no Export node/ },
  { name: 'a --set naming no node of the graph', args: () => [alpha, '--set', 'mat.model=auto'], expected: /^error: --set mat\.model: the graph has no node "mat"$/ },
  { name: 'a missing source file', args: () => [alpha, '--set', `source.file=${join(inputs, 'gone.mp4')}`], expected: /^error: source: file not found: ".*gone\.mp4"$/ },
  { name: 'a text file named .mp4', args: () => [alpha, '--set', `source.file=${join(inputs, 'notes.mp4')}`], expected: /^error: source: .*notes\.mp4.*not a video file .*: it is text$/ },
  { name: 'a Flash video (FLV)', args: () => [alpha, '--set', `source.file=${join(inputs, 'clip.flv')}`], expected: /^error: source: .*clip\.flv.*not a video file .*: it is a Flash video \(FLV; re-save it as MP4\)$/ },
  { name: 'a truncated MP4', args: () => [alpha, '--set', `source.file=${join(inputs, 'truncated.mp4')}`], expected: /^error: source: .*truncated/ },
  { name: 'a codec the browser cannot decode (HEVC)', args: () => [alpha, '--set', `source.file=${join(inputs, 'hevc.mp4')}`], expected: /^error: source: .*cannot decode H\.265\/HEVC/ },
  { name: 'a model id that is not installed', args: () => [alpha, '--set', 'matte.model=rvm_not_there'], expected: /^error: matte: model "rvm_not_there" is not installed/ },
  { name: 'an empty models folder', args: () => [alpha], env: () => ({ MATTEGRAPH_MODELS_DIR: join(inputs, 'empty-models') }), expected: /^error: matte: No RVM model installed: run `npm run models`/ },
  { name: 'a stalled render (watchdog)', args: () => [alpha, '--watchdog', '0.3'], expected: /^error: no progress for 0\.3 s, giving up/ },
  { name: 'a command line without --out', args: () => [alpha], expected: /^error: no output file given/, exitCode: 2 },
  { name: 'a video given where the graph goes', args: () => [join(inputs, 'clip.mp4')], expected: /^error: graph file .*clip\.mp4 is binary data, not a graph \(JSON\)/ },
  { name: 'a graph file holding null', args: () => [join(inputs, 'null.json')], expected: /^error: graph file .*null\.json is not a Mattegraph graph: it holds null/ },
  { name: 'a JPEG picture named .mp4', args: () => [alpha, '--set', `source.file=${join(inputs, 'picture.mp4')}`], expected: /^error: source\.file: ".*picture\.mp4" is a JPEG picture, not an MP4 video/ },
  { name: 'a device given as the source file', args: () => [alpha, '--set', 'source.file=/dev/zero'], expected: /^error: source\.file: "\/dev\/zero" is not a regular file/ },
  { name: 'a URL as the source file', args: () => [join(inputs, 'url-source.json')], expected: /^error: source\.file: "https:\/\/example\.com\/clip\.mp4" is a URL; the render reads local files only/ },
  { name: 'a models folder that does not exist', args: () => [alpha, '--models', join(inputs, 'no-models-here')], expected: /^error: models folder .*no-models-here does not exist$/ },
  { name: 'a model file that is not ONNX', args: () => [alpha, '--models', join(inputs, 'models-not-onnx')], expected: /^error: matte: model "rvm_text" \(.*text\.onnx\) is not an ONNX model/ },
  { name: 'an ONNX model without RVM\'s inputs and outputs', args: () => [alpha, '--models', join(inputs, 'models-wrong-io')], expected: /^error: matte: model "rvm_identity" \(.*identity\.onnx\) is not a usable Robust Video Matting model: input "src" is missing \(the model's inputs are: x\)/ },
  { name: 'a frame size the H.264 encoder refuses', args: () => [alpha, '--set', `source.file=${join(inputs, 'huge.mp4')}`], expected: /^error: this browser cannot encode H\.264 video at 5760x3240, \d+\.\d\d fps$/ },
  { name: 'an output folder no file can be created in', args: () => [alpha, '--out', '/sys/result.mp4'], expected: /^error: cannot write to \/sys \((permission denied|read-only file system)\)$/ },
];

for (const c of cases) {
  test(`fails clearly on ${c.name}`, async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'mattegraph-cli-out-'));
    const out = join(outDir, 'result.mp4');
    const given = c.args();
    const args = c.exitCode === 2 || given.includes('--out') ? [...given, '--no-build'] : [...given, '--out', out, '--no-build'];
    try {
      const marker = runMarker();
      const [key, value] = marker.split('=');
      const run = await runCli('render', args, { env: { ...c.env?.(), [key]: value } });
      expect(run.code, run.stderr).toBe(c.exitCode ?? 1);
      expect(run.lines, 'exactly one line on stderr').toHaveLength(1);
      expect(run.lines[0]).toMatch(c.expected);
      expect(run.seconds, 'fails fast').toBeLessThan(60);
      expect(leftovers(outDir), 'no output or temp file left').toEqual([]);
      expect(await straysOf(marker), 'no Chromium process left running').toEqual([]);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });
}

test('a frame size the H.264 encoder refuses fails before any node evaluates a frame', async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'mattegraph-cli-out-'));
  try {
    // --verbose lists the status of every node that made a frame: here the matte never ran.
    const run = await runCli('render', [alpha, '--set', `source.file=${join(inputs, 'huge.mp4')}`, '--out', join(outDir, 'result.mp4'), '--no-build', '--verbose']);
    expect(run.code, run.stderr).toBe(1);
    expect(run.lines.at(-1)).toMatch(/^error: this browser cannot encode H\.264 video at 5760x3240, \d+\.\d\d fps$/);
    expect(run.lines.filter((l) => /^(source|matte): /.test(l)), 'no node status: no frame was made').toEqual([]);
    expect(leftovers(outDir)).toEqual([]);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
});

test.afterAll(() => inputs && rmSync(inputs, { recursive: true, force: true }));

test('an interrupted render (Ctrl-C) exits 130 and leaves no output or temp file', async () => {
  test.setTimeout(120_000);
  const outDir = mkdtempSync(join(tmpdir(), 'mattegraph-cli-out-'));
  const marker = runMarker();
  const [key, value] = marker.split('=');
  const child = spawn(process.execPath, [join(repoRoot, 'node_modules/tsx/dist/cli.mjs'), join(repoRoot, 'src/cli/render.ts'),
    alpha, '--out', join(outDir, 'result.mp4'), '--no-build'], { cwd: repoRoot, env: { ...process.env, [key]: value }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
  await new Promise<void>((started, fail) => {
    child.stderr.on('data', (b: Buffer) => {
      stderr += b;
      if (/frame \d+\/40/.test(stderr)) started();
    });
    child.on('close', () => fail(new Error(`render ended before the first frame: ${stderr}`)));
  });
  expect(readdirSync(outDir).filter((f) => f.endsWith('.part')), 'the temp file exists while rendering').toHaveLength(1);
  child.kill('SIGINT');
  expect(await exited).toBe(130);
  expect(stderr).toMatch(/render interrupted \(SIGINT\); no output written/);
  try {
    expect(leftovers(outDir)).toEqual([]);
    expect(await straysOf(marker), 'no Chromium process left running').toEqual([]);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
});
