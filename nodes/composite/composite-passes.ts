// Records the Composite's chain of compute passes into one command encoder: creates the float
// intermediates and uniform buffers the chain needs and destroys them once the work is
// submitted (queued work keeps what it uses alive). The output texture is the caller's.

import type { GpuContext } from '../../src/gpu/context.ts';
import { IMAGE_WORKGROUP_SIZE } from '../../src/gpu/dispatch-over-image.ts';

type Resource = GPUBuffer | GPUTexture;

export class CompositePasses {
  private readonly encoder: GPUCommandEncoder;
  private readonly owned: Resource[] = [];

  constructor(private readonly gpu: GpuContext) {
    this.encoder = gpu.device.createCommandEncoder({ label: 'composite' });
  }

  /** A frame-sized rgba32float texture: written by one pass, read by later ones. */
  scratch(width: number, height: number, label: string): GPUTexture {
    const tex = this.gpu.device.createTexture({
      label,
      size: [width, height],
      format: 'rgba32float',
      usage: GPUTextureUsage.STORAGE_BINDING | GPUTextureUsage.TEXTURE_BINDING,
    });
    this.owned.push(tex);
    return tex;
  }

  /** A 1x1 texture standing in for an unconnected input (bound, never read). */
  placeholder(label: string): GPUTexture {
    const tex = this.gpu.device.createTexture({ label, size: [1, 1], format: 'rgba8unorm', usage: GPUTextureUsage.TEXTURE_BINDING });
    this.owned.push(tex);
    return tex;
  }

  uniform(values: readonly number[], types: 'f32' | 'u32' | readonly ('f32' | 'u32' | 'i32')[], label: string): GPUBuffer {
    const size = Math.max(16, Math.ceil((values.length * 4) / 16) * 16);
    const bytes = new ArrayBuffer(size);
    const view = new DataView(bytes);
    values.forEach((v, i) => {
      const type = typeof types === 'string' ? types : types[i];
      if (type === 'f32') view.setFloat32(i * 4, v, true);
      else if (type === 'u32') view.setUint32(i * 4, v, true);
      else view.setInt32(i * 4, v, true);
    });
    const buffer = this.gpu.device.createBuffer({ label, size, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    this.gpu.device.queue.writeBuffer(buffer, 0, bytes);
    this.owned.push(buffer);
    return buffer;
  }

  /** Records one dispatch over a width x height grid; `bindings` maps binding index to resource. */
  dispatch(pipeline: GPUComputePipeline, bindings: Record<number, Resource>, width: number, height: number): void {
    const entries: GPUBindGroupEntry[] = Object.entries(bindings).map(([binding, r]) => ({
      binding: Number(binding),
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
