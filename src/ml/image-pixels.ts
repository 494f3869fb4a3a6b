// An image's RGBA pixels for a CPU tensor path: from its CPU copy, or read back from the GPU when
// it exists there alone (`gpu` is asked for only then).

import type { GpuContext } from '../gpu/context.ts';
import type { Image } from '../gpu/image.ts';

export async function imagePixels(image: Image, gpu?: () => Promise<GpuContext>): Promise<Uint8ClampedArray> {
  try {
    return await image.pixels();
  } catch (e) {
    if (!gpu) throw e;
    return image.pixels(await gpu());
  }
}
