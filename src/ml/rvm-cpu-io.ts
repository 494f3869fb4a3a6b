// RVM's tensors through the CPU: the frame's pixels become a float tensor in JS, and pha/fgr
// come back as CPU tensors that become RGBA images. The path for WASM, and for WebGPU when the
// graph's shaders are not on onnxruntime's device (then onnxruntime reads pha/fgr back itself).

import type { GpuContext } from '../gpu/context.ts';
import { Image, type ImageKind } from '../gpu/image.ts';
import { imagePixels } from './image-pixels.ts';
import type { Precision } from './model-library.ts';
import type { Ort, OrtTensor } from './ort-env.ts';
import { fgrToRgba, phaToMatteRgba, rgbaToSrcTensor, tensorValues } from './rvm-tensors.ts';

/** How a frame gets into the model and its results out: on the GPU or through the CPU. */
export interface RvmIo {
  readonly path: 'gpu' | 'cpu';
  /** The `src` tensor of `image`; the caller disposes it after the run. */
  srcTensor(ort: Ort, image: Image, precision: Precision): Promise<OrtTensor>;
  /** A new image (owned by the caller) from a `pha` (→ matte) or `fgr` (→ image) output. */
  toImage(tensor: OrtTensor, kind: ImageKind): Promise<Image>;
  dispose(): void;
}

export class RvmCpuIo implements RvmIo {
  readonly path = 'cpu';

  /** `gpu` is asked for only when a frame exists on the GPU alone and must be read back. */
  constructor(private readonly gpu?: () => Promise<GpuContext>) {}

  async srcTensor(ort: Ort, image: Image, precision: Precision): Promise<OrtTensor> {
    return rgbaToSrcTensor(ort, await imagePixels(image, this.gpu), image.width, image.height, precision);
  }

  async toImage(tensor: OrtTensor, kind: ImageKind): Promise<Image> {
    const [, channels, height, width] = tensor.dims;
    if (channels !== (kind === 'matte' ? 1 : 3)) throw new Error(`RVM output has ${channels} channels for a ${kind}`);
    const values = tensorValues(tensor);
    const rgba = kind === 'matte' ? phaToMatteRgba(values, width, height) : fgrToRgba(values, width, height);
    return Image.fromPixels(width, height, kind, rgba);
  }

  dispose(): void {}
}
