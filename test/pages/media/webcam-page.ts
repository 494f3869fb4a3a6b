// Test page: a WebcamSource -> luma matte graph evaluated frame after frame like a live viewer,
// and a short recording through the export job; exposes `window.webcamPage` to Playwright.

import { Evaluator } from '../../../src/graph/evaluator.ts';
import { NodeRegistry } from '../../../src/graph/registry.ts';
import type { GraphDocument } from '../../../src/graph/document.ts';
import { liveImageCount, type Image } from '../../../src/gpu/image.ts';
import { BrowserServices } from '../../../src/host/browser-services.ts';
import type { ModelLibrary } from '../../../src/ml/model-library.ts';
import { runExport } from '../../../src/media/export-job.ts';
import { openVideoFrameCount } from '../../../src/media/open-frames.ts';
import type { NodeServices } from '../../../nodes/services.ts';
import { webcamSource } from '../../../nodes/webcam-source/definition.ts';
import { mirrored } from '../../../nodes/webcam-source/webcam-source-node.ts';
import { Image as Picture } from '../../../src/gpu/image.ts';
import { exportNode } from '../../../nodes/export/definition.ts';
import { lumaMatte } from './test-nodes.ts';
import { digest } from './pixels.ts';

const noModels: ModelLibrary = {
  list: async () => [],
  load: async () => Promise.reject(new Error('no models here')),
  add: async () => Promise.reject(new Error('no models here')),
};

function graph(params: Record<string, string | number | boolean>): GraphDocument {
  const node = (id: string, type: string, p = {}) => ({ id, type, version: 1, params: p, position: { x: 0, y: 0 } });
  return {
    nodes: [node('cam', 'WebcamSource', params), node('luma', 'TestLumaMatte'), node('export', 'Export', { audio: 'drop' })],
    edges: [
      { id: 'a', from: { node: 'cam', port: 'image' }, to: { node: 'luma', port: 'source' } },
      { id: 'b', from: { node: 'luma', port: 'pha' }, to: { node: 'export', port: 'image' } },
    ],
  };
}

function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

const make = () => {
  const statuses: unknown[] = [];
  const evaluator = new Evaluator(new NodeRegistry<NodeServices>([webcamSource, lumaMatte, exportNode]), new BrowserServices({ models: noModels }), {
    onStatus: (_id, s) => statuses.push(s),
  });
  return { evaluator, statuses };
};

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

const api = {
  /** Evaluates the matte at frames 0..count-1, as a live viewer would; digests and timing per frame. */
  async live(count: number, params: Record<string, string | number | boolean> = {}) {
    const { evaluator, statuses } = make();
    evaluator.setDocument(graph(params));
    const info = await evaluator.clipInfo('luma');
    const frames: { digest: string; size: string; ms: number; kind: string }[] = [];
    let maxOpen = 0;
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      const img = (await evaluator.evaluate({ node: 'luma', port: 'pha' }, i)) as Image;
      frames.push({ digest: await digest(await img.pixels()), size: `${img.width}x${img.height}`, ms: performance.now() - t0, kind: img.kind });
      maxOpen = Math.max(maxOpen, openVideoFrameCount());
    }
    evaluator.dispose();
    await settle();
    return { info: info && { frameCount: info.frameCount, fps: info.fps, width: info.width, height: info.height }, frames, statuses: statuses.slice(-1), maxOpen, openFrames: openVideoFrameCount(), liveImages: liveImageCount() };
  },
  /** Records `frames` camera frames through the graph into an MP4 (base64). */
  async record(frames: number) {
    const { evaluator } = make();
    evaluator.setDocument(graph({}));
    const r = await runExport({ evaluator, exportNodeId: 'export', target: { kind: 'memory' }, range: { start: 0, end: frames } });
    evaluator.dispose();
    await settle();
    return { frameCount: r.frameCount, base64: base64(new Uint8Array(await r.blob!.arrayBuffer())), openFrames: openVideoFrameCount() };
  },
  /** A 3x1 picture (red, green, blue) mirrored: its pixels left to right. */
  async mirrorCheck() {
    const img = Picture.fromPixels(3, 1, 'image', new Uint8ClampedArray([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255]));
    const out = await mirrored(img);
    const px = [...(await out.pixels())];
    out.dispose();
    return { px, sourceDisposed: img.disposed };
  },
  /** The message a camera that is not there gives. */
  async missingCamera() {
    const { evaluator, statuses } = make();
    evaluator.setDocument(graph({ device: 'no such camera' }));
    let error = '';
    try {
      await evaluator.evaluate({ node: 'luma', port: 'pha' }, 0);
    } catch (e) {
      error = (e as Error).message;
    }
    evaluator.dispose();
    return { error, status: statuses.at(-1) };
  },
};

declare global {
  interface Window {
    webcamPage: typeof api;
  }
}
window.webcamPage = api;
