// Test page for the RVM node and the browser model library: drives a real RvmMatte instance
// (onnxruntime-web, real WASM/WebGPU) with frames the test serves, and hands results back.

import { rvmMatte } from '../../../nodes/rvm-matte/definition.ts';
import type { NodeServices } from '../../../nodes/services.ts';
import { Image, liveImageCount } from '../../../src/gpu/image.ts';
import { readbackCount } from '../../../src/gpu/readback.ts';
import type { NodeInstance, NodeStatus, Params } from '../../../src/graph/types.ts';
import { BrowserServices } from '../../../src/host/browser-services.ts';
import { InstalledModelLibrary } from '../../../src/ml/installed-models.ts';
import { liveRvmStateTensors } from '../../../src/ml/rvm-recurrent-state.ts';

interface Frame {
  width: number;
  height: number;
  rgba: Uint8ClampedArray;
}

/** Every GPU→CPU read on this page (ours and onnxruntime's): buffers mapped for reading. */
let gpuReads = 0;
if (typeof GPUBuffer !== 'undefined') {
  const mapAsync = GPUBuffer.prototype.mapAsync;
  GPUBuffer.prototype.mapAsync = function (this: GPUBuffer, mode: GPUMapModeFlags, ...rest: [number?, number?]) {
    if (mode & GPUMapMode.READ) gpuReads++;
    return mapAsync.call(this, mode, ...rest);
  };
}

export interface EvalResult {
  /** The matte's value channel (R), base64. */
  pha: string;
  /** Mean of fgr's RGB in 0..1 (a sanity value: fgr must be a real picture). */
  fgrMean: number;
  status: NodeStatus;
  statuses: NodeStatus[];
  /** GPU buffers mapped for reading, and textures read back (src/gpu/readback.ts), while the node ran. */
  gpuReads: number;
  textureReadbacks: number;
  /** pha and fgr came out as GPU textures only. */
  onGpu: boolean;
}

let frames: Frame[] = [];
let library: InstalledModelLibrary;
let services: BrowserServices;
let node: NodeInstance<NodeServices> | undefined;
let statuses: NodeStatus[] = [];

const harness = {
  setup(indexUrl: string, preferredEp?: 'webgpu' | 'wasm') {
    node?.dispose();
    library = new InstalledModelLibrary({ indexUrl });
    services = new BrowserServices({ models: library, preferredEp });
    node = rvmMatte.create();
  },

  async loadFrames(url: string, width: number, height: number): Promise<number> {
    const bytes = new Uint8ClampedArray(await (await fetch(url)).arrayBuffer());
    const size = width * height * 4;
    frames = [];
    for (let o = 0; o + size <= bytes.length; o += size) frames.push({ width, height, rgba: bytes.slice(o, o + size) });
    return frames.length;
  },

  async evaluate(index: number, frame: number, sequential: boolean, params: Params): Promise<EvalResult> {
    const f = frames[index];
    const source = Image.fromPixels(f.width, f.height, 'image', f.rgba.slice());
    statuses = [];
    const reads0 = gpuReads;
    const readbacks0 = readbackCount();
    try {
      const out = await node!.evaluate({
        nodeId: 'matte',
        frame,
        sequential,
        params: { model: 'auto', downsampleRatio: 'auto', backend: 'auto', ...params },
        inputs: { source },
        services,
        signal: new AbortController().signal,
        report: (s) => statuses.push(s),
      });
      const pha = out.pha as Image;
      const fgr = out.fgr as Image;
      if (pha.kind !== 'matte' || fgr.kind !== 'image') throw new Error(`wrong kinds: ${pha.kind}, ${fgr.kind}`);
      const gpuReadsDuring = gpuReads - reads0;
      const textureReadbacks = readbackCount() - readbacks0;
      const onGpu = !(await hasCpuPixels(pha)) && !(await hasCpuPixels(fgr));
      const gpu = onGpu ? await services.gpu() : undefined;
      const phaPx = await pha.pixels(gpu);
      const fgrPx = await fgr.pixels(gpu);
      const r = new Uint8Array(f.width * f.height);
      let sum = 0;
      for (let i = 0; i < r.length; i++) {
        r[i] = phaPx[i * 4];
        if (phaPx[i * 4 + 1] !== r[i] || phaPx[i * 4 + 2] !== r[i] || phaPx[i * 4 + 3] !== 255) throw new Error('pha is not a grey matte');
        sum += fgrPx[i * 4] + fgrPx[i * 4 + 1] + fgrPx[i * 4 + 2];
      }
      pha.dispose();
      fgr.dispose();
      return {
        pha: toBase64(r), fgrMean: sum / (r.length * 3 * 255), status: statuses.at(-1)!, statuses,
        gpuReads: gpuReadsDuring, textureReadbacks, onGpu,
      };
    } finally {
      source.dispose();
    }
  },

  reset() {
    node!.reset();
  },

  dispose() {
    node?.dispose();
    node = undefined;
  },

  counts() {
    return { images: liveImageCount(), stateTensors: liveRvmStateTensors() };
  },

  /** Drops a file on the library, as the editor does: the entry, or the refusal's message. */
  async addModel(url: string, name: string): Promise<{ entry?: unknown; error?: string }> {
    const blob = await (await fetch(url)).blob();
    try {
      return { entry: await library.add('rvm', new File([blob], name)) };
    } catch (e) {
      return { error: (e as Error).message };
    }
  },

  async loadError(id: string): Promise<string | undefined> {
    try {
      await library.load('rvm', id);
      return undefined;
    } catch (e) {
      return (e as Error).message;
    }
  },
};

/** Whether an image has CPU pixels without reading anything back (pixels() without a GPU context). */
async function hasCpuPixels(image: Image): Promise<boolean> {
  try {
    await image.pixels();
    return true;
  } catch {
    return false;
  }
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

declare global {
  interface Window {
    rvmHarness: typeof harness;
  }
}
window.rvmHarness = harness;
document.getElementById('ready')!.textContent = 'ready';
