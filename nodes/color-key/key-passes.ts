// A small recorder for the Color Key's chain of compute passes: it creates the intermediate
// textures and uniform buffers the chain needs, records every dispatch into one command
// encoder, and destroys what it created once the work is submitted (the GPU keeps what queued
// work still uses). Outputs are created with `output()` and are not destroyed.

import type { GpuContext } from '../../src/gpu/context.ts';
import { IMAGE_WORKGROUP_SIZE } from '../../src/gpu/dispatch-over-image.ts';
import { createOutputTexture } from '../../src/gpu/output-texture.ts';

export class KeyPasses {
  private readonly encoder: GPUCommandEncoder;
  private readonly owned: (GPUTexture | GPUBuffer)[] = [];

  constructor(private readonly gpu: GpuContext) {
    this.encoder = gpu.device.createCommandEncoder({ label: 'color key' });
  }

  /** A float texture for intermediate results (storage target, then read by later passes). */
  scratch(width: number, height: number, format: 'r32float' | 'rg32float', label: string): GPUTexture {
    const tex = this.gpu.device.createTexture({
      label,
      size: [width, height],
      format,
      usage: GPUTextureUsage.STORAGE_BINDING | GPUTextureUsage.TEXTURE_BINDING,
    });
    this.owned.push(tex);
    return tex;
  }

  /** A 1x1 texture of zeros: the stand-in for an unconnected mask or a missing prior. */
  zeros(format: 'rgba8unorm' | 'r32float', label: string): GPUTexture {
    const tex = this.gpu.device.createTexture({ label, size: [1, 1], format, usage: GPUTextureUsage.TEXTURE_BINDING });
    this.owned.push(tex);
    return tex;
  }

  /** An rgba8unorm result texture; the caller takes ownership. */
  output(width: number, height: number, label: string): GPUTexture {
    return createOutputTexture(this.gpu, width, height, label);
  }

  uniform(bytes: ArrayBuffer, label: string): GPUBuffer {
    const buffer = this.gpu.device.createBuffer({ label, size: bytes.byteLength, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    this.gpu.device.queue.writeBuffer(buffer, 0, bytes);
    this.owned.push(buffer);
    return buffer;
  }

  /** Records one dispatch of `pipeline` over a width x height grid in 8x8 workgroups. */
  dispatch(pipeline: GPUComputePipeline, resources: (GPUBuffer | GPUTexture)[], width: number, height: number): void {
    const entries: GPUBindGroupEntry[] = resources.map((r, binding) => ({
      binding,
      resource: r instanceof GPUBuffer ? { buffer: r } : r.createView(),
    }));
    const bindGroup = this.gpu.device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries });
    const pass = this.encoder.beginComputePass({ label: pipeline.label });
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(Math.ceil(width / IMAGE_WORKGROUP_SIZE), Math.ceil(height / IMAGE_WORKGROUP_SIZE));
    pass.end();
  }

  /** Submits everything recorded and releases the intermediates. */
  submit(): void {
    try {
      this.gpu.device.queue.submit([this.encoder.finish()]);
    } finally {
      this.release();
    }
  }

  release(): void {
    for (const r of this.owned.splice(0)) r.destroy();
  }
}
