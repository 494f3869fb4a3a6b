// Test page: builds a small graph (VideoSource -> [luma matte] -> Export) with the real evaluator
// and runs the export job; exposes `window.exportPage` to Playwright. The file comes back base64.

import { Evaluator } from '../../../src/graph/evaluator.ts';
import { NodeRegistry } from '../../../src/graph/registry.ts';
import type { GraphDocument } from '../../../src/graph/document.ts';
import { liveImageCount, type Image } from '../../../src/gpu/image.ts';
import { BrowserServices } from '../../../src/host/browser-services.ts';
import type { ModelLibrary } from '../../../src/ml/model-library.ts';
import { runExport, type ExportTarget } from '../../../src/media/export-job.ts';
import type { NodeServices } from '../../../nodes/services.ts';
import { videoSource } from '../../../nodes/video-source/definition.ts';
import { exportNode } from '../../../nodes/export/definition.ts';
import { cropOdd, lumaMatte, toGpu } from './test-nodes.ts';

/** These tests use no model: any request for one fails plainly. */
const noModels: ModelLibrary = {
  list: async () => [],
  load: async () => Promise.reject(new Error('no models in the media test page')),
  add: async () => Promise.reject(new Error('no models in the media test page')),
};

async function registry(): Promise<NodeRegistry<NodeServices>> {
  try {
    const { createRegistry } = await import('../../../nodes/index.ts');
    const r = createRegistry();
    r.register(lumaMatte);
    r.register(cropOdd);
    r.register(toGpu);
    return r;
  } catch {
    // Other node folders may be mid-work; our two definitions are all this page needs.
    return new NodeRegistry<NodeServices>([videoSource, exportNode, lumaMatte, cropOdd, toGpu]);
  }
}

/** VideoSource -> each of `middle` (test nodes with a `source` input) -> Export. */
function graph(file: string, middle: string[], params: Record<string, string | number>): GraphDocument {
  const node = (id: string, type: string, p: Record<string, string | number> = {}) =>
    ({ id, type, version: 1, params: p, position: { x: 0, y: 0 } });
  const edge = (from: string, fromPort: string, to: string, toPort: string) =>
    ({ id: `${from}->${to}`, from: { node: from, port: fromPort }, to: { node: to, port: toPort } });
  const doc: GraphDocument = { nodes: [node('source', 'VideoSource', { file })], edges: [] };
  let prev = { node: 'source', port: 'image' };
  middle.forEach((type, k) => {
    const id = `m${k}`;
    doc.nodes.push(node(id, type));
    doc.edges.push(edge(prev.node, prev.port, id, 'source'));
    prev = { node: id, port: type === 'TestLumaMatte' ? 'pha' : 'image' };
  });
  doc.nodes.push(node('export', 'Export', params));
  doc.edges.push(edge(prev.node, prev.port, 'export', 'image'));
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
  params?: Record<string, string | number>;
  target?: 'memory' | 'stream';
  /** Abort after this many frames were reported. */
  abortAfter?: number;
  range?: { start: number; end: number };
}

let registryPromise: Promise<NodeRegistry<NodeServices>> | undefined;

const api = {
  /** Evaluates a lone VideoSource at `frames`; reports its status facts and how often the file was fetched. */
  async sourceNode(file: string, frames: number[]) {
    const reg = await (registryPromise ??= registry());
    const services = new BrowserServices({ models: noModels, baseUrl: location.origin + '/' });
    let opens = 0;
    const open = services.openMedia.bind(services);
    services.openMedia = (ref, signal) => (opens++, open(ref, signal));
    const statuses: unknown[] = [];
    const evaluator = new Evaluator(reg, services, { onStatus: (_id, s) => statuses.push(s) });
    evaluator.setDocument({ nodes: [{ id: 'source', type: 'VideoSource', version: 1, params: { file }, position: { x: 0, y: 0 } }], edges: [] });
    const sizes: string[] = [];
    for (const f of frames) {
      const img = (await evaluator.evaluate({ node: 'source', port: 'image' }, f)) as Image;
      sizes.push(`${img.width}x${img.height} ${img.kind}`);
    }
    const info = await evaluator.clipInfo('source');
    evaluator.dispose();
    return { statuses, sizes, opens, frameCount: info?.frameCount, liveImages: liveImageCount() };
  },
  async exportFile(o: RunOptions) {
    const reg = await (registryPromise ??= registry());
    const services = new BrowserServices({ models: noModels, baseUrl: location.origin + '/' });
    const evaluator = new Evaluator(reg, services);
    evaluator.setDocument(graph(o.file, o.middle ?? [], o.params ?? {}));
    const controller = new AbortController();
    const progress: [number, number][] = [];
    const written: { data: Uint8Array; position: number }[] = [];
    const target: ExportTarget = o.target === 'stream'
      ? { kind: 'stream', write: (data, position) => void written.push({ data: data.slice(), position }) }
      : { kind: 'memory' };
    const t0 = performance.now();
    let bytes: Uint8Array | undefined;
    let error: string | undefined;
    let errorName: string | undefined;
    let result: Omit<Awaited<ReturnType<typeof runExport>>, 'blob'> | undefined;
    try {
      const r = await runExport({
        evaluator,
        exportNodeId: 'export',
        gpu: o.middle?.includes('TestToGpu') ? await services.gpu() : undefined,
        signal: controller.signal,
        target,
        range: o.range,
        onProgress: (n, total) => {
          progress.push([n, total]);
          if (o.abortAfter !== undefined && n >= o.abortAfter) controller.abort();
        },
      });
      const { blob, ...rest } = r;
      result = rest;
      if (blob) bytes = new Uint8Array(await blob.arrayBuffer());
    } catch (e) {
      error = (e as Error).message;
      errorName = (e as Error).name;
    }
    if (o.target === 'stream' && written.length) {
      const size = Math.max(...written.map((w) => w.position + w.data.length));
      bytes = new Uint8Array(size);
      for (const w of written) bytes.set(w.data, w.position);
    }
    const ms = performance.now() - t0;
    evaluator.dispose();
    return {
      result,
      error,
      errorName,
      progress,
      ms,
      writes: written.length,
      base64: bytes ? base64(bytes) : undefined,
      liveImages: liveImageCount(),
    };
  },
};

declare global {
  interface Window {
    exportPage: typeof api;
  }
}
window.exportPage = api;
