// The Matte Ops pass recorder: every intermediate is an r32float matte the size of the frame,
// so no step rounds to 8 bits before the last. The output texture is the caller's.

import type { GpuContext } from '../../src/gpu/context.ts';
import { PassRecorder, type PassResource } from '../../src/gpu/pass-recorder.ts';

export class MattePasses extends PassRecorder {
  constructor(gpu: GpuContext, readonly width: number, readonly height: number) {
    super(gpu, 'matte ops');
  }

  /** A float matte the size of the frame, written by one pass and read by the next. */
  scratch(label: string): GPUTexture {
    return this.texture(this.width, this.height, 'r32float', label);
  }

  uniform(bytes: ArrayBuffer, label: string): GPUBuffer {
    return this.uniformBytes(bytes, label);
  }

  /** Records one dispatch of `pipeline` over the frame, its bindings in order. */
  dispatch(pipeline: GPUComputePipeline, resources: PassResource[]): void {
    this.dispatchOver(pipeline, resources, this.width, this.height);
  }
}
