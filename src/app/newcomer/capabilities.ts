// What this browser can do, checked once at start, and what will not work without it, in
// plain words.

export interface CapabilityProblem {
  feature: string;
  consequence: string;
  severity: 'error' | 'warning';
}

async function webGpuProblem(): Promise<CapabilityProblem | undefined> {
  const feature = 'WebGPU';
  if (!('gpu' in navigator) || !navigator.gpu) {
    return { feature, severity: 'warning', consequence: 'WebGPU is not available: Composite and other GPU nodes cannot run, and RVM runs on the CPU (slow). Use a recent Chrome or Edge.' };
  }
  try {
    const adapter = await navigator.gpu.requestAdapter();
    if (!adapter) {
      return { feature, severity: 'warning', consequence: 'WebGPU found no graphics adapter: GPU nodes cannot run, and RVM runs on the CPU (slow).' };
    }
    const info = (adapter as GPUAdapter & { info?: GPUAdapterInfo & { isFallbackAdapter?: boolean } }).info;
    if (info?.isFallbackAdapter || /swiftshader/i.test(`${info?.vendor ?? ''} ${info?.architecture ?? ''} ${info?.description ?? ''}`)) {
      return { feature, severity: 'warning', consequence: 'WebGPU runs on a software adapter: everything works, but slowly (RVM uses the CPU).' };
    }
  } catch (e) {
    return { feature, severity: 'warning', consequence: `WebGPU failed to start (${e instanceof Error ? e.message : String(e)}): GPU nodes cannot run.` };
  }
  return undefined;
}

export async function checkCapabilities(): Promise<CapabilityProblem[]> {
  const problems: CapabilityProblem[] = [];
  if (typeof VideoDecoder === 'undefined' || typeof VideoEncoder === 'undefined') {
    problems.push({
      feature: 'WebCodecs',
      severity: 'error',
      consequence: 'WebCodecs is missing: videos cannot be decoded or exported here. Use a recent Chrome, Edge or Safari.',
    });
  }
  const gpu = await webGpuProblem();
  if (gpu) problems.push(gpu);
  if (!globalThis.crossOriginIsolated) {
    problems.push({
      feature: 'cross-origin isolation',
      severity: 'warning',
      consequence: 'The page is not cross-origin isolated: models on the CPU run single-threaded (slower). Serve it with the COOP/COEP headers (npm run dev does).',
    });
  }
  return problems;
}
