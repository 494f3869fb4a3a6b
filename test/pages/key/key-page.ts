// Test page for the Color Key: runs the node on pictures handed over by Playwright (as an
// instance, with optional masks), and runs examples/color-key-alpha.json through the real
// evaluator on a picture file. Pixels go back as base64.

import { colorKey } from '../../../nodes/color-key/definition.ts';
import { exportNode } from '../../../nodes/export/definition.ts';
import type { NodeServices } from '../../../nodes/services.ts';
import { videoSource } from '../../../nodes/video-source/definition.ts';
import { Image, liveImageCount, type ImageKind } from '../../../src/gpu/image.ts';
import { setParam } from '../../../src/graph/document.ts';
import { Evaluator } from '../../../src/graph/evaluator.ts';
import { NodeRegistry } from '../../../src/graph/registry.ts';
import { parseGraph } from '../../../src/graph/serialize.ts';
import type { ClipInfo, NodeStatus, Params } from '../../../src/graph/types.ts';
import { BrowserServices } from '../../../src/host/browser-services.ts';
import type { ModelLibrary } from '../../../src/ml/model-library.ts';

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

/** Only the node types used here (importing nodes/index.ts would tie this page to every node). */
const registry = () => new NodeRegistry<NodeServices>([videoSource, colorKey, exportNode]);

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

// One host (one GPU device) for the page; media paths resolve like the example file's own.
const host: NodeServices = new BrowserServices({ models: noModels, baseUrl: `${location.origin}/examples/` });

/** One Color Key evaluation as a bare instance; every image is released before returning. */
async function runKey(source: WirePixels, params: Params, masks: { garbage?: WirePixels; holdout?: WirePixels } = {}) {
  const inputs: Record<string, Image> = { source: await toImage(source, 'image') };
  if (masks.garbage) inputs.garbage = await toImage(masks.garbage, 'matte');
  if (masks.holdout) inputs.holdout = await toImage(masks.holdout, 'matte');
  const node = colorKey.create();
  const statuses: NodeStatus[] = [];
  try {
    const outputs = await node.evaluate({
      nodeId: 'key', frame: 0, sequential: false, params, inputs, services: host,
      signal: new AbortController().signal, report: (s) => statuses.push(s),
    });
    const gpu = await host.gpu();
    const image = outputs.image as Image;
    const matte = outputs.matte as Image;
    try {
      return {
        width: image.width, height: image.height, kinds: [image.kind, matte.kind],
        image: toBase64(await image.pixels(gpu)), matte: toBase64(await matte.pixels(gpu)),
        facts: statuses.at(-1)?.facts,
      };
    } finally {
      image.dispose();
      matte.dispose();
    }
  } finally {
    node.dispose();
    Object.values(inputs).forEach((i) => i.dispose());
  }
}

/** The message a Color Key evaluation fails with, and the live images left afterwards. */
async function keyError(source: WirePixels, params: Params, withMasks = false) {
  const before = liveImageCount();
  let message = 'no error';
  await runKey(source, params, withMasks ? { garbage: source, holdout: source } : {}).catch((e: Error) => (message = e.message));
  return { message, leaked: liveImageCount() - before };
}

/**
 * examples/color-key-alpha.json through the evaluator, pulled from its Export node: the matte for
 * each picture file (`file` as the example has it when omitted), read back as base64.
 */
async function runExample(files: (string | undefined)[], screenColor?: string) {
  const text = await (await fetch('/examples/color-key-alpha.json')).text();
  let doc = parseGraph(text, registry());
  if (screenColor) doc = setParam(doc, 'key', 'screenColor', screenColor);
  const statuses: Record<string, NodeStatus> = {};
  const evaluator = new Evaluator(registry(), host, { onStatus: (id, s) => (statuses[id] = s) });
  const gpu = await host.gpu();
  const before = liveImageCount();
  const mattes: { width: number; height: number; kind: string; b64: string; frames?: number; durationUs?: number }[] = [];
  try {
    for (const file of files) {
      if (file) doc = setParam(doc, 'source', 'file', file);
      evaluator.setDocument(doc);
      const info = await evaluator.clipInfo('export');
      const matte = (await evaluator.evaluate({ node: 'export', port: 'image' }, 0)) as Image;
      mattes.push({
        width: matte.width, height: matte.height, kind: matte.kind, b64: toBase64(await matte.pixels(gpu)),
        frames: info?.frameCount, durationUs: info?.durationUs,
      });
    }
  } finally {
    evaluator.dispose();
  }
  return { mattes, statuses, leaked: liveImageCount() - before };
}

/** A lone Video Source on `file`, evaluated at `frame`: its picture, clip timing, status and leaks. */
async function runSource(file: string, frame = 0) {
  const statuses: NodeStatus[] = [];
  const evaluator = new Evaluator(registry(), host, { onStatus: (_id, s) => statuses.push(s) });
  const before = liveImageCount();
  let result: { error?: string; info?: ClipInfo; width?: number; height?: number; kind?: string; b64?: string };
  try {
    evaluator.setDocument({ nodes: [{ id: 'source', type: 'VideoSource', version: 1, params: { file }, position: { x: 0, y: 0 } }], edges: [] });
    const info = await evaluator.clipInfo('source');
    const image = (await evaluator.evaluate({ node: 'source', port: 'image' }, frame)) as Image;
    result = { info, width: image.width, height: image.height, kind: image.kind, b64: toBase64(await image.pixels()) };
  } catch (e) {
    result = { error: (e as Error).message };
  }
  evaluator.dispose();
  return { ...result, status: statuses.at(-1), leaked: liveImageCount() - before };
}

async function adapterInfo() {
  return (await host.gpu()).adapterInfo;
}

const api = { runKey, keyError, runExample, runSource, adapterInfo, liveImages: liveImageCount };
declare global {
  interface Window {
    keyPage: typeof api;
  }
}
window.keyPage = api;
document.title = 'key ready';
