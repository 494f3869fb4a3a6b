// Copies an rgba8unorm texture back to CPU memory (rows are padded to 256 bytes on the GPU).
// Readbacks stall the GPU pipeline, so they are counted: tests assert a GPU path makes none.

import type { GpuContext } from './context.ts';

let readbacks = 0;
/** Textures read back to the CPU since the page loaded. */
export const readbackCount = () => readbacks;

export async function readTexture(gpu: GpuContext, texture: GPUTexture): Promise<Uint8ClampedArray> {
  readbacks++;
  const { width, height } = texture;
  const padded = Math.ceil((width * 4) / 256) * 256;
  const buffer = gpu.device.createBuffer({ size: padded * height, usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ });
  try {
    const enc = gpu.device.createCommandEncoder();
    enc.copyTextureToBuffer({ texture }, { buffer, bytesPerRow: padded, rowsPerImage: height }, [width, height]);
    gpu.device.queue.submit([enc.finish()]);
    await buffer.mapAsync(GPUMapMode.READ);
    const src = new Uint8Array(buffer.getMappedRange());
    const out = new Uint8ClampedArray(width * height * 4);
    for (let y = 0; y < height; y++) out.set(src.subarray(y * padded, y * padded + width * 4), y * width * 4);
    buffer.unmap();
    return out;
  } finally {
    buffer.destroy();
  }
}
