// The "blurred source" plate on the GPU (shaders/plate-blur.wgsl): a separable Gaussian,
// horizontal into a float texture, then vertical into the RGBA8 result.

import type { GpuContext } from '../../src/gpu/context.ts';
import { IMAGE_WORKGROUP_SIZE } from '../../src/gpu/dispatch-over-image.ts';
import { Image } from '../../src/gpu/image.ts';
import { createOutputTexture } from '../../src/gpu/output-texture.ts';
import plateBlurWgsl from '../../shaders/plate-blur.wgsl?raw';

/** σ and the taps on each side for a blur radius in pixels (the Color Key's matte blur convention). */
export function blurKernel(radius: number): { sigma: number; taps: number } {
  const sigma = radius / 2;
  return { sigma, taps: Math.ceil(3 * sigma) };
}

/** A new blurred copy of `source` (same size); the caller owns it. `radius` > 0. */
export async function blurPlate(gpu: GpuContext, source: Image, radius: number): Promise<Image> {
  const { device } = gpu;
  const { width, height } = source;
  const { sigma, taps } = blurKernel(radius);
  const horizontal = gpu.computePipeline('plate-blur-horizontal', plateBlurWgsl, 'horizontal');
  const vertical = gpu.computePipeline('plate-blur-vertical', plateBlurWgsl, 'vertical');
  const out = createOutputTexture(gpu, width, height, 'blurred plate');
  const between = device.createTexture({
    label: 'blurred plate, horizontal pass',
    size: [width, height],
    format: 'rgba32float',
    usage: GPUTextureUsage.STORAGE_BINDING | GPUTextureUsage.TEXTURE_BINDING,
  });
  const uniform = device.createBuffer({ label: 'plate blur', size: 16, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
  const bytes = new ArrayBuffer(16);
  new Float32Array(bytes, 0, 1)[0] = sigma;
  new Int32Array(bytes, 4, 1)[0] = taps;
  device.queue.writeBuffer(uniform, 0, bytes);
  // Validation errors surface asynchronously in WebGPU; the scope turns them into a thrown error.
  device.pushErrorScope('validation');
  try {
    const encoder = device.createCommandEncoder({ label: 'plate blur' });
    const run = (pipeline: GPUComputePipeline, entries: GPUBindGroupEntry[]) => {
      const pass = encoder.beginComputePass({ label: pipeline.label });
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries }));
      pass.dispatchWorkgroups(Math.ceil(width / IMAGE_WORKGROUP_SIZE), Math.ceil(height / IMAGE_WORKGROUP_SIZE));
      pass.end();
    };
    run(horizontal, [
      { binding: 0, resource: { buffer: uniform } },
      { binding: 1, resource: source.texture(gpu).createView() },
      { binding: 2, resource: between.createView() },
    ]);
    run(vertical, [
      { binding: 0, resource: { buffer: uniform } },
      { binding: 1, resource: between.createView() },
      { binding: 3, resource: out.createView() },
    ]);
    device.queue.submit([encoder.finish()]);
  } catch (e) {
    await device.popErrorScope();
    out.destroy();
    throw e;
  } finally {
    // Queued work keeps what it uses alive; these are not needed past the submit.
    between.destroy();
    uniform.destroy();
  }
  const error = await device.popErrorScope();
  if (error) {
    out.destroy();
    throw new Error(`the plate blur shader failed: ${error.message}`);
  }
  return Image.fromTexture(out, 'image');
}
