// CPU reference of shaders/composite-despill.wgsl (tests only): the lean of each colour towards
// the screen's hue is taken out (amount of it) along that hue, channel mean kept, range clamped.

import { eachPixel, floatPicture, type FloatPicture } from './composite-float-picture.ts';

export function despillReference(fg: FloatPicture, screen: readonly [number, number, number], amount: number): FloatPicture {
  const grey = (screen[0] + screen[1] + screen[2]) / 3;
  const hue = screen.map((v) => v - grey);
  const hueLength2 = hue[0] ** 2 + hue[1] ** 2 + hue[2] ** 2;
  const out = floatPicture(fg.width, fg.height);
  eachPixel(fg.width, fg.height, (i) => {
    const [r, g, b, a] = fg.data.subarray(i, i + 4);
    const lean = Math.max(0, r * hue[0] + g * hue[1] + b * hue[2]);
    const top = Math.max(a, r, g, b);
    [r, g, b].forEach((v, c) => {
      out.data[i + c] = Math.min(top, Math.max(0, v - (amount * lean * hue[c]) / hueLength2));
    });
    out.data[i + 3] = a;
  });
  return out;
}
