// Runs a per-pixel compute shader once over a width x height image: one invocation per pixel,
// in 8x8 workgroups. Shaders using this declare `@workgroup_size(8, 8)` and skip invocations
// outside the image (the last row and column of workgroups overhang it).

import type { GpuContext } from './context.ts';

export const IMAGE_WORKGROUP_SIZE = 8;

export function dispatchOverImage(
  gpu: GpuContext,
  pipeline: GPUComputePipeline,
  bindings: readonly GPUBindGroupEntry[],
  width: number,
  height: number,
): void {
  const { device } = gpu;
  const bindGroup = device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries: bindings });
  const encoder = device.createCommandEncoder({ label: pipeline.label });
  const pass = encoder.beginComputePass();
  pass.setPipeline(pipeline);
  pass.setBindGroup(0, bindGroup);
  pass.dispatchWorkgroups(Math.ceil(width / IMAGE_WORKGROUP_SIZE), Math.ceil(height / IMAGE_WORKGROUP_SIZE));
  pass.end();
  device.queue.submit([encoder.finish()]);
}
