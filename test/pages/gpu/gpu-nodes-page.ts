// Test page for the GPU nodes: runs the Composite and BackgroundPlate nodes (as instances and
// in a real Evaluator graph) with the real host services, and hands pixels back as base64.

import { backgroundPlate } from '../../../nodes/background-plate/definition.ts';
import { composite } from '../../../nodes/composite/definition.ts';
import type { NodeServices } from '../../../nodes/services.ts';
import { Image, liveImageCount, type ImageKind } from '../../../src/gpu/image.ts';
import { Evaluator } from '../../../src/graph/evaluator.ts';
import type { GraphDocument } from '../../../src/graph/document.ts';
import { setParam } from '../../../src/graph/document.ts';
import { NodeRegistry } from '../../../src/graph/registry.ts';
import type { ClipInfo, NodeInstance, NodeStatus, Params } from '../../../src/graph/types.ts';
import { BrowserServices } from '../../../src/host/browser-services.ts';
import type { ModelLibrary } from '../../../src/ml/model-library.ts';
import { testPicture } from './test-picture-node.ts';

/** Pixels as they cross the page boundary: inline base64, or a URL serving raw RGBA. */
export interface WirePixels {
  width: number;
  height: number;
  b64?: string;
  url?: string;
}

const noModels: ModelLibrary = {
  list: async () => [],
  load: () => Promise.reject(new Error('this test page has no models')),
  add: () => Promise.reject(new Error('this test page has no models')),
};

// Media refs resolve under /__test/, which each test fulfils from a local file.
const host = new BrowserServices({ models: noModels, baseUrl: `${location.origin}/__test/` });
const opened: string[] = [];
const services: NodeServices = {
  gpu: () => host.gpu(),
  openMedia: (ref, signal) => {
    opened.push(ref);
    return host.openMedia(ref, signal);
  },
  models: host.models,
};

function toBase64(bytes: Uint8Array | Uint8ClampedArray): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(b64: string): Uint8ClampedArray {
  const s = atob(b64);
  const out = new Uint8ClampedArray(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

async function toImage(p: WirePixels, kind: ImageKind): Promise<Image> {
  const rgba = p.b64 !== undefined ? fromBase64(p.b64) : new Uint8ClampedArray(await (await fetch(p.url!)).arrayBuffer());
  return Image.fromPixels(p.width, p.height, kind, rgba);
}

const clipOfSize = (width: number, height: number): ClipInfo => ({
  frameCount: 1, fps: 1, durationUs: 1e6, width, height, frameTimestampsUs: [0], frameDurationsUs: [1e6],
});

async function evaluateOnce(instance: NodeInstance<NodeServices>, params: Params, inputs: Record<string, unknown>, clip?: ClipInfo) {
  const statuses: NodeStatus[] = [];
  const outputs = await instance.evaluate({
    nodeId: 'n', frame: 0, sequential: false, params, inputs, services, clip,
    signal: new AbortController().signal,
    report: (s) => statuses.push(s),
  });
  return { outputs, statuses };
}

async function readOut(image: Image) {
  const gpu = await services.gpu();
  return { width: image.width, height: image.height, kind: image.kind, b64: toBase64(await image.pixels(gpu)) };
}

/** Runs one Composite evaluation on the given pictures. */
async function runComposite(fgr: WirePixels, pha: WirePixels, plate: WirePixels) {
  const inputs = { fgr: await toImage(fgr, 'image'), pha: await toImage(pha, 'matte'), plate: await toImage(plate, 'image') };
  const node = composite.create();
  try {
    const { outputs, statuses } = await evaluateOnce(node, {}, inputs);
    const image = outputs.image as Image;
    try {
      return { ...(await readOut(image)), facts: statuses.at(-1)?.facts };
    } finally {
      image.dispose();
    }
  } finally {
    node.dispose();
    Object.values(inputs).forEach((i) => i.dispose());
  }
}

const plates = new Map<string, NodeInstance<NodeServices>>();

/** Evaluates the BackgroundPlate instance named `name` (kept across calls, to test its cache). */
async function runPlate(name: string, params: Params, clip?: { width: number; height: number }) {
  let node = plates.get(name);
  if (!node) plates.set(name, (node = backgroundPlate.create()));
  const { outputs, statuses } = await evaluateOnce(node, params, {}, clip && clipOfSize(clip.width, clip.height));
  const image = outputs.image as Image;
  try {
    return { ...(await readOut(image)), facts: statuses.at(-1)?.facts, opened: [...opened] };
  } finally {
    image.dispose();
  }
}

function disposePlate(name: string) {
  plates.get(name)?.dispose();
  plates.delete(name);
}

/**
 * A Composite graph in a real Evaluator, driven through frames and param changes (including
 * a failing one); returns live Image counts while it runs and after the evaluator is disposed.
 */
async function runGraphLifecycle(fgrUrl: string, phaUrl: string, width: number, height: number, plateFile: string) {
  const registry = new NodeRegistry<NodeServices>([testPicture, backgroundPlate, composite]);
  const evaluator = new Evaluator(registry, services);
  const at = { x: 0, y: 0 };
  let doc: GraphDocument = {
    nodes: [
      { id: 'fg', type: 'TestPicture', version: 1, position: at, params: { url: fgrUrl, width, height } },
      { id: 'ma', type: 'TestPicture', version: 1, position: at, params: { url: phaUrl, width, height } },
      { id: 'plate', type: 'BackgroundPlate', version: 1, position: at, params: { mode: 'color', color: '#00ff00', file: '' } },
      { id: 'comp', type: 'Composite', version: 1, position: at, params: {} },
    ],
    edges: [
      { id: 'e1', from: { node: 'fg', port: 'image' }, to: { node: 'comp', port: 'fgr' } },
      { id: 'e2', from: { node: 'ma', port: 'matte' }, to: { node: 'comp', port: 'pha' } },
      { id: 'e3', from: { node: 'plate', port: 'image' }, to: { node: 'comp', port: 'plate' } },
    ],
  };
  const target = { node: 'comp', port: 'image' };
  const gpu = await services.gpu();
  const before = liveImageCount();
  const outputs: Image[] = [];
  const run = async (frame: number) => {
    evaluator.setDocument(doc);
    const out = (await evaluator.evaluate(target, frame)) as Image;
    await out.pixels(gpu);
    outputs.push(out);
  };
  const errors: string[] = [];
  for (const f of [0, 1, 2, 7]) await run(f);
  doc = setParam(doc, 'plate', 'color', '#3366cc');
  await run(8);
  doc = setParam(setParam(doc, 'plate', 'mode', 'image'), 'plate', 'file', plateFile);
  await run(9);
  await run(10);
  doc = setParam(doc, 'plate', 'file', 'missing.png');
  await run(11).catch((e: Error) => errors.push(e.message));
  doc = setParam(doc, 'plate', 'mode', 'color');
  await run(12);
  const liveWhileHeld = liveImageCount() - before;
  evaluator.dispose();
  return {
    liveWhileHeld,
    liveAfterDispose: liveImageCount() - before,
    outputsDisposed: outputs.every((o) => o.disposed),
    outputCount: outputs.length,
    errors,
  };
}

async function adapterInfo() {
  return (await services.gpu()).adapterInfo;
}

const api = { runComposite, runPlate, disposePlate, runGraphLifecycle, adapterInfo, liveImages: liveImageCount };
declare global {
  interface Window {
    gpuNodes: typeof api;
  }
}
window.gpuNodes = api;
document.title = 'gpu-nodes ready';
