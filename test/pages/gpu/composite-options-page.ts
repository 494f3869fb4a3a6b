// Test page for the Composite node's options: runs one evaluation with given params (the matte
// may be left out), and a saved graph file through the real loader and Evaluator, and hands
// pixels back as base64.

import { composite } from '../../../nodes/composite/definition.ts';
import type { NodeServices } from '../../../nodes/services.ts';
import { Image, liveImageCount, type ImageKind } from '../../../src/gpu/image.ts';
import { Evaluator } from '../../../src/graph/evaluator.ts';
import { NodeRegistry } from '../../../src/graph/registry.ts';
import { parseGraph } from '../../../src/graph/serialize.ts';
import type { NodeStatus, Params } from '../../../src/graph/types.ts';
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
const host = new BrowserServices({ models: noModels, baseUrl: `${location.origin}/__test/` });
const services: NodeServices = { gpu: () => host.gpu(), openMedia: (ref, signal) => host.openMedia(ref, signal), models: host.models };

function toBase64(bytes: Uint8Array | Uint8ClampedArray): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

async function toImage(p: WirePixels, kind: ImageKind): Promise<Image> {
  const rgba = p.b64 !== undefined
    ? Uint8ClampedArray.from(atob(p.b64), (c) => c.charCodeAt(0))
    : new Uint8ClampedArray(await (await fetch(p.url!)).arrayBuffer());
  return Image.fromPixels(p.width, p.height, kind, rgba);
}

async function readOut(image: Image) {
  const gpu = await services.gpu();
  return { width: image.width, height: image.height, b64: toBase64(await image.pixels(gpu)) };
}

/** One Composite evaluation with `params`; `pha` null leaves the matte input unconnected. */
async function runComposite(fgr: WirePixels, pha: WirePixels | null, plate: WirePixels, params: Params) {
  const inputs: Record<string, Image> = { fgr: await toImage(fgr, 'image'), plate: await toImage(plate, 'image') };
  if (pha) inputs.pha = await toImage(pha, 'matte');
  const node = composite.create();
  const statuses: NodeStatus[] = [];
  try {
    const outputs = await node.evaluate({
      nodeId: 'comp', frame: 0, sequential: false, params, inputs, services,
      signal: new AbortController().signal,
      report: (s) => statuses.push(s),
    });
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

/** Loads a graph file as the editor opens one, and evaluates `node`.`port` at frame 0. */
async function runGraphFile(text: string, node: string, port: string) {
  const registry = new NodeRegistry<NodeServices>([testPicture, composite]);
  const doc = parseGraph(text, registry);
  const evaluator = new Evaluator(registry, services);
  try {
    evaluator.setDocument(doc);
    const out = (await evaluator.evaluate({ node, port }, 0)) as Image;
    return { ...(await readOut(out)), params: doc.nodes.find((n) => n.id === node)?.params };
  } finally {
    evaluator.dispose();
  }
}

const api = { runComposite, runGraphFile, liveImages: liveImageCount };
declare global {
  interface Window {
    compositeOptions: typeof api;
  }
}
window.compositeOptions = api;
document.title = 'composite-options ready';
