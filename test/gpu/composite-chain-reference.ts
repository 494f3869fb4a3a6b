// CPU reference of the whole Composite (tests only): the shader references chained in the order
// nodes/composite/run-composite.ts runs the passes, then shaders/composite-over.wgsl
// (out = C + (1 − α)·plate, clamped, rounded to 8 bits, opaque).

import { readCompositeSettings } from '../../nodes/composite/composite-settings.ts';
import { plateLayout } from '../../nodes/composite/plate-layout.ts';
import type { Params } from '../../src/graph/types.ts';
import { decontaminateReference } from './composite-decontaminate-reference.ts';
import { despillReference } from './composite-despill-reference.ts';
import { eachPixel, type FloatPicture } from './composite-float-picture.ts';
import { foregroundReference } from './composite-foreground-reference.ts';
import { lightWrapReference } from './composite-light-wrap-reference.ts';
import { placePlateReference } from './composite-plate-placement-reference.ts';
import type { Pixels } from './composite-reference.ts';

export function overReference(fg: FloatPicture, placedPlate: FloatPicture): Uint8ClampedArray {
  const out = new Uint8ClampedArray(fg.width * fg.height * 4);
  eachPixel(fg.width, fg.height, (i) => {
    const a = fg.data[i + 3];
    for (let c = 0; c < 3; c++) {
      const v = fg.data[i + c] + placedPlate.data[i + c] * (1 - a);
      out[i + c] = Math.round(Math.min(1, Math.max(0, v)) * 255);
    }
    out[i + 3] = 255;
  });
  return out;
}

export function compositeChainReference(fgr: Pixels, pha: Pixels | undefined, plate: Pixels, params: Params): Uint8ClampedArray {
  const s = readCompositeSettings(params);
  const { width, height } = fgr;
  const layout = plateLayout(plate, fgr, s.plateFit, s.plateAlign, s.plateX, s.plateY);
  const placed = placePlateReference(plate, width, height, layout);
  let fg = foregroundReference(fgr, pha, s.premultiplied);
  if (s.decontaminate > 0) fg = decontaminateReference(fg, s.decontaminate, s.decontaminateRadius);
  if (s.despill > 0) fg = despillReference(fg, s.despillScreen, s.despill);
  if (s.lightWrap > 0) fg = lightWrapReference(fg, placed, s.lightWrap, s.lightWrapWidth);
  return overReference(fg, placed);
}
