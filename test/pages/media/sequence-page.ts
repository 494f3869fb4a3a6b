// Test page: a lone Video Source given an image sequence ref (`__test/seq/frame_%04d.png 1-12`,
// files routed by Playwright), evaluated by the real evaluator; exposes `window.sequencePage`.
// Pixel comparisons run here against ffmpeg's raw RGBA, so only numbers cross over.

import { Evaluator } from '../../../src/graph/evaluator.ts';
import { NodeRegistry } from '../../../src/graph/registry.ts';
import type { NodeStatus } from '../../../src/graph/types.ts';
import { liveImageCount, type Image } from '../../../src/gpu/image.ts';
import { BrowserServices } from '../../../src/host/browser-services.ts';
import type { ModelLibrary } from '../../../src/ml/model-library.ts';
import { openVideoFrameCount } from '../../../src/media/open-frames.ts';
import type { NodeServices } from '../../../nodes/services.ts';
import { videoSource } from '../../../nodes/video-source/definition.ts';

const noModels: ModelLibrary = {
  list: async () => [],
  load: async () => Promise.reject(new Error('no models in this test page')),
  add: async () => Promise.reject(new Error('no models in this test page')),
};

let evaluator: Evaluator<NodeServices> | undefined;
let fetched: string[] = [];
let status: NodeStatus | undefined;

/** Largest per-channel difference of two RGBA8 buffers (RGB only when `rgbOnly`). */
function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>, rgbOnly = false): number {
  if (a.length !== b.length) throw new Error(`size mismatch: ${a.length} vs ${b.length} bytes`);
  let max = 0;
  for (let i = 0; i < a.length; i++) if (!(rgbOnly && i % 4 === 3)) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

const api = {
  async open(file: string, sequenceFps?: number) {
    evaluator?.dispose();
    const services = new BrowserServices({ models: noModels, baseUrl: location.origin + '/' });
    const open = services.openMedia.bind(services);
    fetched = [];
    services.openMedia = (ref, signal) => (fetched.push(ref.slice(ref.lastIndexOf('/') + 1)), open(ref, signal));
    evaluator = new Evaluator(new NodeRegistry<NodeServices>([videoSource]), services, { onStatus: (_id, s) => (status = s) });
    const params: Record<string, string | number> = { file };
    if (sequenceFps !== undefined) params.sequenceFps = sequenceFps;
    evaluator.setDocument({ nodes: [{ id: 'source', type: 'VideoSource', version: 1, params, position: { x: 0, y: 0 } }], edges: [] });
    try {
      const info = await evaluator.clipInfo('source');
      return { info, fetched: [...fetched] };
    } catch (e) {
      return { error: (e as Error).message };
    }
  },
  /** Frame `index` against raw RGBA at `refUrl`: the largest channel difference, or the error. */
  async compare(index: number, refUrl: string, rgbOnly = false) {
    fetched = [];
    try {
      const img = (await evaluator!.evaluate({ node: 'source', port: 'image' }, index)) as Image;
      const ref = new Uint8Array(await (await fetch(refUrl)).arrayBuffer());
      return { max: maxDiff(await img.pixels(), ref, rgbOnly), width: img.width, height: img.height, fetched: [...fetched], facts: status?.facts };
    } catch (e) {
      return { error: (e as Error).message, status: status?.message };
    }
  },
  /** Evaluates frame `index` and returns the error, or 'ok'. */
  async frameError(index: number): Promise<string> {
    try {
      await evaluator!.evaluate({ node: 'source', port: 'image' }, index);
      return 'ok';
    } catch (e) {
      return (e as Error).message;
    }
  },
  async close() {
    evaluator?.dispose();
    evaluator = undefined;
    await new Promise((resolve) => setTimeout(resolve, 0));
    return { liveImages: liveImageCount(), openFrames: openVideoFrameCount() };
  },
};

declare global {
  interface Window {
    sequencePage: typeof api;
  }
}
window.sequencePage = api;
