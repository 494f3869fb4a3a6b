// Puts a foreground over a plate with the matte on the GPU (shaders/composite-over.wgsl):
// out = fgr·pha + plate·(1 − pha), the plate resized bilinearly to the frame.

import type { GpuContext } from '../../src/gpu/context.ts';
import { dispatchOverImage } from '../../src/gpu/dispatch-over-image.ts';
import { Image } from '../../src/gpu/image.ts';
import { createOutputTexture } from '../../src/gpu/output-texture.ts';
import compositeOverWgsl from '../../shaders/composite-over.wgsl?raw';

/** A new opaque image the size of `fgr`; the caller owns it. Inputs are only read. */
export async function compositeOver(gpu: GpuContext, fgr: Image, pha: Image, plate: Image): Promise<Image> {
  if (fgr.width !== pha.width || fgr.height !== pha.height) {
    throw new Error(
      `fgr is ${fgr.width}x${fgr.height} but pha is ${pha.width}x${pha.height}: the foreground and matte must be the same size`,
    );
  }
  const { device } = gpu;
  const pipeline = gpu.computePipeline('composite-over', compositeOverWgsl);
  const out = createOutputTexture(gpu, fgr.width, fgr.height, 'composite-over output');
  // Validation errors surface asynchronously in WebGPU; the scope turns them into a thrown error.
  device.pushErrorScope('validation');
  try {
    dispatchOverImage(gpu, pipeline, [
      { binding: 0, resource: fgr.texture(gpu).createView() },
      { binding: 1, resource: pha.texture(gpu).createView() },
      { binding: 2, resource: plate.texture(gpu).createView() },
      { binding: 3, resource: out.createView() },
    ], fgr.width, fgr.height);
  } catch (e) {
    await device.popErrorScope();
    out.destroy();
    throw e;
  }
  const error = await device.popErrorScope();
  if (error) {
    out.destroy();
    throw new Error(`the composite shader failed: ${error.message}`);
  }
  return Image.fromTexture(out, 'image');
}
