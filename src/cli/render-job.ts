// One headless render of a graph, as the render command and the bench run it: build check,
// server, browser, graph preparation, streaming the output to temp files that become OUT (a
// video, a video + matte pair, or a folder of PNGs) only on success.

import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { NodeStatus } from '../graph/types.ts';
import { CliError } from './cli-error.ts';
import { ensureBuilt } from './ensure-build.ts';
import { explainFailure } from './failure-hint.ts';
import { readGraphFile, prepareGraph } from './graph-input.ts';
import { HeadlessBrowser } from './headless-browser.ts';
import { checkGraphModels } from './model-preflight.ts';
import { HEADLESS_API, type HeadlessApi, type HeadlessRenderJob, type HeadlessRenderResult, type ModelParams, type ParamKinds } from './headless-protocol.ts';
import { exportNodeFormat, planOutput, type OutputPlan } from './output-plan.ts';
import { OutputSet } from './output-set.ts';
import type { ProgressLine } from './progress.ts';
import { distDir, modelsDirFor, projectRoot, userCwd } from './project-paths.ts';
import type { RenderOptions } from './render-args.ts';
import { startRenderServer, type RenderServer } from './render-server.ts';
import { formatStatuses } from './status-lines.ts';

type HeadlessWindow = Record<string, HeadlessApi>;

export interface RenderSummary {
  frames: number;
  bytes: number;
  /** Time the page spent in the export job (no browser start-up or build). */
  exportMs: number;
  totalMs: number;
  /** When each frame was reported done (ms since the epoch), for steady-state rates. */
  frameDoneAt: number[];
  statuses: Record<string, NodeStatus>;
}

/** Renders; `cleanup` gets what an interrupt must undo (the temp file). */
export async function renderGraph(opts: RenderOptions, progress: ProgressLine, cleanup: (() => void)[]): Promise<RenderSummary> {
  const started = Date.now();
  const frameDoneAt: number[] = [];
  const log = (line: string) => progress.log(line);
  const graph = await readGraphFile(opts.graphPath);
  const modelsDir = modelsDirFor(opts.modelsDir);
  // --models or $MATTEGRAPH_MODELS_DIR naming nothing: the page would only say "no model installed".
  if (opts.modelsDir && !isFolder(modelsDir)) throw new CliError(`models folder ${opts.modelsDir} does not exist`);
  await ensureBuilt(projectRoot, { checkStale: opts.build, verbose: opts.verbose, log });

  let output: OutputSet | undefined;
  let plan: OutputPlan | undefined;
  let server: RenderServer | undefined;
  let browser: HeadlessBrowser | undefined;
  cleanup.push(() => output?.discard());
  const outPath = resolve(userCwd(), opts.out);
  try {
    // A bad output folder fails before the browser starts.
    OutputSet.checkLocation(opts.out);
    server = await startRenderServer({
      distDir,
      modelsDir,
      onChunk: (chunk, position, file) => {
        browser?.touch();
        if (!output) throw new Error('the output is not open');
        return output.write(chunk, position, file);
      },
      log: opts.verbose ? log : undefined,
    });
    browser = await HeadlessBrowser.open({
      origin: server.origin,
      watchdogMs: opts.watchdogSeconds * 1000,
      verbose: opts.verbose,
      log,
      onProgress: (done, total) => {
        frameDoneAt[done - 1] ??= Date.now();
        progress.update(done, total);
      },
    });
    const page = browser.page;
    const kinds = await browser.guard(page.evaluate((name) => (window as unknown as HeadlessWindow)[name].paramKinds(), HEADLESS_API)) as ParamKinds;
    const prepared = prepareGraph(graph, opts.sets, kinds);
    // `?.`: a dist/ built before the page had modelParams (--no-build) skips the check.
    const modelParams = await browser.guard(page.evaluate((name) => (window as unknown as HeadlessWindow)[name].modelParams?.() ?? {}, HEADLESS_API)) as ModelParams;
    checkGraphModels(prepared.text, modelParams, modelsDir);
    if (outPath === graph.path || prepared.mediaFiles.includes(outPath)) {
      throw new CliError(`output ${opts.out} would overwrite one of the render's inputs`);
    }
    const exportNode = exportNodeFormat(prepared.text);
    plan = planOutput(opts.out, outPath, exportNode?.format, exportNode?.id ?? 'export');
    // Opened before the render starts: a bad output folder fails before any frame is made.
    output = OutputSet.create(opts.out, plan.kind);
    const media: Record<string, string> = {};
    for (const file of prepared.mediaFiles) media[file] = server.addMedia(file);
    const job: HeadlessRenderJob = {
      graphText: prepared.text,
      media,
      range: opts.range,
      ep: opts.ep,
      sinkPath: server.sinkPath,
      outputName: plan.outputName,
      format: plan.format,
    };

    const result = await browser.guard(
      page.evaluate(([name, j]) => (window as unknown as HeadlessWindow)[name].render(j), [HEADLESS_API, job] as const),
    ) as HeadlessRenderResult;
    progress.end();
    if (opts.verbose) for (const line of formatStatuses(result.statuses)) log(line);
    if (opts.verbose && result.ok) log(`VideoFrames still open after the render: ${result.openVideoFrames}`);
    if (!result.ok) {
      if (opts.verbose && result.stack) log(result.stack);
      throw new CliError(explainFailure(result.message, result.statuses));
    }
    if (result.audio && !result.notes.includes(result.audio)) log(`audio: ${result.audio}`);
    for (const note of result.notes) log(`note: ${note}`);
    await output.commit();
    const mb = (output.bytes / 1e6).toFixed(2);
    const totalMs = Date.now() - started;
    const companions = output.names.slice(1);
    // Transparent exports say how their colour relates to alpha.
    const colour = result.alphaColour ? `, ${result.alphaColour} colour` : '';
    const what = plan.kind === 'folder'
      ? `${output.names.length} RGBA PNGs (${mb} MB${colour}) to ${opts.out}`
      : `${opts.out}${companions.length ? ` and ${companions.join(', ')}` : ''} (${result.frames} frames, ${mb} MB${colour})`;
    log(`wrote ${what} in ${(totalMs / 1000).toFixed(1)} s`);
    return { frames: result.frames, bytes: output.bytes, exportMs: result.exportMs, totalMs, frameDoneAt, statuses: result.statuses };
  } finally {
    output?.discard();
    await browser?.close();
    await server?.close();
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
