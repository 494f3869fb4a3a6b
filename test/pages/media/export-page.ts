// Test page: builds a small graph (VideoSource -> [test nodes] -> Export, optionally a matte into
// Export's alpha) with the real evaluator and runs the export job; exposes `window.exportPage`
// to Playwright. Files come back base64, each under its name.

import { Evaluator } from '../../../src/graph/evaluator.ts';
import { NodeRegistry } from '../../../src/graph/registry.ts';
import type { GraphDocument } from '../../../src/graph/document.ts';
import { liveImageCount, type Image } from '../../../src/gpu/image.ts';
import { BrowserServices } from '../../../src/host/browser-services.ts';
import type { ModelLibrary } from '../../../src/ml/model-library.ts';
import { runExport, type ExportTarget } from '../../../src/media/export-job.ts';
import type { ExportFormat } from '../../../src/media/export-settings.ts';
import { openVideoFrameCount } from '../../../src/media/open-frames.ts';
import type { NodeServices } from '../../../nodes/services.ts';
import { videoSource } from '../../../nodes/video-source/definition.ts';
import { exportNode } from '../../../nodes/export/definition.ts';
import { cropOdd, lumaMatte, rampAlpha, toGpu } from './test-nodes.ts';

/** These tests use no model: any request for one fails plainly. */
const noModels: ModelLibrary = {
  list: async () => [],
  load: async () => Promise.reject(new Error('no models in the media test page')),
  add: async () => Promise.reject(new Error('no models in the media test page')),
};

/**
 * Only the node types this page needs: importing every node (nodes/index.ts) would reload the
 * page whenever any node folder is edited, mid-test.
 */
const registry = () => new NodeRegistry<NodeServices>([videoSource, exportNode, lumaMatte, cropOdd, toGpu, rampAlpha]);

type P = Record<string, string | number>;

/** VideoSource -> each of `middle` (test nodes with a `source` input) -> Export; `alphaFrom` feeds Export's alpha. */
function graph(file: string, middle: string[], params: P, alphaFrom?: string): GraphDocument {
  const node = (id: string, type: string, p: P = {}) => ({ id, type, version: 1, params: p, position: { x: 0, y: 0 } });
  const edge = (from: string, fromPort: string, to: string, toPort: string) =>
    ({ id: `${from}->${to}.${toPort}`, from: { node: from, port: fromPort }, to: { node: to, port: toPort } });
  const doc: GraphDocument = { nodes: [node('source', 'VideoSource', { file })], edges: [] };
  const outPort = (type: string) => (type === 'TestLumaMatte' || type === 'TestRampAlpha' ? 'pha' : 'image');
  let prev = { node: 'source', port: 'image' };
  middle.forEach((type, k) => {
    const id = `m${k}`;
    doc.nodes.push(node(id, type));
    doc.edges.push(edge(prev.node, prev.port, id, 'source'));
    prev = { node: id, port: outPort(type) };
  });
  doc.nodes.push(node('export', 'Export', params));
  doc.edges.push(edge(prev.node, prev.port, 'export', 'image'));
  if (alphaFrom) {
    doc.nodes.push(node('alpha', alphaFrom));
    doc.edges.push(edge('source', 'image', 'alpha', 'source'));
    doc.edges.push(edge('alpha', outPort(alphaFrom), 'export', 'alpha'));
  }
  return doc;
}

function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

interface RunOptions {
  file: string;
  /** Test node types between the source and the export, e.g. ['TestLumaMatte']. */
  middle?: string[];
  /** A test node type (fed by the source) whose matte goes into Export's alpha input. */
  alphaFrom?: string;
  params?: P;
  target?: 'memory' | 'stream';
  /** Abort after this many frames were reported. */
  abortAfter?: number;
  range?: { start: number; end: number };
  format?: ExportFormat;
  outputName?: string;
  /** Stream target only: count the bytes but keep none (long renders). */
  discard?: boolean;
  /** Every this many frames: garbage-collect (needs --expose-gc) and sample heap and open frames. */
  sampleEvery?: number;
}

interface Sample {
  frame: number;
  heapBytes: number;
  openFrames: number;
}

const collectGarbage = () => (globalThis as { gc?: () => void }).gc?.();
const heapBytes = () => (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;

const api = {
  /** Evaluates a lone VideoSource at `frames`; reports its status facts and how often the file was fetched. */
  async sourceNode(file: string, frames: number[]) {
    const services = new BrowserServices({ models: noModels, baseUrl: location.origin + '/' });
    let opens = 0;
    const open = services.openMedia.bind(services);
    services.openMedia = (ref, signal) => (opens++, open(ref, signal));
    const statuses: unknown[] = [];
    const evaluator = new Evaluator(registry(), services, { onStatus: (_id, s) => statuses.push(s) });
    evaluator.setDocument({ nodes: [{ id: 'source', type: 'VideoSource', version: 1, params: { file }, position: { x: 0, y: 0 } }], edges: [] });
    const sizes: string[] = [];
    for (const f of frames) {
      const img = (await evaluator.evaluate({ node: 'source', port: 'image' }, f)) as Image;
      sizes.push(`${img.width}x${img.height} ${img.kind}`);
    }
    const info = await evaluator.clipInfo('source');
    evaluator.dispose();
    await new Promise((resolve) => setTimeout(resolve, 0));
    return { statuses, sizes, opens, frameCount: info?.frameCount, liveImages: liveImageCount(), openFrames: openVideoFrameCount() };
  },
  /**
   * A VideoSource given a bad file, then a good one, in the same evaluator: the error (message
   * and node status) and then whether the next frame comes out (the graph stays usable).
   */
  async recover(bad: string, good: string) {
    const services = new BrowserServices({ models: noModels, baseUrl: location.origin + '/' });
    const statuses: { state: string; message?: string }[] = [];
    const evaluator = new Evaluator(registry(), services, { onStatus: (_id, s) => statuses.push(s) });
    const doc = (file: string): GraphDocument => ({ nodes: [{ id: 'source', type: 'VideoSource', version: 1, params: { file }, position: { x: 0, y: 0 } }], edges: [] });
    evaluator.setDocument(doc(bad));
    let error: string | undefined;
    try {
      await evaluator.evaluate({ node: 'source', port: 'image' }, 0);
    } catch (e) {
      error = (e as Error).message;
    }
    const failedStatus = statuses.at(-1);
    evaluator.setDocument(doc(good));
    const img = (await evaluator.evaluate({ node: 'source', port: 'image' }, 3)) as Image;
    const after = `${img.width}x${img.height}`;
    evaluator.dispose();
    await new Promise((resolve) => setTimeout(resolve, 0));
    return { error, failedStatus, after, lastStatus: statuses.at(-1)?.state, openFrames: openVideoFrameCount(), liveImages: liveImageCount() };
  },
  async exportFile(o: RunOptions) {
    const services = new BrowserServices({ models: noModels, baseUrl: location.origin + '/' });
    const evaluator = new Evaluator(registry(), services);
    evaluator.setDocument(graph(o.file, o.middle ?? [], o.params ?? {}, o.alphaFrom));
    const controller = new AbortController();
    const progress: [number, number][] = [];
    const written = new Map<string, { data: Uint8Array; position: number }[]>();
    let discarded = 0;
    const target: ExportTarget = o.target === 'stream'
      ? {
          kind: 'stream',
          write: (data, position, file = '') => {
            if (o.discard) {
              discarded += data.length;
              return;
            }
            if (!written.has(file)) written.set(file, []);
            written.get(file)!.push({ data: data.slice(), position });
          },
        }
      : { kind: 'memory' };
    const samples: Sample[] = [];
    let maxOpenFrames = 0;
    const t0 = performance.now();
    const files: { name: string; base64: string }[] = [];
    let error: string | undefined;
    let errorName: string | undefined;
    let result: Omit<Awaited<ReturnType<typeof runExport>>, 'blob' | 'files'> | undefined;
    try {
      const r = await runExport({
        evaluator,
        exportNodeId: 'export',
        gpu: o.middle?.includes('TestToGpu') ? await services.gpu() : undefined,
        signal: controller.signal,
        target,
        range: o.range,
        format: o.format,
        outputName: o.outputName,
        onProgress: (n, total) => {
          maxOpenFrames = Math.max(maxOpenFrames, openVideoFrameCount());
          // A long render samples instead of keeping every progress report (flat memory).
          if (!o.sampleEvery) progress.push([n, total]);
          else if (n % o.sampleEvery === 0 || n === 1) {
            collectGarbage();
            samples.push({ frame: n, heapBytes: heapBytes(), openFrames: openVideoFrameCount() });
          }
          if (o.abortAfter !== undefined && n >= o.abortAfter) controller.abort();
        },
      });
      const { blob: _main, files: made, ...rest } = r;
      result = rest;
      for (const f of made) if (f.blob) files.push({ name: f.name, base64: base64(new Uint8Array(await f.blob.arrayBuffer())) });
    } catch (e) {
      error = (e as Error).message;
      errorName = (e as Error).name;
    }
    for (const [name, writes] of [...written].sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1))) {
      const size = Math.max(...writes.map((w) => w.position + w.data.length));
      const bytes = new Uint8Array(size);
      for (const w of writes) bytes.set(w.data, w.position);
      files.push({ name: name || (result?.filename ?? 'main'), base64: base64(bytes) });
    }
    const ms = performance.now() - t0;
    evaluator.dispose();
    // Sources close their clips once the open promise settles: let that happen before counting.
    await new Promise((resolve) => setTimeout(resolve, 0));
    return {
      result,
      error,
      errorName,
      progress,
      ms,
      writes: [...written.values()].reduce((n, w) => n + w.length, 0),
      /** The main file (the first). */
      base64: files[0]?.base64 as string | undefined,
      files,
      liveImages: liveImageCount(),
      openFrames: openVideoFrameCount(),
      maxOpenFrames,
      samples,
      discarded,
    };
  },
};

declare global {
  interface Window {
    exportPage: typeof api;
  }
}
window.exportPage = api;
