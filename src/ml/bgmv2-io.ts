// How a BGMv2 frame gets into the model and its maps out: on the GPU (bgmv2-gpu-io.ts) or
// through the CPU (bgmv2-cpu-io.ts). Either way the plate is resized to the source when their
// sizes differ, both are padded to the layout's size, and the plate is compared with the source.

import type { Image } from '../gpu/image.ts';
import type { Bgmv2Layout } from './bgmv2-frame-layout.ts';
import type { Precision } from './model-library.ts';
import type { Ort, OrtTensor } from './ort-env.ts';

/** The four frame-sized pictures the node outputs, and what was counted on the way. */
export interface Bgmv2Maps {
  /** Owned by the caller. */
  pha: Image;
  fgr: Image;
  err: Image;
  ref: Image;
  /** Refined 4x4 patches touching the frame (padding excluded). */
  refinedPatches: number;
  /** Fraction (0..1) of the frame where the (resized) plate agrees with the source. */
  plateMatch: number;
}

/** One frame's inputs; `finish` makes the maps from the session's outputs. */
export interface Bgmv2FrameIo {
  src: OrtTensor;
  bgr: OrtTensor;
  /** pha/fgr cropped, err_sm bilinear and ref_sm nearest upsampled to the frame. */
  finish(outputs: Record<string, OrtTensor>): Promise<Bgmv2Maps>;
  /** Releases what the frame used (call after `finish`, or after a failure). */
  release(): void;
}

export interface Bgmv2Io {
  /** `gpu-resident`: no frame or map is read back to the CPU by our code. */
  readonly path: 'gpu-resident' | 'cpu';
  begin(ort: Ort, source: Image, plate: Image, layout: Bgmv2Layout, precision: Precision): Promise<Bgmv2FrameIo>;
  dispose(): void;
}
