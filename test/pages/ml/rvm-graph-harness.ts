// Test page for RVM inside a real graph: the shipped node registry (Video Source → RVM Matte),
// the real Evaluator, BrowserServices and onnxruntime-web, on a clip and models the test serves.
// Used for what only a graph shows: pre-roll after a jump, and RVM nodes side by side.

import { createRegistry } from '../../../nodes/index.ts';
import type { NodeServices } from '../../../nodes/services.ts';
import { Image, liveImageCount } from '../../../src/gpu/image.ts';
import type { GraphDocument } from '../../../src/graph/document.ts';
import { Evaluator } from '../../../src/graph/evaluator.ts';
import type { NodeStatus } from '../../../src/graph/types.ts';
import { BrowserServices } from '../../../src/host/browser-services.ts';
import { InstalledModelLibrary } from '../../../src/ml/installed-models.ts';
import { liveRvmStateTensors } from '../../../src/ml/rvm-recurrent-state.ts';

let services: BrowserServices;
let evaluator: Evaluator<NodeServices> | undefined;
let statuses = new Map<string, NodeStatus[]>();

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

const harness = {
  /** A fresh evaluator on `doc`; media refs resolve under /__test/. */
  open(doc: GraphDocument, indexUrl: string, preferredEp?: 'webgpu' | 'wasm') {
    evaluator?.dispose();
    services ??= new BrowserServices({ models: new InstalledModelLibrary({ indexUrl }), baseUrl: `${location.origin}/__test/`, preferredEp });
    statuses = new Map();
    evaluator = new Evaluator(createRegistry(), services, {
      onStatus: (id, s) => statuses.set(id, [...(statuses.get(id) ?? []), s]),
    });
    evaluator.setDocument(doc);
  },

  /** The matte (R channel, base64) a node's `pha` gives at `frame`, and the node's last status. */
  async pha(node: string, frame: number): Promise<{ pha: string; status?: NodeStatus; statuses: NodeStatus[]; ms: number }> {
    statuses.set(node, []);
    const started = performance.now();
    const value = await evaluator!.evaluate({ node, port: 'pha' }, frame);
    const ms = performance.now() - started;
    if (!(value instanceof Image)) throw new Error(`${node}.pha gave no image at frame ${frame}`);
    const px = await value.pixels(await services.gpu().catch(() => undefined));
    const r = new Uint8Array(value.width * value.height);
    for (let i = 0; i < r.length; i++) r[i] = px[i * 4];
    const all = statuses.get(node) ?? [];
    return { pha: toBase64(r), status: all.at(-1), statuses: all, ms };
  },

  /** As after a seek in the editor: every node's next frame is a jump. */
  resetAll() {
    evaluator!.resetAll();
  },

  dispose() {
    evaluator?.dispose();
    evaluator = undefined;
  },

  counts() {
    return { images: liveImageCount(), stateTensors: liveRvmStateTensors() };
  },
};

declare global {
  interface Window {
    rvmGraph: typeof harness;
  }
}
window.rvmGraph = harness;
document.getElementById('ready')!.textContent = 'ready';
