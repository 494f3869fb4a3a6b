// CPU reference of shaders/composite-foreground.wgsl (tests only): the foreground in
// premultiplied form, alpha from the matte (R) or, without one, the foreground's own A.

import { eachPixel, floatPicture, type FloatPicture } from './composite-float-picture.ts';
import type { Pixels } from './composite-reference.ts';

export function foregroundReference(fgr: Pixels, pha: Pixels | undefined, premultiplied: boolean): FloatPicture {
  const out = floatPicture(fgr.width, fgr.height);
  eachPixel(fgr.width, fgr.height, (i) => {
    const a = (pha ? pha.rgba[i] : fgr.rgba[i + 3]) / 255;
    for (let c = 0; c < 3; c++) {
      const v = fgr.rgba[i + c] / 255;
      out.data[i + c] = premultiplied ? v : v * a;
    }
    out.data[i + 3] = a;
  });
  return out;
}
