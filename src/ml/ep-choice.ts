// Picks the execution provider for a model session: the node's `backend` param, else the host's
// preference (services.preferredEp), else WebGPU when the adapter is a real GPU. Every time WASM
// is used although WebGPU was possible, the reason is returned so the node can show it.

import type { Precision, WebGpuVerdict } from './model-library.ts';
import type { WebGpuProbe } from './webgpu-probe.ts';

export type Backend = 'auto' | 'webgpu' | 'wasm';
export type Ep = 'webgpu' | 'wasm';

export interface EpChoice {
  ep: Ep;
  /** Why this EP, when it is not the obvious one (shown as a fact on the node). */
  note?: string;
  /** The user asked for WebGPU and did not get it: the node shows a warning. */
  warning?: string;
}

export interface EpChoiceInput {
  backend: Backend;
  preferredEp?: Ep;
  precision: Precision;
  webgpu?: WebGpuVerdict;
  probe: () => Promise<WebGpuProbe>;
}

export async function chooseEp({ backend, preferredEp, precision, webgpu, probe }: EpChoiceInput): Promise<EpChoice> {
  const wanted: Backend = backend === 'auto' && preferredEp ? preferredEp : backend;
  if (wanted === 'wasm') return { ep: 'wasm' };
  const forced = wanted === 'webgpu';
  const gpu = await probe();
  const instead = (why: string): EpChoice =>
    forced ? { ep: 'wasm', warning: `${why}: using WASM`, note: `${why}: using WASM` } : { ep: 'wasm', note: `${why}: using WASM` };
  if (!gpu.available) return instead(gpu.reason ?? 'no WebGPU');
  if (precision === 'fp16' && !gpu.shaderF16) return instead(`WebGPU adapter has no shader-f16 for this fp16 model`);
  if (forced) return { ep: 'webgpu', ...(gpu.software ? { note: `WebGPU adapter is software (${adapterName(gpu)}): slow` } : {}) };
  if (gpu.software) return instead(`WebGPU adapter is software (${adapterName(gpu)})`);
  if (webgpu === 'fails') return instead('this model build is known to fail on WebGPU');
  return { ep: 'webgpu' };
}

const adapterName = (gpu: WebGpuProbe) => (/swiftshader/i.test(gpu.description) ? 'SwiftShader' : gpu.description);
