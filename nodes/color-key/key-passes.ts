// The Color Key's pass recorder: float intermediates, zero stand-ins for an unconnected mask or
// a missing prior, and outputs created with `output()`, which the caller owns.

import type { GpuContext } from '../../src/gpu/context.ts';
import { createOutputTexture } from '../../src/gpu/output-texture.ts';
import { PassRecorder, type PassResource } from '../../src/gpu/pass-recorder.ts';

export class KeyPasses extends PassRecorder {
  constructor(gpu: GpuContext) {
    super(gpu, 'color key');
  }

  /** A float texture for intermediate results (storage target, then read by later passes). */
  scratch(width: number, height: number, format: 'r32float' | 'rg32float', label: string): GPUTexture {
    return this.texture(width, height, format, label);
  }

  /** A 1x1 texture of zeros: the stand-in for an unconnected mask or a missing prior. */
  zeros(format: 'rgba8unorm' | 'r32float', label: string): GPUTexture {
    return this.stub(format, label);
  }

  /** An rgba8unorm result texture; the caller takes ownership. */
  output(width: number, height: number, label: string): GPUTexture {
    return createOutputTexture(this.gpu, width, height, label);
  }

  uniform(bytes: ArrayBuffer, label: string): GPUBuffer {
    return this.uniformBytes(bytes, label);
  }

  /** Records one dispatch of `pipeline` over a width x height grid, its bindings in order. */
  dispatch(pipeline: GPUComputePipeline, resources: PassResource[], width: number, height: number): void {
    this.dispatchOver(pipeline, resources, width, height);
  }
}
