// NodeServices for a browser page (editor, headless render page, test pages).
// Media refs resolve to files the user gave us by name first, then to URLs relative to `baseUrl`.

import type { NodeServices } from '../../nodes/services.ts';
import { assertWebGpuApi, createGpuContext, gpuContextOnDevice, type GpuContext } from '../gpu/context.ts';
import type { ModelLibrary } from '../ml/model-library.ts';
import { ortWebGpuDevice, ortWebGpuDeviceLost } from '../ml/ort-device.ts';

export interface BrowserServicesOptions {
  models: ModelLibrary;
  /** Base for relative media paths (e.g. the URL of the graph file's folder). */
  baseUrl?: string;
  preferredEp?: 'webgpu' | 'wasm';
  /** Turns a media ref into a URL when it is not a user file (the CLI maps local paths). */
  mediaUrl?: (ref: string) => string;
}

export class BrowserServices implements NodeServices {
  /** Files the user picked or dropped, by name. */
  readonly userFiles = new Map<string, Blob>();
  readonly models: ModelLibrary;
  preferredEp?: 'webgpu' | 'wasm';
  baseUrl: string;
  private gpuPromise?: Promise<GpuContext>;

  constructor(private readonly options: BrowserServicesOptions) {
    this.models = options.models;
    this.preferredEp = options.preferredEp;
    this.baseUrl = options.baseUrl ?? location.href;
  }

  /**
   * The graph's GPU context, on onnxruntime-web's device. Model nodes read their input from the
   * textures of shader nodes and hand them textures back, which works only on one device, and
   * onnxruntime-web cannot adopt a device of ours (src/ml/ort-device.ts). So the choice is made
   * once, up front, whenever WebGPU is used at all, instead of switching devices when the first
   * WebGPU session appears: images and pipelines made on the first device would be unusable on
   * the second, and holders of the old context (an export in progress) would break. The cost:
   * onnxruntime's WASM runtime loads even for a graph without a model. When onnxruntime's WebGPU
   * cannot start (or its device was lost), shader nodes get a device of their own; model nodes
   * then run on WASM or copy through the CPU, and say so.
   */
  gpu(): Promise<GpuContext> {
    this.gpuPromise ??= this.createGpu().then((ctx) => {
      // A lost device is re-created on next use instead of failing forever.
      ctx.device.lost.then(() => (this.gpuPromise = undefined));
      return ctx;
    });
    return this.gpuPromise;
  }

  private async createGpu(): Promise<GpuContext> {
    assertWebGpuApi();
    if (!ortWebGpuDeviceLost()) {
      try {
        return gpuContextOnDevice(await ortWebGpuDevice());
      } catch {
        // No adapter, or onnxruntime's WebGPU failed: createGpuContext says which, plainly.
      }
    }
    return createGpuContext();
  }

  async openMedia(ref: string, signal?: AbortSignal): Promise<Blob> {
    if (!ref) throw new Error('no file chosen');
    const own = this.userFiles.get(ref);
    if (own) return own;
    const url = this.options.mediaUrl?.(ref) ?? new URL(ref, this.baseUrl).href;
    let res: Response;
    try {
      res = await fetch(url, { signal });
    } catch (e) {
      if (signal?.aborted) throw e;
      throw new Error(`cannot read "${ref}": ${(e as Error).message}`);
    }
    if (!res.ok) {
      throw new Error(res.status === 404 ? `file not found: "${ref}"` : `cannot read "${ref}" (HTTP ${res.status})`);
    }
    return res.blob();
  }
}
