// BGMv2's tensors through the CPU: the WASM path, and WebGPU when the graph's shaders are not on
// onnxruntime's device (onnxruntime then reads the outputs back itself). The plate is resized and
// compared with the source in JS, both padded into float tensors; outputs become RGBA pictures.

import type { GpuContext } from '../gpu/context.ts';
import { Image } from '../gpu/image.ts';
import { padRgba, type Bgmv2Layout } from './bgmv2-frame-layout.ts';
import type { Bgmv2FrameIo, Bgmv2Io } from './bgmv2-io.ts';
import { countRefinedPatches, croppedImage, croppedMatte, upsampledMatte } from './bgmv2-maps.ts';
import { imagePixels } from './image-pixels.ts';
import type { Precision } from './model-library.ts';
import type { Ort, OrtTensor } from './ort-env.ts';
import { plateMatchFraction } from './plate-match.ts';
import { resizeRgba } from './resize-rgba.ts';
import { rgbaToSrcTensor, tensorValues } from './rvm-tensors.ts';

export class Bgmv2CpuIo implements Bgmv2Io {
  readonly path = 'cpu';

  /** `gpu` is asked for only when a picture exists on the GPU alone and must be read back. */
  constructor(private readonly gpu?: () => Promise<GpuContext>) {}

  async begin(ort: Ort, source: Image, plate: Image, layout: Bgmv2Layout, precision: Precision): Promise<Bgmv2FrameIo> {
    const { width, height, paddedWidth: pw, paddedHeight: ph } = layout;
    const sourcePx = await imagePixels(source, this.gpu);
    const platePx = resizeRgba(await imagePixels(plate, this.gpu), plate.width, plate.height, width, height);
    const plateMatch = plateMatchFraction(sourcePx, platePx, width, height);
    const src = rgbaToSrcTensor(ort, padRgba(sourcePx, layout), pw, ph, precision);
    const bgr = rgbaToSrcTensor(ort, padRgba(platePx, layout), pw, ph, precision);
    return {
      src,
      bgr,
      finish: async (out: Record<string, OrtTensor>) => {
        const errSm = out.err_sm;
        const [, , eh, ew] = errSm.dims;
        const refValues = tensorValues(out.ref_sm);
        const picture = (kind: 'matte' | 'image', rgba: Uint8ClampedArray) => Image.fromPixels(width, height, kind, rgba);
        return {
          pha: picture('matte', croppedMatte(tensorValues(out.pha), layout)),
          fgr: picture('image', croppedImage(tensorValues(out.fgr), layout)),
          err: picture('matte', upsampledMatte(tensorValues(errSm), ew, eh, layout, 'bilinear')),
          ref: picture('matte', upsampledMatte(refValues, pw / 4, ph / 4, layout, 'nearest')),
          refinedPatches: countRefinedPatches(refValues, pw / 4, layout),
          plateMatch,
        };
      },
      release: () => undefined, // CPU tensors: nothing held
    };
  }

  dispose(): void {}
}
