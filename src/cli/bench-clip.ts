// The parts of the bench that time the user's clip: its frames prepared once (scaled, near-
// lossless), RVM and BGMv2 on every EP in one headless page session, then the full pipeline.

import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { autoDownsampleRatio } from '../ml/auto-ratio.ts';
import type { BenchOptions } from './bench-args.ts';
import { bgmv2Part, rvmPart, type FrameSet, type PartContext } from './bench-parts.ts';
import type { BenchReport } from './bench-report.ts';
import { BrowserBenchSession } from './bench-runs.ts';
import { CliError, oneLine } from './cli-error.ts';
import { decodeFrames, probeVideo } from './ffmpeg-video.ts';
import { installedModelFile } from './installed-model.ts';
import type { ProgressLine } from './progress.ts';
import { modelsDirFor, projectRoot } from './project-paths.ts';
import { renderGraph } from './render-job.ts';

const run = promisify(execFile);

/** Default WebGPU size on a software adapter: long side 256, the clip's aspect, even sides. */
export function smallSize(width: number, height: number, longSide = 256): { width: number; height: number } {
  const scale = Math.min(1, longSide / Math.max(width, height));
  const even = (n: number) => Math.max(16, 2 * Math.round((n * scale) / 2));
  return { width: even(width), height: even(height) };
}

export type ClipResults = Pick<BenchReport, 'clip' | 'rvm' | 'bgmv2' | 'pipeline'> & { browser?: Partial<BenchReport['machine']> };

async function pipelinePart(opts: BenchOptions, benchClip: string, ratio: number, work: string, progress: ProgressLine): Promise<NonNullable<BenchReport['pipeline']>> {
  let modelId: string;
  try {
    modelId = installedModelFile(modelsDirFor(opts.modelsDir), opts.model).entry.id;
  } catch (e) {
    if (e instanceof CliError) return { skipped: e.message };
    throw e;
  }
  progress.log('full pipeline: examples/rvm-green.json...');
  const summary = await renderGraph({
    graphPath: join(projectRoot, 'examples/rvm-green.json'),
    out: join(work, 'pipeline.mp4'),
    sets: [
      { node: 'source', param: 'file', text: benchClip },
      { node: 'matte', param: 'model', text: modelId },
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
  return {
    graph: 'examples/rvm-green.json', rvmEp: summary.statuses.matte?.facts?.EP ?? 'unknown', frames: summary.frames, steadyFps,
    exportSeconds: summary.exportMs / 1000, overallFps: summary.frames / (summary.exportMs / 1000), wallSeconds: summary.totalMs / 1000,
  };
}

export async function runClipParts(opts: BenchOptions, clipPath: string, work: string, progress: ProgressLine): Promise<ClipResults> {
  const probed = await probeVideo(clipPath).catch((e: Error) => {
    throw new CliError(`cannot read clip ${opts.clip}: ${oneLine(e).split(': ').pop()}`);
  });
  const count = Math.min(opts.frames, probed.frameCount);
  const size = opts.size ?? { width: probed.width - (probed.width % 2), height: probed.height - (probed.height % 2) };
  // One short clip of the frames every measurement uses (scaled once, near-lossless).
  const benchClip = join(work, 'frames.mp4');
  progress.log(`preparing ${count} frames at ${size.width}x${size.height} from ${clipPath.split('/').pop()}...`);
  await run('ffmpeg', ['-v', 'error', '-i', clipPath, '-frames:v', String(count), '-vf', `scale=${size.width}:${size.height}`,
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '8', '-pix_fmt', 'yuv420p', '-an', '-y', benchClip]);
  const frames = await decodeFrames(benchClip, size.width, size.height, { pixelFormat: 'rgba' });
  const results: ClipResults = {
    clip: { path: clipPath, width: size.width, height: size.height, frames: frames.length, sourceFps: probed.fps },
  };

  if (opts.parts.has('rvm') || opts.parts.has('bgmv2')) {
    const session = await BrowserBenchSession.open({ modelsDir: opts.modelsDir, verbose: opts.verbose, work }, progress);
    try {
      const probe = await session.run([]);
      results.browser = {
        chromium: session.browserVersion, webgpuAdapter: probe.adapter, softwareAdapter: probe.softwareAdapter,
        browserThreads: probe.threads, crossOriginIsolated: probe.isolated,
      };
      const main: FrameSet = { ...size, frames };
      const webgpuSize = opts.webgpuSize ?? (probe.softwareAdapter ? smallSize(size.width, size.height) : size);
      const webgpuCount = Math.min(frames.length, opts.webgpuFrames ?? (probe.softwareAdapter ? 2 : frames.length));
      const sameSize = webgpuSize.width === size.width && webgpuSize.height === size.height;
      const webgpu: FrameSet = {
        ...webgpuSize,
        frames: sameSize ? frames.slice(0, webgpuCount) : await decodeFrames(benchClip, size.width, size.height, { pixelFormat: 'rgba', count: webgpuCount, size: webgpuSize }),
      };
      const ctx: PartContext = { opts, session, progress, main, webgpu, softwareAdapter: probe.softwareAdapter, adapter: probe.adapter, work };
      if (opts.parts.has('rvm')) results.rvm = await rvmPart(ctx);
      if (opts.parts.has('bgmv2')) {
        // The plate: the clip's first frame (for timing; BGMv2's cost does not depend on it).
        results.bgmv2 = await bgmv2Part(ctx, { main: frames[0], webgpu: webgpu.frames[0] });
      }
    } finally {
      await session.close();
      progress.end();
    }
  }
  if (opts.parts.has('pipeline')) {
    results.pipeline = await pipelinePart(opts, benchClip, opts.ratio ?? autoDownsampleRatio(size.width, size.height), work, progress);
  }
  return results;
}
