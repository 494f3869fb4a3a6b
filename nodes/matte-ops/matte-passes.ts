// Records the Matte Ops chain of compute passes into one command encoder: creates the r32float
// intermediates and uniform buffers it needs and destroys them once the work is submitted (the
// GPU keeps what queued work still uses). The output texture is the caller's.

import type { GpuContext } from '../../src/gpu/context.ts';
import { IMAGE_WORKGROUP_SIZE } from '../../src/gpu/dispatch-over-image.ts';

export class MattePasses {
  private readonly encoder: GPUCommandEncoder;
  private readonly owned: (GPUTexture | GPUBuffer)[] = [];

  constructor(private readonly gpu: GpuContext, readonly width: number, readonly height: number) {
    this.encoder = gpu.device.createCommandEncoder({ label: 'matte ops' });
  }

  /** A float matte the size of the frame, written by one pass and read by the next. */
  scratch(label: string): GPUTexture {
    const tex = this.gpu.device.createTexture({
      label,
      size: [this.width, this.height],
      format: 'r32float',
      usage: GPUTextureUsage.STORAGE_BINDING | GPUTextureUsage.TEXTURE_BINDING,
    });
    this.owned.push(tex);
    return tex;
  }

  uniform(bytes: ArrayBuffer, label: string): GPUBuffer {
    const buffer = this.gpu.device.createBuffer({ label, size: bytes.byteLength, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    this.gpu.device.queue.writeBuffer(buffer, 0, bytes);
    this.owned.push(buffer);
    return buffer;
  }

  /** Records one dispatch of `pipeline` over the frame, its bindings in order. */
  dispatch(pipeline: GPUComputePipeline, resources: (GPUBuffer | GPUTexture)[]): void {
    const entries: GPUBindGroupEntry[] = resources.map((r, binding) => ({
      binding,
      resource: r instanceof GPUBuffer ? { buffer: r } : r.createView(),
    }));
    const bindGroup = this.gpu.device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries });
    const pass = this.encoder.beginComputePass({ label: pipeline.label });
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(Math.ceil(this.width / IMAGE_WORKGROUP_SIZE), Math.ceil(this.height / IMAGE_WORKGROUP_SIZE));
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
