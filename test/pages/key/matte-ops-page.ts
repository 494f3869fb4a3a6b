// Test page for Matte Ops: runs the node as a bare instance on mattes handed over by Playwright,
// and runs graphs (Video Source → Color Key / RVM Matte → Matte Ops) through the real evaluator.
// Pixels go back as base64; every image made here is released before returning.

import { colorKey } from '../../../nodes/color-key/definition.ts';
import { matteOps } from '../../../nodes/matte-ops/definition.ts';
import { rvmMatte } from '../../../nodes/rvm-matte/definition.ts';
import type { NodeServices } from '../../../nodes/services.ts';
import { videoSource } from '../../../nodes/video-source/definition.ts';
import { Image, liveImageCount } from '../../../src/gpu/image.ts';
import type { GraphDocument, PortRef } from '../../../src/graph/document.ts';
import { Evaluator } from '../../../src/graph/evaluator.ts';
import { NodeRegistry } from '../../../src/graph/registry.ts';
import type { NodeStatus, Params } from '../../../src/graph/types.ts';
import { BrowserServices } from '../../../src/host/browser-services.ts';
import { InstalledModelLibrary } from '../../../src/ml/installed-models.ts';

/** Pixels as they cross the page boundary: inline base64, or a URL serving raw RGBA. */
export interface WirePixels {
  width: number;
  height: number;
  b64?: string;
  url?: string;
}

/** Only the node types used here (importing nodes/index.ts would tie this page to every node). */
const registry = () => new NodeRegistry<NodeServices>([videoSource, colorKey, rvmMatte, matteOps]);

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

async function toMatte(p: WirePixels): Promise<Image> {
  const rgba = p.b64 !== undefined ? fromBase64(p.b64) : new Uint8ClampedArray(await (await fetch(p.url!)).arrayBuffer());
  return Image.fromPixels(p.width, p.height, 'matte', rgba);
}

// One host (one GPU device) for the page. Media paths resolve like the examples' own; models
// come from the list the test serves.
const host = new BrowserServices({
  models: new InstalledModelLibrary({ indexUrl: '/__test/installed.json' }),
  baseUrl: `${location.origin}/examples/`,
  preferredEp: 'wasm',
});

/**
 * One Matte Ops evaluation as a bare instance. `uploaded`: A and B go to the GPU first, as they
 * arrive from a shader node upstream.
 */
async function runOps(a: WirePixels, b: WirePixels | null, params: Params, uploaded = false) {
  const before = liveImageCount();
  const inputs: Record<string, Image> = { a: await toMatte(a) };
  if (b) inputs.b = await toMatte(b);
  const gpu = await host.gpu();
  if (uploaded) Object.values(inputs).forEach((i) => i.texture(gpu));
  const node = matteOps.create();
  const statuses: NodeStatus[] = [];
  try {
    const outputs = await node.evaluate({
      nodeId: 'ops', frame: 0, sequential: false, params, inputs, services: host,
      signal: new AbortController().signal, report: (s) => statuses.push(s),
    });
    const matte = outputs.matte as Image;
    try {
      return {
        width: matte.width, height: matte.height, kind: matte.kind, b64: toBase64(await matte.pixels(gpu)),
        passedThrough: matte === inputs.a, status: statuses.at(-1),
      };
    } finally {
      matte.dispose();
    }
  } finally {
    node.dispose();
    Object.values(inputs).forEach((i) => i.dispose());
    if (liveImageCount() !== before) console.error(`runOps leaked ${liveImageCount() - before} images`);
  }
}

/** The message a Matte Ops evaluation fails with, and the live images left afterwards. */
async function opsError(a: WirePixels | null, b: WirePixels | null, params: Params) {
  const before = liveImageCount();
  const inputs: Record<string, unknown> = {};
  if (a) inputs.a = await toMatte(a);
  if (b) inputs.b = await toMatte(b);
  const node = matteOps.create();
  let message = 'no error';
  try {
    const out = await node.evaluate({
      nodeId: 'ops', frame: 0, sequential: false, params, inputs, services: host,
      signal: new AbortController().signal, report: () => {},
    });
    (out.matte as Image).dispose();
  } catch (e) {
    message = (e as Error).message;
  } finally {
    Object.values(inputs).forEach((i) => (i as Image).dispose());
  }
  return { message, leaked: liveImageCount() - before };
}

/**
 * `doc` through the evaluator at frame 0: for each target port in turn, its matte (R channel as
 * base64) or the error it fails with; every node's last status; images left alive afterwards.
 */
async function runGraph(doc: GraphDocument, targets: PortRef[]) {
  const statuses: Record<string, NodeStatus> = {};
  const evaluator = new Evaluator(registry(), host, { onStatus: (id, s) => (statuses[id] = s) });
  const gpu = await host.gpu();
  const before = liveImageCount();
  const results: { width?: number; height?: number; kind?: string; r?: string; error?: string }[] = [];
  try {
    evaluator.setDocument(doc);
    for (const target of targets) {
      try {
        const value = await evaluator.evaluate(target, 0);
        if (!(value instanceof Image)) throw new Error(`${target.node}.${target.port} gave no image`);
        const px = await value.pixels(gpu);
        const r = new Uint8Array(value.width * value.height);
        for (let i = 0; i < r.length; i++) r[i] = px[i * 4];
        results.push({ width: value.width, height: value.height, kind: value.kind, r: toBase64(r) });
      } catch (e) {
        results.push({ error: (e as Error).message });
      }
    }
  } finally {
    evaluator.dispose();
  }
  return { results, statuses, leaked: liveImageCount() - before };
}

const api = { runOps, opsError, runGraph };
declare global {
  interface Window {
    matteOpsPage: typeof api;
  }
}
window.matteOpsPage = api;
document.title = 'matte ops ready';
