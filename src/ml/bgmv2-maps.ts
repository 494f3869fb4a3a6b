// BGMv2's output tensors as pictures of the frame (padding cropped off):
//  - pha, fgr: full resolution already; cropped. fgr is the foreground itself: the official
//    export adds the predicted residual to the source and clamps before returning it.
//  - err (err_sm, at the backbone scale): upsampled bilinearly (pixel centres aligned, edges
//    clamped, like F.interpolate(align_corners=False)), so the heat map is smooth.
//  - ref (ref_sm, one value per 4x4 patch): upsampled by nearest, so each refined patch is a
//    4x4 block of 1 in a frame-sized matte. Frame-sized maps wire into anything that takes a
//    matte (viewer, composite); the Refine-Region Viewer counts the blocks back into patches.

import type { Bgmv2Layout } from './bgmv2-frame-layout.ts';

const grey = (out: Uint8ClampedArray, i: number, v: number) => {
  const b = Math.round(v * 255); // the clamped array clamps to 0..255
  out[i] = b;
  out[i + 1] = b;
  out[i + 2] = b;
  out[i + 3] = 255;
};

/** A [1,1,H',W'] plane at padded full resolution, cropped to the frame, as a matte. */
export function croppedMatte(plane: ArrayLike<number>, l: Bgmv2Layout): Uint8ClampedArray {
  const out = new Uint8ClampedArray(l.width * l.height * 4);
  for (let y = 0; y < l.height; y++) {
    for (let x = 0; x < l.width; x++) grey(out, (y * l.width + x) * 4, plane[y * l.paddedWidth + x]);
  }
  return out;
}

/** A [1,3,H',W'] tensor at padded full resolution, cropped to the frame, as an opaque image. */
export function croppedImage(planes: ArrayLike<number>, l: Bgmv2Layout): Uint8ClampedArray {
  const out = new Uint8ClampedArray(l.width * l.height * 4);
  const plane = l.paddedWidth * l.paddedHeight;
  for (let y = 0; y < l.height; y++) {
    for (let x = 0; x < l.width; x++) {
      const i = y * l.paddedWidth + x;
      const o = (y * l.width + x) * 4;
      out[o] = Math.round(planes[i] * 255);
      out[o + 1] = Math.round(planes[plane + i] * 255);
      out[o + 2] = Math.round(planes[2 * plane + i] * 255);
      out[o + 3] = 255;
    }
  }
  return out;
}

/**
 * A coarse map (mapWidth x mapHeight covering the padded frame) at frame resolution, as a matte:
 * bilinear or nearest, sampled at the frame's pixel centres.
 */
export function upsampledMatte(
  map: ArrayLike<number>,
  mapWidth: number,
  mapHeight: number,
  l: Bgmv2Layout,
  filter: 'bilinear' | 'nearest',
): Uint8ClampedArray {
  const out = new Uint8ClampedArray(l.width * l.height * 4);
  const sx = mapWidth / l.paddedWidth;
  const sy = mapHeight / l.paddedHeight;
  const at = (x: number, y: number) => map[Math.min(mapHeight - 1, Math.max(0, y)) * mapWidth + Math.min(mapWidth - 1, Math.max(0, x))];
  for (let y = 0; y < l.height; y++) {
    const py = (y + 0.5) * sy;
    for (let x = 0; x < l.width; x++) {
      const px = (x + 0.5) * sx;
      let v: number;
      if (filter === 'nearest') {
        v = at(Math.floor(px), Math.floor(py));
      } else {
        const fx = px - 0.5;
        const fy = py - 0.5;
        const x0 = Math.floor(fx);
        const y0 = Math.floor(fy);
        const tx = fx - x0;
        const ty = fy - y0;
        const top = at(x0, y0) * (1 - tx) + at(x0 + 1, y0) * tx;
        const bottom = at(x0, y0 + 1) * (1 - tx) + at(x0 + 1, y0 + 1) * tx;
        v = top * (1 - ty) + bottom * ty;
      }
      grey(out, (y * l.width + x) * 4, v);
    }
  }
  return out;
}

/** Refined 4x4 patches (ref_sm >= 0.5) that touch the frame, padding excluded. */
export function countRefinedPatches(refSm: ArrayLike<number>, refWidth: number, l: Bgmv2Layout): number {
  let n = 0;
  const rows = Math.ceil(l.height / 4);
  const cols = Math.ceil(l.width / 4);
  for (let y = 0; y < rows; y++) for (let x = 0; x < cols; x++) if (refSm[y * refWidth + x] >= 0.5) n++;
  return n;
}
