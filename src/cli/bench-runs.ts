// The timed parts of the bench: RVM on onnxruntime-node (native reference), and one headless
// browser session (server + page) in which the cases run on onnxruntime-web, all on the same
// decoded frames. Files the page reads (frames, plates, a test model and its list) are served
// through the render server's registered-media route.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { installedIndex } from '../ml/installed-index.ts';
import type { ModelEntry } from '../ml/model-library.ts';
import type { BenchCase, BenchPageJob, BenchPageResult } from './bench-protocol.ts';
import { mean, median } from './bench-stats.ts';
import { HeadlessBrowser } from './headless-browser.ts';
import { HEADLESS_API, type HeadlessApi } from './headless-protocol.ts';
import type { ProgressLine } from './progress.ts';
import { distDir, modelsDirFor } from './project-paths.ts';
import { startRenderServer, type RenderServer } from './render-server.ts';
import { RvmReference } from './rvm-reference.ts';

export async function nativeRvm(modelPath: string, frames: Uint8Array[], width: number, height: number, ratio: number, warmup: number) {
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

const NO_FRAMES: Omit<BenchPageJob, 'cases'> = { framesPath: '', width: 0, height: 0, modelId: '', ratio: 1, eps: [], warmup: 0, webgpuSoftwareFrames: 0 };

/** One server and one headless page for every browser case of the bench. */
export class BrowserBenchSession {
  private constructor(private readonly server: RenderServer, private readonly browser: HeadlessBrowser, private readonly work: string) {}

  static async open(opts: { modelsDir?: string; verbose: boolean; work: string }, progress: ProgressLine): Promise<BrowserBenchSession> {
    const server = await startRenderServer({ distDir, modelsDir: modelsDirFor(opts.modelsDir) });
    try {
      const browser = await HeadlessBrowser.open({
        origin: server.origin,
        watchdogMs: 300_000,
        verbose: opts.verbose,
        log: (l) => progress.log(l),
        onProgress: (done, total, label) => progress.update(done, total, label),
      });
      return new BrowserBenchSession(server, browser, opts.work);
    } catch (e) {
      await server.close();
      throw e;
    }
  }

  get browserVersion() {
    return this.browser.browserVersion;
  }

  /** The page's URL path for a local file. */
  serve(path: string): string {
    return this.server.addMedia(path);
  }

  /** Serves RGBA frames written to a file of the work folder. */
  serveFrames(name: string, frames: Uint8Array[]): string {
    const path = join(this.work, name);
    writeFileSync(path, Buffer.concat(frames));
    return this.serve(path);
  }

  /** Serves a one-model installed list for a model file the models folder does not hold. */
  serveModelList(entry: ModelEntry, modelPath: string): string {
    const path = join(this.work, `${entry.id}-installed.json`);
    writeFileSync(path, JSON.stringify(installedIndex([{ ...entry, url: this.serve(modelPath) }])));
    return this.serve(path);
  }

  /** Runs the cases (none: only the adapter and threads are reported). */
  async run(cases: BenchCase[]): Promise<BenchPageResult> {
    const job: BenchPageJob = { ...NO_FRAMES, cases };
    return (await this.browser.guard(
      this.browser.page.evaluate(([name, j]) => (window as unknown as Record<string, HeadlessApi>)[name].bench(j), [HEADLESS_API, job] as const),
    )) as BenchPageResult;
  }

  async close() {
    await this.browser.close();
    await this.server.close();
  }
}
