// What this browser's WebGPU adapter can do for inference, asked once per page: whether there is
// one, whether it is a software fallback (SwiftShader: correct but ~20 s per RVM frame), and
// whether it has shader-f16 (without it onnxruntime-web runs fp16 models into garbage, silently).

export interface WebGpuProbe {
  available: boolean;
  /** Why not, when unavailable. */
  reason?: string;
  software: boolean;
  shaderF16: boolean;
  /** e.g. "google swiftshader" or "nvidia ampere". */
  description: string;
}

let probe: Promise<WebGpuProbe> | undefined;

export function probeWebGpu(): Promise<WebGpuProbe> {
  probe ??= (async (): Promise<WebGpuProbe> => {
    const none = (reason: string): WebGpuProbe => ({ available: false, reason, software: false, shaderF16: false, description: '' });
    if (typeof navigator === 'undefined' || !navigator.gpu) return none('this browser has no WebGPU');
    let adapter: GPUAdapter | null;
    try {
      adapter = await navigator.gpu.requestAdapter();
    } catch (e) {
      return none(`WebGPU adapter request failed: ${(e as Error).message}`);
    }
    if (!adapter) return none('WebGPU has no adapter on this machine');
    const info = adapter.info;
    const fallbackFlag = (info as unknown as { isFallbackAdapter?: boolean }).isFallbackAdapter ??
      (adapter as unknown as { isFallbackAdapter?: boolean }).isFallbackAdapter;
    const text = `${info.vendor} ${info.architecture} ${info.description}`;
    const swiftshader = /swiftshader/i.test(text);
    return {
      available: true,
      software: Boolean(fallbackFlag) || swiftshader,
      shaderF16: adapter.features.has('shader-f16'),
      description: `${info.vendor} ${info.architecture}`.trim() || 'unknown adapter',
    };
  })();
  return probe;
}
