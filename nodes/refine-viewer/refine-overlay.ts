// Draws the refine-region overlay on the GPU (shaders/heat-map.wgsl + refine-overlay.wgsl) and
// reads back the number of refined patches the shader counted (4 bytes).

import type { GpuContext } from '../../src/gpu/context.ts';
import { dispatchOverImage } from '../../src/gpu/dispatch-over-image.ts';
import { Image } from '../../src/gpu/image.ts';
import { createOutputTexture } from '../../src/gpu/output-texture.ts';
import heatMapWgsl from '../../shaders/heat-map.wgsl?raw';
import refineOverlayWgsl from '../../shaders/refine-overlay.wgsl?raw';

export type OverlayMode = 'heat-outline' | 'heat' | 'outline';

const MODE_BITS: Record<OverlayMode, number> = { 'heat-outline': 3, heat: 1, outline: 2 };

export interface OverlayResult {
  /** Owned by the caller. */
  image: Image;
  refinedPatches: number;
}

/** A new image the size of `source`; the inputs are only read. */
export async function drawRefineOverlay(
  gpu: GpuContext,
  source: Image,
  err: Image,
  ref: Image,
  opacity: number,
  mode: OverlayMode,
): Promise<OverlayResult> {
  const { device } = gpu;
  const pipeline = gpu.computePipeline('refine-overlay', `${heatMapWgsl}\n${refineOverlayWgsl}`);
  const out = createOutputTexture(gpu, source.width, source.height, 'refine-overlay output');
  const params = device.createBuffer({ size: 16, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
  const counter = device.createBuffer({ size: 4, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST });
  const readback = device.createBuffer({ size: 4, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  try {
    const p = new ArrayBuffer(16);
    new Float32Array(p, 0, 1)[0] = opacity;
    new Uint32Array(p, 4, 1)[0] = MODE_BITS[mode];
    device.queue.writeBuffer(params, 0, p);
    device.queue.writeBuffer(counter, 0, new Uint32Array([0]));
    // Validation errors surface asynchronously in WebGPU; the scope turns them into a thrown error.
    device.pushErrorScope('validation');
    let dispatchError: unknown;
    try {
      dispatchOverImage(gpu, pipeline, [
        { binding: 0, resource: source.texture(gpu).createView() },
        { binding: 1, resource: err.texture(gpu).createView() },
        { binding: 2, resource: ref.texture(gpu).createView() },
        { binding: 3, resource: out.createView() },
        { binding: 4, resource: { buffer: params } },
        { binding: 5, resource: { buffer: counter } },
      ], source.width, source.height);
      const enc = device.createCommandEncoder({ label: 'refine-overlay count' });
      enc.copyBufferToBuffer(counter, 0, readback, 0, 4);
      device.queue.submit([enc.finish()]);
    } catch (e) {
      dispatchError = e;
    }
    const scopeError = await device.popErrorScope();
    if (dispatchError) throw dispatchError;
    if (scopeError) throw new Error(`the refine-overlay shader failed: ${scopeError.message}`);
    await readback.mapAsync(GPUMapMode.READ);
    const refinedPatches = new Uint32Array(readback.getMappedRange())[0];
    readback.unmap();
    return { image: Image.fromTexture(out, 'image'), refinedPatches };
  } catch (e) {
    out.destroy();
    throw e;
  } finally {
    params.destroy();
    counter.destroy();
    readback.destroy();
  }
}
