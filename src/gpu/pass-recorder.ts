// Records a node's chain of compute passes into one command encoder. It creates the
// intermediate textures and uniform buffers the chain needs and destroys them once the work is
// submitted (queued work keeps what it uses alive); textures made elsewhere (inputs, the
// caller's output) are only bound, never destroyed here.

import type { GpuContext } from './context.ts';
import { IMAGE_WORKGROUP_SIZE } from './dispatch-over-image.ts';

export type PassResource = GPUBuffer | GPUTexture;

export class PassRecorder {
  private readonly encoder: GPUCommandEncoder;
  private readonly owned: PassResource[] = [];

  constructor(protected readonly gpu: GpuContext, label: string) {
    this.encoder = gpu.device.createCommandEncoder({ label });
  }

  /** An intermediate texture: a storage target for one pass, then read by later ones. */
  texture(width: number, height: number, format: GPUTextureFormat, label: string): GPUTexture {
    const usage = GPUTextureUsage.STORAGE_BINDING | GPUTextureUsage.TEXTURE_BINDING;
    return this.own(this.gpu.device.createTexture({ label, size: [width, height], format, usage }));
  }

  /** A 1x1 texture of zeros bound in place of an unconnected input. */
  stub(format: GPUTextureFormat, label: string): GPUTexture {
    return this.own(this.gpu.device.createTexture({ label, size: [1, 1], format, usage: GPUTextureUsage.TEXTURE_BINDING }));
  }

  uniformBytes(bytes: ArrayBuffer, label: string): GPUBuffer {
    const buffer = this.gpu.device.createBuffer({ label, size: bytes.byteLength, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    this.gpu.device.queue.writeBuffer(buffer, 0, bytes);
    return this.own(buffer);
  }

  /**
   * Records one dispatch over a width x height grid in image-sized workgroups. `bindings` lists
   * the resources in binding order, or maps binding index to resource.
   */
  dispatchOver(pipeline: GPUComputePipeline, bindings: readonly PassResource[] | Record<number, PassResource>, width: number, height: number): void {
    const pairs: [number, PassResource][] = Array.isArray(bindings)
      ? bindings.map((r, i) => [i, r])
      : Object.entries(bindings).map(([i, r]) => [Number(i), r]);
    const entries: GPUBindGroupEntry[] = pairs.map(([binding, r]) => ({
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

  private own<T extends PassResource>(r: T): T {
    this.owned.push(r);
    return r;
  }
}
