// Test page for the Background Plate's video and blurred-source modes: real Evaluator graphs
// (Video Source, Composite, the test picture node) with the real host services; pixels go back
// to the test as base64, and every node status the graph reported goes back with them.

import { createRegistry } from '../../../nodes/index.ts';
import { backgroundPlate } from '../../../nodes/background-plate/definition.ts';
import { composite } from '../../../nodes/composite/definition.ts';
import type { NodeServices } from '../../../nodes/services.ts';
import { videoSource } from '../../../nodes/video-source/definition.ts';
import { Image, liveImageCount } from '../../../src/gpu/image.ts';
import type { GraphDocument, GraphNode } from '../../../src/graph/document.ts';
import { Evaluator } from '../../../src/graph/evaluator.ts';
import { NodeRegistry } from '../../../src/graph/registry.ts';
import { parseGraph } from '../../../src/graph/serialize.ts';
import type { NodeStatus, Params } from '../../../src/graph/types.ts';
import { BrowserServices } from '../../../src/host/browser-services.ts';
import type { ModelLibrary } from '../../../src/ml/model-library.ts';
import { testPicture } from './test-picture-node.ts';

const noModels: ModelLibrary = {
  list: async () => [],
  load: () => Promise.reject(new Error('this test page has no models')),
  add: () => Promise.reject(new Error('this test page has no models')),
};
// Media refs resolve under /__test/, which each test fulfils from a local file.
const host = new BrowserServices({ models: noModels, baseUrl: `${location.origin}/__test/` });
const services: NodeServices = { gpu: () => host.gpu(), openMedia: (ref, signal) => host.openMedia(ref, signal), models: host.models };

function toBase64(bytes: Uint8Array | Uint8ClampedArray): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

const at = { x: 0, y: 0 };
const node = (id: string, type: string, params: Params): GraphNode => ({ id, type, version: 1, position: at, params });
const edge = (from: string, fromPort: string, to: string, toPort: string) => ({
  id: `${from}.${fromPort}-${to}.${toPort}`, from: { node: from, port: fromPort }, to: { node: to, port: toPort },
});
const plateParams = (p: Params): Params => ({ mode: 'color', color: '#00ff00', file: '', video: '', videoEnd: 'loop', blurRadius: 16, ...p });

interface FrameResult {
  frame: number;
  width?: number;
  height?: number;
  b64?: string;
  error?: string;
  /** The plate node's last status for this frame (what the canvas shows on it). */
  plate?: NodeStatus;
}

/** Evaluates `target` of `doc` at each frame in order; errors are returned, not thrown. */
async function runFrames(doc: GraphDocument, target: { node: string; port: string }, frames: number[]) {
  const registry = new NodeRegistry<NodeServices>([videoSource, testPicture, backgroundPlate, composite]);
  let plate: NodeStatus | undefined;
  const evaluator = new Evaluator(registry, services, { onStatus: (id, s) => { if (id === 'plate') plate = s; } });
  evaluator.setDocument(doc);
  const gpu = await services.gpu();
  const before = liveImageCount();
  const results: FrameResult[] = [];
  try {
    for (const frame of frames) {
      plate = undefined;
      try {
        const image = (await evaluator.evaluate(target, frame)) as Image;
        results.push({ frame, width: image.width, height: image.height, b64: toBase64(await image.pixels(gpu)), plate });
      } catch (e) {
        results.push({ frame, error: (e as Error).message, plate });
      }
    }
  } finally {
    evaluator.dispose();
  }
  return { results, leakedImages: liveImageCount() - before };
}

/**
 * The plate in a real compositing graph: the graph's clip (a Video Source) as the foreground,
 * a fully transparent matte, so the composite at each frame is the plate resized to the frame.
 */
async function compositeFrames(clipFile: string, width: number, height: number, zerosUrl: string, plate: Params, frames: number[]) {
  const doc: GraphDocument = {
    nodes: [
      node('source', 'VideoSource', { file: clipFile }),
      node('matte', 'TestPicture', { url: zerosUrl, width, height }),
      node('plate', 'BackgroundPlate', plateParams(plate)),
      node('comp', 'Composite', {}),
    ],
    edges: [
      edge('source', 'image', 'comp', 'fgr'),
      edge('matte', 'matte', 'comp', 'pha'),
      edge('plate', 'image', 'comp', 'plate'),
    ],
  };
  return runFrames(doc, { node: 'comp', port: 'image' }, frames);
}

/** The plate's own output, its source (when given) a test picture served as raw RGBA. */
async function plateFrames(plate: Params, frames: number[], source?: { url: string; width: number; height: number }) {
  const doc: GraphDocument = {
    nodes: [node('plate', 'BackgroundPlate', plateParams(plate)), ...(source ? [node('pic', 'TestPicture', source)] : [])],
    edges: source ? [edge('pic', 'image', 'plate', 'source')] : [],
  };
  return runFrames(doc, { node: 'plate', port: 'image' }, frames);
}

/** Each Background Plate of a saved graph, as loaded today: its params and its picture at frame 0. */
async function examplePlates(text: string) {
  const doc = parseGraph(text, createRegistry() as NodeRegistry<unknown>);
  const out: { id: string; params: Params; result: FrameResult }[] = [];
  for (const n of doc.nodes.filter((x) => x.type === 'BackgroundPlate')) {
    const run = await runFrames({ nodes: [{ ...n, id: 'plate' }], edges: [] }, { node: 'plate', port: 'image' }, [0]);
    out.push({ id: n.id, params: n.params, result: run.results[0] });
  }
  return out;
}

const api = { compositeFrames, plateFrames, examplePlates, liveImages: liveImageCount };
declare global {
  interface Window {
    plateTests: typeof api;
  }
}
window.plateTests = api;
document.title = 'background-plate ready';
