// `npm run bench -- CLIP.mp4`: on the same frames in one run, RVM and BGMv2 ms/frame in the
// browser on each execution provider (WebGPU both with frames through the CPU and GPU-resident),
// onnxruntime-node's native ms/frame for the same model and size, their ratio, the whole
// pipeline's frames per second (examples/rvm-green.json), and the Color Key's alpha error on
// synthetic green-screen frames next to ffmpeg's keyers (`--key` runs that part alone). Prints a
// table and writes bench-results/bench-<timestamp>.json. A measurement, not a test: nothing is
// asserted.

import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { benchUsage, needsClip, parseBenchArgs, type BenchOptions } from './bench-args.ts';
import { runClipParts } from './bench-clip.ts';
import { formatBenchTable, type BenchReport } from './bench-report.ts';
import { CliError, EXIT_FAILED, oneLine } from './cli-error.ts';
import { ensureBuilt } from './ensure-build.ts';
import { defaultGroundTruthDir } from './key-bench/green-screen-frames.ts';
import { keyBenchUnavailable, measureKeyAccuracy } from './key-bench/key-accuracy.ts';
import { ProgressLine } from './progress.ts';
import { projectRoot, userCwd } from './project-paths.ts';

async function keyPart(opts: BenchOptions, progress: ProgressLine, build: () => Promise<void>): Promise<NonNullable<BenchReport['key']>> {
  const groundTruth = opts.groundTruth ? resolve(userCwd(), opts.groundTruth) : defaultGroundTruthDir();
  const why = keyBenchUnavailable(groundTruth);
  if (why) {
    progress.log(`Color Key accuracy: skipped: ${why}`);
    return { skipped: why };
  }
  await build();
  return measureKeyAccuracy(groundTruth, {
    verbose: opts.verbose,
    log: (l) => progress.log(l),
    onStill: (done, total) => progress.update(done, total, 'still'),
  });
}

async function bench(opts: BenchOptions) {
  const progress = new ProgressLine();
  const log = (line: string) => progress.log(line);
  let clipPath: string | undefined;
  if (opts.clip) {
    clipPath = resolve(userCwd(), opts.clip);
    try {
      if (!statSync(clipPath).isFile()) throw new Error();
    } catch {
      throw new CliError(`clip ${opts.clip} not found`);
    }
  }
  let built: Promise<void> | undefined;
  const build = () => (built ??= ensureBuilt(projectRoot, { checkStale: opts.build, verbose: opts.verbose, log }));
  const report: BenchReport = {
    date: new Date().toISOString(),
    machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version },
    warmupRuns: opts.warmup,
  };
  const work = mkdtempSync(join(tmpdir(), 'mattegraph-bench-'));
  try {
    if (clipPath && needsClip(opts.parts)) {
      await build();
      const { browser, ...parts } = await runClipParts(opts, clipPath, work, progress);
      Object.assign(report, parts);
      Object.assign(report.machine, browser);
    }
    if (opts.parts.has('key')) report.key = await keyPart(opts, progress, build);
    progress.end();
    mkdirSync(join(projectRoot, 'bench-results'), { recursive: true });
    const jsonPath = join(projectRoot, 'bench-results', `bench-${report.date.replace(/[:.]/g, '-')}.json`);
    writeFileSync(jsonPath, JSON.stringify(report, null, 2) + '\n');
    process.stdout.write(`${formatBenchTable(report)}\nJSON: ${jsonPath}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function main(argv: string[]): Promise<number> {
  let opts: BenchOptions | undefined;
  try {
    opts = parseBenchArgs(argv);
    if (!opts) {
      process.stdout.write(`${benchUsage}\n`);
      return 0;
    }
    await bench(opts);
    return 0;
  } catch (e) {
    if (opts?.verbose && e instanceof Error && !(e instanceof CliError)) process.stderr.write(`${e.stack}\n`);
    process.stderr.write(`error: ${oneLine(e)}\n`);
    return e instanceof CliError ? e.exitCode : EXIT_FAILED;
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
