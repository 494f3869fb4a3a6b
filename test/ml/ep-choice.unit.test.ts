// Which execution provider a model session gets, and the reason shown when it is not WebGPU.

import { describe, expect, it } from 'vitest';
import { chooseEp, type EpChoiceInput } from '../../src/ml/ep-choice.ts';
import type { WebGpuProbe } from '../../src/ml/webgpu-probe.ts';

const realGpu: WebGpuProbe = { available: true, software: false, shaderF16: true, description: 'nvidia ampere' };
const swiftshader: WebGpuProbe = { available: true, software: true, shaderF16: false, description: 'google swiftshader' };
const noGpu: WebGpuProbe = { available: false, reason: 'this browser has no WebGPU', software: false, shaderF16: false, description: '' };

const choose = (probe: WebGpuProbe, over: Partial<EpChoiceInput> = {}) =>
  chooseEp({ backend: 'auto', precision: 'fp32', probe: async () => probe, ...over });

describe('EP choice', () => {
  it('auto takes WebGPU on a real GPU', async () => {
    expect(await choose(realGpu)).toEqual({ ep: 'webgpu' });
  });
  it('auto avoids a software adapter and says so', async () => {
    expect(await choose(swiftshader)).toEqual({ ep: 'wasm', note: 'WebGPU adapter is software (SwiftShader): using WASM' });
  });
  it('auto uses WASM without WebGPU, or for builds known to fail there', async () => {
    expect(await choose(noGpu)).toEqual({ ep: 'wasm', note: 'this browser has no WebGPU: using WASM' });
    expect(await choose(realGpu, { webgpu: 'fails' })).toEqual({ ep: 'wasm', note: 'this model build is known to fail on WebGPU: using WASM' });
  });
  it('the host preference replaces auto; the node param beats the host', async () => {
    expect(await choose(realGpu, { preferredEp: 'wasm' })).toEqual({ ep: 'wasm' });
    expect(await choose(swiftshader, { preferredEp: 'webgpu' })).toMatchObject({ ep: 'webgpu' });
    expect(await choose(realGpu, { backend: 'wasm', preferredEp: 'webgpu' })).toEqual({ ep: 'wasm' });
  });
  it('forced WebGPU runs on a software adapter but notes it is slow', async () => {
    expect(await choose(swiftshader, { backend: 'webgpu' })).toEqual({ ep: 'webgpu', note: 'WebGPU adapter is software (SwiftShader): slow' });
  });
  it('fp16 needs shader-f16 on WebGPU: without it, WASM (a warning when WebGPU was asked for)', async () => {
    expect(await choose(realGpu, { precision: 'fp16' })).toEqual({ ep: 'webgpu' });
    const noF16 = { ...realGpu, shaderF16: false };
    expect(await choose(noF16, { precision: 'fp16' })).toEqual({
      ep: 'wasm', note: 'WebGPU adapter has no shader-f16 for this fp16 model: using WASM',
    });
    expect(await choose(noF16, { precision: 'fp16', backend: 'webgpu' })).toMatchObject({
      ep: 'wasm', warning: 'WebGPU adapter has no shader-f16 for this fp16 model: using WASM',
    });
  });
  it('does not probe the GPU when WASM is asked for', async () => {
    let probed = false;
    await chooseEp({ backend: 'wasm', precision: 'fp32', probe: async () => ((probed = true), realGpu) });
    expect(probed).toBe(false);
  });
});
