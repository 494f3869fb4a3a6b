// CPU reference of shaders/composite-plate-placement.wgsl (tests only): the plate scaled and
// placed by a layout, bilinear with pixel centres aligned and edges clamped, black where it
// does not reach, partly covered edge pixels scaled by their covered share.

import type { PlateLayout } from '../../nodes/composite/plate-layout.ts';
import { eachPixel, floatPicture, unitAt, type FloatPicture } from './composite-float-picture.ts';
import type { Pixels } from './composite-reference.ts';

function bilinear(plate: Pixels, u: number, v: number, c: number): number {
  const sx = u - 0.5;
  const sy = v - 0.5;
  const x0 = Math.floor(sx);
  const y0 = Math.floor(sy);
  const fx = sx - x0;
  const fy = sy - y0;
  return (
    unitAt(plate, x0, y0, c) * (1 - fx) * (1 - fy) +
    unitAt(plate, x0 + 1, y0, c) * fx * (1 - fy) +
    unitAt(plate, x0, y0 + 1, c) * (1 - fx) * fy +
    unitAt(plate, x0 + 1, y0 + 1, c) * fx * fy
  );
}

/** Share of the unit interval [p, p + 1] inside [start, start + length]. */
const covered = (p: number, start: number, length: number) =>
  Math.min(1, Math.max(0, Math.min(p + 1, start + length) - Math.max(p, start)));

export function placePlateReference(plate: Pixels, width: number, height: number, l: PlateLayout): FloatPicture {
  const out = floatPicture(width, height);
  eachPixel(width, height, (i, x, y) => {
    const u = (x + 0.5 - l.left) / l.scaleX;
    const v = (y + 0.5 - l.top) / l.scaleY;
    const share = covered(x, l.left, l.width) * covered(y, l.top, l.height);
    for (let c = 0; c < 3; c++) out.data[i + c] = bilinear(plate, u, v, c) * share;
    out.data[i + 3] = 1;
  });
  return out;
}
