// The Composite's pass recorder: rgba32float intermediates (only the final output is rounded
// to 8 bits), stand-ins for unconnected inputs, and uniforms packed from numbers. The output
// texture is the caller's.

import type { GpuContext } from '../../src/gpu/context.ts';
import { PassRecorder, type PassResource } from '../../src/gpu/pass-recorder.ts';

export class CompositePasses extends PassRecorder {
  constructor(gpu: GpuContext) {
    super(gpu, 'composite');
  }

  /** A frame-sized rgba32float texture: written by one pass, read by later ones. */
  scratch(width: number, height: number, label: string): GPUTexture {
    return this.texture(width, height, 'rgba32float', label);
  }

  /** A 1x1 texture standing in for an unconnected input (bound, never read). */
  placeholder(label: string): GPUTexture {
    return this.stub('rgba8unorm', label);
  }

  /** A uniform buffer of 32-bit values, padded to 16 bytes. */
  uniform(values: readonly number[], types: 'f32' | 'u32' | readonly ('f32' | 'u32' | 'i32')[], label: string): GPUBuffer {
    const bytes = new ArrayBuffer(Math.max(16, Math.ceil((values.length * 4) / 16) * 16));
    const view = new DataView(bytes);
    values.forEach((v, i) => {
      const type = typeof types === 'string' ? types : types[i];
      if (type === 'f32') view.setFloat32(i * 4, v, true);
      else if (type === 'u32') view.setUint32(i * 4, v, true);
      else view.setInt32(i * 4, v, true);
    });
    return this.uniformBytes(bytes, label);
  }

  /** Records one dispatch over a width x height grid; `bindings` maps binding index to resource. */
  dispatch(pipeline: GPUComputePipeline, bindings: Record<number, PassResource>, width: number, height: number): void {
    this.dispatchOver(pipeline, bindings, width, height);
  }
}
