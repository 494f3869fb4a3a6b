// Test page for the BGMv2 Matte and Refine-Region Viewer nodes: drives real instances (real
// onnxruntime-web WASM/WebGPU, real WebGPU shaders), alone and wired in a real Evaluator, with
// pictures and models the test serves, and hands pixels and statuses back as base64.

import { bgmv2Matte } from '../../../nodes/bgmv2-matte/definition.ts';
import { refineViewer } from '../../../nodes/refine-viewer/definition.ts';
import type { NodeServices } from '../../../nodes/services.ts';
import { Image, liveImageCount, type ImageKind } from '../../../src/gpu/image.ts';
import { readbackCount } from '../../../src/gpu/readback.ts';
import type { GraphDocument } from '../../../src/graph/document.ts';
import { Evaluator } from '../../../src/graph/evaluator.ts';
import { NodeRegistry } from '../../../src/graph/registry.ts';
import type { NodeInstance, NodeStatus, Params } from '../../../src/graph/types.ts';
import { BrowserServices } from '../../../src/host/browser-services.ts';
import { setBgmv2SessionLogSeverity } from '../../../src/ml/bgmv2-session.ts';
import { InstalledModelLibrary } from '../../../src/ml/installed-models.ts';
import { testPicture } from '../gpu/test-picture-node.ts';

interface Picture {
  width: number;
  height: number;
  rgba: Uint8ClampedArray;
  url: string;
}

export interface WireImage {
  width: number;
  height: number;
  kind: ImageKind;
  b64: string;
}

const pictures = new Map<string, Picture>();

// GPU buffers the BGMv2 engine makes (labelled "bgmv2 …") and has not destroyed yet, so a test
// can check that nothing outlives a frame. Only this test page wraps createBuffer.
const liveBgmv2Buffers = new Set<GPUBuffer>();
const createBuffer = GPUDevice.prototype.createBuffer;
GPUDevice.prototype.createBuffer = function (this: GPUDevice, descriptor: GPUBufferDescriptor) {
  const buffer = createBuffer.call(this, descriptor);
  if (descriptor.label?.startsWith('bgmv2')) {
    liveBgmv2Buffers.add(buffer);
    const destroy = buffer.destroy.bind(buffer);
    buffer.destroy = () => {
      liveBgmv2Buffers.delete(buffer);
      destroy();
    };
  }
  return buffer;
};
let library: InstalledModelLibrary;
let services: BrowserServices;
let matte: NodeInstance<NodeServices> | undefined;
let viewer: NodeInstance<NodeServices> | undefined;

function toBase64(bytes: Uint8Array | Uint8ClampedArray): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

async function wire(image: Image): Promise<WireImage> {
  const px = await image.pixels(await services.gpu().catch(() => undefined));
  return { width: image.width, height: image.height, kind: image.kind, b64: toBase64(px) };
}

function picture(name: string, kind: ImageKind): Image {
  const p = pictures.get(name);
  if (!p) throw new Error(`no picture "${name}" loaded`);
  return Image.fromPixels(p.width, p.height, kind, p.rgba.slice());
}

async function evaluateOnce(node: NodeInstance<NodeServices>, params: Params, inputs: Record<string, Image>) {
  const statuses: NodeStatus[] = [];
  try {
    const outputs = await node.evaluate({
      nodeId: 'n', frame: 0, sequential: false, params, inputs, services,
      signal: new AbortController().signal,
      report: (s) => statuses.push(s),
    });
    return { outputs: outputs as Record<string, Image>, statuses };
  } finally {
    for (const i of Object.values(inputs)) i.dispose();
  }
}

async function wireAll(outputs: Record<string, Image>): Promise<Record<string, WireImage>> {
  const out: Record<string, WireImage> = {};
  try {
    for (const [port, image] of Object.entries(outputs)) out[port] = await wire(image);
  } finally {
    for (const image of Object.values(outputs)) image.dispose();
  }
  return out;
}

const harness = {
  setup(indexUrl: string, preferredEp?: 'webgpu' | 'wasm') {
    matte?.dispose();
    viewer?.dispose();
    library = new InstalledModelLibrary({ indexUrl });
    services = new BrowserServices({ models: library, preferredEp });
    matte = bgmv2Matte.create();
    viewer = refineViewer.create();
  },

  /** Raw RGBA bytes at `url`, kept under `name`. */
  async loadPicture(name: string, url: string, width: number, height: number): Promise<void> {
    const rgba = new Uint8ClampedArray(await (await fetch(url)).arrayBuffer());
    if (rgba.length !== width * height * 4) throw new Error(`${url}: ${rgba.length} bytes for ${width}x${height}`);
    pictures.set(name, { width, height, rgba, url });
  },

  /** One BGMv2 Matte evaluation; every output comes back as pixels. */
  async matte(source: string, plate: string, params: Params = {}) {
    const { outputs, statuses } = await evaluateOnce(
      matte!,
      { model: 'auto', backend: 'auto', ...params },
      { source: picture(source, 'image'), plate: picture(plate, 'image') },
    );
    return { outputs: await wireAll(outputs), status: statuses.at(-1)!, statuses };
  },

  /**
   * One BGMv2 Matte evaluation on pictures that exist only as GPU textures (as from a decoder or
   * a shader node), counting the textures read back to the CPU during it (the wiring of the
   * outputs back to the test comes after the count).
   */
  async matteFromTextures(source: string, plate: string, params: Params = {}) {
    const gpu = await services.gpu();
    const onGpu = (name: string) => {
      const cpu = picture(name, 'image');
      const texture = cpu.texture(gpu);
      const copy = gpu.device.createTexture({ size: [cpu.width, cpu.height], format: 'rgba8unorm', usage: texture.usage });
      const enc = gpu.device.createCommandEncoder();
      enc.copyTextureToTexture({ texture }, { texture: copy }, [cpu.width, cpu.height]);
      gpu.device.queue.submit([enc.finish()]);
      cpu.dispose();
      return Image.fromTexture(copy, 'image');
    };
    const before = readbackCount();
    const { outputs, statuses } = await evaluateOnce(
      matte!,
      { model: 'auto', backend: 'auto', ...params },
      { source: onGpu(source), plate: onGpu(plate) },
    );
    const readbacks = readbackCount() - before;
    return { outputs: await wireAll(outputs), status: statuses.at(-1)!, statuses, readbacks };
  },

  /** One Refine-Region Viewer evaluation on loaded pictures (err and ref as mattes). */
  async overlay(source: string, err: string, ref: string, params: Params = {}) {
    const { outputs, statuses } = await evaluateOnce(
      viewer!,
      { opacity: 0.6, mode: 'heat-outline', ...params },
      { source: picture(source, 'image'), err: picture(err, 'matte'), ref: picture(ref, 'matte') },
    );
    return { outputs: await wireAll(outputs), status: statuses.at(-1)! };
  },

  /** Source + plate → BGMv2 Matte → Refine-Region Viewer in a real Evaluator, for `frames` frames. */
  async graph(source: string, plate: string, frames: number, matteParams: Params = {}) {
    const registry = new NodeRegistry<NodeServices>([testPicture, bgmv2Matte, refineViewer]);
    const statuses: Record<string, NodeStatus> = {};
    const evaluator = new Evaluator(registry, services, { onStatus: (id, s) => (statuses[id] = s) });
    const at = { x: 0, y: 0 };
    const pic = (name: string) => {
      const p = pictures.get(name)!;
      return { url: p.url, width: p.width, height: p.height };
    };
    const doc: GraphDocument = {
      nodes: [
        { id: 'src', type: 'TestPicture', version: 1, position: at, params: pic(source) },
        { id: 'plate', type: 'TestPicture', version: 1, position: at, params: pic(plate) },
        { id: 'bgm', type: 'Bgmv2Matte', version: 1, position: at, params: { model: 'auto', backend: 'auto', ...matteParams } },
        { id: 'view', type: 'RefineViewer', version: 1, position: at, params: { opacity: 0.6, mode: 'heat-outline' } },
      ],
      edges: [
        { id: 'e1', from: { node: 'src', port: 'image' }, to: { node: 'bgm', port: 'source' } },
        { id: 'e2', from: { node: 'plate', port: 'image' }, to: { node: 'bgm', port: 'plate' } },
        { id: 'e3', from: { node: 'src', port: 'image' }, to: { node: 'view', port: 'source' } },
        { id: 'e4', from: { node: 'bgm', port: 'err' }, to: { node: 'view', port: 'err' } },
        { id: 'e5', from: { node: 'bgm', port: 'ref' }, to: { node: 'view', port: 'ref' } },
      ],
    };
    const before = liveImageCount();
    evaluator.setDocument(doc);
    let last: WireImage | undefined;
    for (let f = 0; f < frames; f++) last = await wire((await evaluator.evaluate({ node: 'view', port: 'image' }, f)) as Image);
    const liveWhileHeld = liveImageCount() - before;
    evaluator.dispose();
    return { image: last!, statuses, liveWhileHeld, liveAfterDispose: liveImageCount() - before };
  },

  /** Drops a file on the library, as the editor does: the entry, or the refusal's message. */
  async addModel(url: string, name: string): Promise<{ entry?: unknown; error?: string }> {
    const blob = await (await fetch(url)).blob();
    try {
      return { entry: await library.add('bgmv2', new File([blob], name)) };
    } catch (e) {
      return { error: (e as Error).message };
    }
  },

  setLogSeverity(level: 0 | 1 | 2 | 3 | 4) {
    setBgmv2SessionLogSeverity(level);
  },

  dispose() {
    matte?.dispose();
    viewer?.dispose();
    matte = viewer = undefined;
  },

  liveImages: () => liveImageCount(),
  liveBgmv2Buffers: () => liveBgmv2Buffers.size,
};

declare global {
  interface Window {
    bgmv2: typeof harness;
  }
}
window.bgmv2 = harness;
document.getElementById('ready')!.textContent = 'ready';
