// The texture a shader node writes its result into: rgba8unorm, usable as a storage target,
// as an input of the next shader, and for readback. An Image.fromTexture takes ownership.

import type { GpuContext } from './context.ts';

export function createOutputTexture(gpu: GpuContext, width: number, height: number, label: string): GPUTexture {
  return gpu.device.createTexture({
    label,
    size: [width, height],
    format: 'rgba8unorm',
    usage: GPUTextureUsage.STORAGE_BINDING | GPUTextureUsage.TEXTURE_BINDING |
      GPUTextureUsage.COPY_SRC | GPUTextureUsage.COPY_DST,
  });
}
