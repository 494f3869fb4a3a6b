// CPU reference of shaders/composite-decontaminate.wgsl (tests only): edge colour pulled towards
// the colour of nearby solid foreground, F̂ = blur(w·F) / blur(w), by k = amount · confidence · (1 − w).

import { colorBlurReference } from './composite-color-blur-reference.ts';
import { eachPixel, floatPicture, type FloatPicture } from './composite-float-picture.ts';

const SOLID_FROM = 0.8;
const REACH = 0.02;
const solidness = (a: number) => Math.min(1, Math.max(0, (a - SOLID_FROM) / (1 - SOLID_FROM)));

export function decontaminateReference(fg: FloatPicture, amount: number, radius: number): FloatPicture {
  const { width, height } = fg;
  const weighted = floatPicture(width, height);
  eachPixel(width, height, (i) => {
    const a = fg.data[i + 3];
    const w = solidness(a);
    for (let c = 0; c < 3; c++) weighted.data[i + c] = w > 0 ? (fg.data[i + c] / a) * w : 0;
    weighted.data[i + 3] = w;
  });
  const sums = colorBlurReference(weighted, radius);
  const out = floatPicture(width, height);
  eachPixel(width, height, (i) => {
    const a = fg.data[i + 3];
    const total = sums.data[i + 3];
    const k = amount * Math.min(1, total / REACH) * (1 - solidness(a));
    for (let c = 0; c < 3; c++) {
      const estimate = total > 0 ? sums.data[i + c] / total : 0;
      out.data[i + c] = fg.data[i + c] * (1 - k) + a * estimate * k;
    }
    out.data[i + 3] = a;
  });
  return out;
}
