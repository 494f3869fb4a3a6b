// `npm run bench -- CLIP.mp4`: on the same frames in one run, RVM ms/frame in the browser on each
// execution provider, onnxruntime-node's native ms/frame for the same model and ratio, their
// ratio, and the whole pipeline's frames per second (examples/rvm-green.json). Prints a table and
// writes bench-results/bench-<timestamp>.json. A measurement, not a test: nothing is asserted.

import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { autoDownsampleRatio } from '../ml/auto-ratio.ts';
import { benchUsage, parseBenchArgs, type BenchOptions } from './bench-args.ts';
import { formatBenchTable, type BenchReport } from './bench-report.ts';
import { CliError, EXIT_FAILED, oneLine } from './cli-error.ts';
import { ensureBuilt } from './ensure-build.ts';
import { decodeFrames, probeVideo } from './ffmpeg-video.ts';
import { installedModelFile } from './installed-model.ts';
import { ProgressLine } from './progress.ts';
import { modelsDirFor, projectRoot, userCwd } from './project-paths.ts';
import { renderGraph } from './render-job.ts';
import { browserBench, nativeBench } from './bench-runs.ts';

const run = promisify(execFile);

async function bench(opts: BenchOptions) {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const clipPath = resolve(userCwd(), opts.clip);
  try {
    if (!statSync(clipPath).isFile()) throw new Error();
  } catch {
    throw new CliError(`clip ${opts.clip} not found`);
  }
  const probed = await probeVideo(clipPath).catch((e: Error) => {
    throw new CliError(`cannot read clip ${opts.clip}: ${oneLine(e).split(': ').pop()}`);
  });
  const count = Math.min(opts.frames, probed.frameCount);
  const size = opts.size ?? { width: probed.width - (probed.width % 2), height: probed.height - (probed.height % 2) };
  const modelsDir = modelsDirFor(opts.modelsDir);
  const model = installedModelFile(modelsDir, opts.model);
  const ratio = opts.ratio ?? autoDownsampleRatio(size.width, size.height);
  await ensureBuilt(projectRoot, { checkStale: opts.build, verbose: opts.verbose, log });

  const work = mkdtempSync(join(tmpdir(), 'mattegraph-bench-'));
  try {
    // One short clip of the frames every measurement uses (scaled once, near-lossless).
    const benchClip = join(work, 'frames.mp4');
    log(`preparing ${count} frames at ${size.width}x${size.height} from ${basename(clipPath)}...`);
    await run('ffmpeg', ['-v', 'error', '-i', clipPath, '-frames:v', String(count), '-vf', `scale=${size.width}:${size.height}`,
      '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '8', '-pix_fmt', 'yuv420p', '-an', '-y', benchClip]);
    const frames = await decodeFrames(benchClip, size.width, size.height, { pixelFormat: 'rgba' });
    const framesFile = join(work, 'frames.rgba');
    writeFileSync(framesFile, Buffer.concat(frames));

    log(`onnxruntime-node: ${opts.warmup} warm-up runs, then ${frames.length} frames...`);
    const native = await nativeBench(model.path, frames, size.width, size.height, ratio, opts.warmup);

    log(`browser (onnxruntime-web): WASM${opts.webgpu ? ', then WebGPU' : ''}...`);
    const progress = new ProgressLine();
    const browser = await browserBench(opts, {
      width: size.width, height: size.height, modelId: model.entry.id, ratio,
      eps: opts.webgpu ? ['wasm', 'webgpu'] : ['wasm'], warmup: opts.warmup, webgpuSoftwareFrames: 2,
    }, framesFile, progress);

    let pipeline: BenchReport['pipeline'];
    if (opts.pipeline) {
      log('full pipeline: examples/rvm-green.json...');
      const summary = await renderGraph({
        graphPath: join(projectRoot, 'examples/rvm-green.json'),
        out: join(work, 'pipeline.mp4'),
        sets: [
          { node: 'source', param: 'file', text: benchClip },
          { node: 'matte', param: 'model', text: model.entry.id },
          { node: 'matte', param: 'downsampleRatio', text: String(ratio) },
        ],
        modelsDir: opts.modelsDir,
        watchdogSeconds: 300,
        build: false,
        verbose: opts.verbose,
      }, progress, []);
      progress.end();
      const done = summary.frameDoneAt;
      // Steady rate: from the first frame out to the last (model loading and start-up excluded).
      const steadyFps = done.length > 1 ? (done.length - 1) / ((done[done.length - 1] - done[0]) / 1000) : undefined;
      pipeline = {
        graph: 'examples/rvm-green.json', rvmEp: summary.statuses.matte?.facts?.EP ?? 'unknown', frames: summary.frames, steadyFps,
        exportSeconds: summary.exportMs / 1000, overallFps: summary.frames / (summary.exportMs / 1000), wallSeconds: summary.totalMs / 1000,
      };
    }

    const report: BenchReport = {
      date: new Date().toISOString(),
      machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version, chromium: browser.browserVersion, webgpuAdapter: browser.adapter, browserThreads: browser.threads, crossOriginIsolated: browser.isolated },
      clip: { path: clipPath, width: size.width, height: size.height, frames: frames.length, sourceFps: probed.fps },
      model: { id: model.entry.id, precision: model.entry.precision, file: model.path },
      downsampleRatio: ratio,
      warmupRuns: opts.warmup,
      native: { runtime: 'onnxruntime-node (CPU)', ...native },
      browser: browser.eps,
      pipeline,
    };
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
