// CPU reference of shaders/composite-light-wrap.wgsl (tests only): the blurred plate mixed into
// the foreground by amount · (1 − blurred alpha), both blurred with σ = width / 2.

import { colorBlurReference } from './composite-color-blur-reference.ts';
import { eachPixel, floatPicture, type FloatPicture } from './composite-float-picture.ts';

export function lightWrapReference(fg: FloatPicture, placedPlate: FloatPicture, amount: number, width: number): FloatPicture {
  const packed = floatPicture(fg.width, fg.height);
  eachPixel(fg.width, fg.height, (i) => {
    packed.data.set(placedPlate.data.subarray(i, i + 3), i);
    packed.data[i + 3] = fg.data[i + 3];
  });
  const blurred = colorBlurReference(packed, width);
  const out = floatPicture(fg.width, fg.height);
  eachPixel(fg.width, fg.height, (i) => {
    const a = fg.data[i + 3];
    const k = amount * (1 - blurred.data[i + 3]);
    for (let c = 0; c < 3; c++) out.data[i + c] = fg.data[i + c] * (1 - k) + a * blurred.data[i + c] * k;
    out.data[i + 3] = a;
  });
  return out;
}
