// The headless render page (headless.html, built into dist/): the CLI opens it in headless
// Chromium and calls `window.mattegraphHeadless`. It runs the editor's engine: parseGraph with
// the node registry, BrowserServices, the Evaluator and the Export node's export job, streaming
// the output's bytes (every file of it) back to the CLI's server.

import { createRegistry } from '../../nodes/index.ts';
import type { NodeServices } from '../../nodes/services.ts';
import { Evaluator } from '../graph/evaluator.ts';
import { GraphFileError, parseGraph } from '../graph/serialize.ts';
import type { NodeStatus } from '../graph/types.ts';
import { BrowserServices } from '../host/browser-services.ts';
import { runExport } from '../media/export-job.ts';
import { openVideoFrameCount } from '../media/open-frames.ts';
import { InstalledModelLibrary } from '../ml/installed-models.ts';
import { runBench } from './headless-bench.ts';
import { createChunkUploader } from './headless-upload.ts';
import {
  HEADLESS_API,
  PROGRESS_FUNCTION,
  type HeadlessApi,
  type HeadlessRenderJob,
  type HeadlessRenderResult,
  type ModelParams,
  type ParamKinds,
  type ProgressCallback,
} from './headless-protocol.ts';

const registry = createRegistry();
const models = new InstalledModelLibrary();

const reportProgress: ProgressCallback = (done, total, label) => {
  const cb = (window as unknown as Record<string, ProgressCallback | undefined>)[PROGRESS_FUNCTION];
  void Promise.resolve(cb?.(done, total, label)).catch(() => {});
};

function paramKinds(): ParamKinds {
  const kinds: ParamKinds = {};
  for (const def of registry.all()) {
    kinds[def.type] = Object.fromEntries(Object.entries(def.params).map(([key, spec]) => [key, spec.kind]));
  }
  return kinds;
}

function modelParams(): ModelParams {
  const families: ModelParams = {};
  for (const def of registry.all()) {
    for (const [key, spec] of Object.entries(def.params)) {
      if (spec.kind === 'model') (families[def.type] ??= {})[key] = spec.family;
    }
  }
  return families;
}

/** The one Export node of the graph, or a message saying why there is not exactly one. */
function exportNodeOf(doc: ReturnType<typeof parseGraph>): string {
  const sinks = doc.nodes.filter((n) => registry.get(n.type)?.sink);
  if (sinks.length === 1) return sinks[0].id;
  if (sinks.length === 0) throw new Error('the graph has no Export node: nothing to render');
  throw new Error(`the graph has ${sinks.length} Export nodes (${sinks.map((n) => n.id).join(', ')}): the CLI renders exactly one`);
}

async function render(job: HeadlessRenderJob): Promise<HeadlessRenderResult> {
  const statuses: Record<string, NodeStatus> = {};
  let evaluator: Evaluator<NodeServices> | undefined;
  try {
    let doc;
    try {
      doc = parseGraph(job.graphText, registry);
    } catch (e) {
      throw e instanceof GraphFileError ? new Error(`malformed graph: ${e.message}`) : e;
    }
    const exportNodeId = exportNodeOf(doc);
    const services = new BrowserServices({
      models,
      preferredEp: job.ep,
      // Only files the CLI registered are served; anything else is a plain 404 (file not found).
      mediaUrl: (ref) => job.media[ref] ?? `/__media/unregistered/${encodeURIComponent(ref)}`,
    });
    evaluator = new Evaluator<NodeServices>(registry, services, {
      onStatus: (id, status) => (statuses[id] = status),
    });
    evaluator.setDocument(doc);
    const upload = createChunkUploader(job.sinkPath);
    const started = performance.now();
    const result = await runExport({
      evaluator,
      exportNodeId,
      // Images may live on the GPU (shader nodes); without WebGPU they are all on the CPU.
      gpu: await services.gpu().catch(() => undefined),
      range: job.range,
      outputName: job.outputName,
      format: job.format,
      onProgress: (done, total) => reportProgress(done, total),
      target: { kind: 'stream', write: upload.write },
    });
    await upload.finished();
    evaluator.dispose();
    // Sources close their decoders once their open promises settle.
    await new Promise((resolve) => setTimeout(resolve, 0));
    return {
      ok: true,
      frames: result.frameCount,
      exportMs: performance.now() - started,
      statuses,
      notes: result.notes,
      audio: result.audio,
      alphaColour: result.alphaColour,
      format: result.format,
      openVideoFrames: openVideoFrameCount(),
    };
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    return { ok: false, message: error.message, stack: error.stack, statuses };
  } finally {
    evaluator?.dispose();
  }
}

const api: HeadlessApi = {
  paramKinds,
  modelParams,
  render,
  bench: (job) => runBench(models, job, reportProgress),
};
(window as unknown as Record<string, HeadlessApi>)[HEADLESS_API] = api;
