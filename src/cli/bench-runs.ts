// The timed parts of the bench: RVM on onnxruntime-node (native reference) and in the browser
// (headless page, each execution provider), both on the same decoded frames.

import { distDir, modelsDirFor } from './project-paths.ts';
import type { BenchOptions } from './bench-args.ts';
import { HeadlessBrowser } from './headless-browser.ts';
import { HEADLESS_API, type HeadlessApi, type HeadlessBenchJob, type HeadlessBenchResult } from './headless-protocol.ts';
import type { ProgressLine } from './progress.ts';
import { startRenderServer } from './render-server.ts';
import { RvmReference } from './rvm-reference.ts';

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export async function nativeBench(modelPath: string, frames: Uint8Array[], width: number, height: number, ratio: number, warmup: number) {
  const rvm = await RvmReference.load(modelPath);
  try {
    const warmupMs: number[] = [];
    for (let i = 0; i < warmup; i++) warmupMs.push((await rvm.run(frames[i % frames.length], width, height, ratio, 4)).ms);
    rvm.reset();
    const ms: number[] = [];
    for (const f of frames) ms.push((await rvm.run(f, width, height, ratio, 4)).ms);
    return { frames: frames.length, msPerFrame: mean(ms), medianMs: median(ms), warmupMs };
  } finally {
    await rvm.release();
  }
}

export async function browserBench(opts: BenchOptions, job: Omit<HeadlessBenchJob, 'framesPath'>, framesFile: string, progress: ProgressLine) {
  const server = await startRenderServer({
    distDir,
    modelsDir: modelsDirFor(opts.modelsDir),
    extraFiles: { '/__bench/frames.rgba': framesFile },
  });
  const browser = await HeadlessBrowser.open({
    origin: server.origin,
    watchdogMs: 300_000,
    verbose: opts.verbose,
    log: (l) => progress.log(l),
    onProgress: (done, total, label) => progress.update(done, total, label),
  });
  try {
    const full: HeadlessBenchJob = { ...job, framesPath: '/__bench/frames.rgba' };
    const result = (await browser.guard(
      browser.page.evaluate(([name, j]) => (window as unknown as Record<string, HeadlessApi>)[name].bench(j), [HEADLESS_API, full] as const),
    )) as HeadlessBenchResult;
    progress.end();
    return { ...result, browserVersion: browser.browserVersion };
  } finally {
    await browser.close();
    await server.close();
  }
}

