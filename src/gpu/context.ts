// The GPU device shared by every shader node of a graph, and a cache of compiled pipelines.
// onnxruntime-web cannot take a device from us: when an ONNX session on WebGPU exists, the
// graph's shaders must run on ORT's device (see src/ml), so the context can be built from one.

export interface GpuContext {
  device: GPUDevice;
  adapterInfo: { vendor: string; architecture: string; isFallback: boolean };
  /** Compiles (once per key) a compute pipeline from WGSL source. */
  computePipeline(key: string, wgsl: string, entryPoint?: string): GPUComputePipeline;
}

export class GpuUnavailableError extends Error {
  override name = 'GpuUnavailableError';
}

export function gpuContextFor(device: GPUDevice, adapterInfo: GpuContext['adapterInfo']): GpuContext {
  const pipelines = new Map<string, GPUComputePipeline>();
  return {
    device,
    adapterInfo,
    computePipeline(key, wgsl, entryPoint = 'main') {
      let p = pipelines.get(key);
      if (!p) {
        const module = device.createShaderModule({ code: wgsl, label: key });
        p = device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint }, label: key });
        pipelines.set(key, p);
      }
      return p;
    },
  };
}

/** Throws a plain GpuUnavailableError when the browser has no WebGPU at all. */
export function assertWebGpuApi(): void {
  if (typeof navigator === 'undefined' || !('gpu' in navigator) || !navigator.gpu) {
    throw new GpuUnavailableError('this browser has no WebGPU (navigator.gpu is missing)');
  }
}

/** A context on a device someone else created (onnxruntime-web's: see src/ml/ort-device.ts). */
export function gpuContextOnDevice(device: GPUDevice): GpuContext {
  const info = device.adapterInfo as GPUAdapterInfo | undefined;
  return gpuContextFor(device, {
    vendor: info?.vendor ?? '',
    architecture: info?.architecture ?? '',
    isFallback: Boolean(info?.isFallbackAdapter) || /swiftshader/i.test(`${info?.architecture} ${info?.description}`),
  });
}

/** Requests an adapter and device, or says plainly why WebGPU is not available. */
export async function createGpuContext(): Promise<GpuContext> {
  assertWebGpuApi();
  const adapter = await navigator.gpu.requestAdapter();
  if (!adapter) throw new GpuUnavailableError('WebGPU is present but no GPU adapter is available');
  const device = await adapter.requestDevice({
    requiredLimits: { maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize },
  });
  const info = adapter.info;
  return gpuContextFor(device, {
    vendor: info?.vendor ?? '',
    architecture: info?.architecture ?? '',
    isFallback: describeFallback(adapter, info),
  });
}

/** True for software adapters (SwiftShader and the like): correct, but far too slow for nets. */
function describeFallback(adapter: GPUAdapter, info: GPUAdapterInfo | undefined): boolean {
  const flagged = (info as unknown as { isFallbackAdapter?: boolean })?.isFallbackAdapter ??
    (adapter as unknown as { isFallbackAdapter?: boolean }).isFallbackAdapter;
  return Boolean(flagged) || /swiftshader/i.test(info?.architecture ?? '') || /swiftshader/i.test(info?.description ?? '');
}
