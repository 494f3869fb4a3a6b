// What the BGMv2 Matte node must output for the test model, predicted independently of the
// node's code: pad the way BGMv2 needs (right/bottom, edge repeated, to a multiple of 8 and to at
// least 16·K pixels), run the reference, crop, upsample err bilinearly and ref by nearest.

import { padReplicate, type Rgba } from './pictures.ts';
import type { TestModelOptions } from './test-model.ts';
import { ambiguousRefCells, runTestModelReference } from './test-model-reference.ts';

export interface ExpectedMaps {
  paddedWidth: number;
  paddedHeight: number;
  /** One value per frame pixel (0..255); fgr as RGB triplets. */
  pha: Uint8Array;
  fgr: Uint8Array;
  err: Uint8Array;
  ref: Uint8Array;
  /** Frame pixels whose ref cell is a float-rounding tie (excluded from exact comparisons). */
  unsure: Uint8Array;
  refinedPatches: number;
}

export function paddedSize(width: number, height: number, k: number, multiple = 8): [number, number] {
  const up = (n: number) => Math.ceil(n / multiple) * multiple;
  const w = up(width);
  let h = up(height);
  if (w * h < 16 * k) h = up((16 * k) / w);
  return [w, h];
}

export function expectedMaps(source: Rgba, plate: Rgba, options: TestModelOptions): ExpectedMaps {
  const { width: W, height: H } = source;
  const [pw, ph] = paddedSize(W, H, options.k);
  const out = runTestModelReference(padReplicate(source, pw, ph).rgba, padReplicate(plate, pw, ph).rgba, pw, ph, options);
  const byte = (v: number) => Math.min(255, Math.max(0, Math.round(v * 255)));
  const unsureCells = ambiguousRefCells(out, options.k);
  const e: ExpectedMaps = {
    paddedWidth: pw,
    paddedHeight: ph,
    pha: new Uint8Array(W * H),
    fgr: new Uint8Array(W * H * 3),
    err: new Uint8Array(W * H),
    ref: new Uint8Array(W * H),
    unsure: new Uint8Array(W * H),
    refinedPatches: 0,
  };
  const { smWidth: sw, smHeight: sh, errSm, qWidth } = out;
  const errAt = (x: number, y: number) => errSm[Math.min(sh - 1, Math.max(0, y)) * sw + Math.min(sw - 1, Math.max(0, x))];
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = y * W + x;
      const p = y * pw + x;
      e.pha[i] = byte(out.pha[p]);
      for (let c = 0; c < 3; c++) e.fgr[i * 3 + c] = byte(out.fgr[c * pw * ph + p]);
      const fx = ((x + 0.5) * sw) / pw - 0.5;
      const fy = ((y + 0.5) * sh) / ph - 0.5;
      const x0 = Math.floor(fx);
      const y0 = Math.floor(fy);
      const tx = fx - x0;
      const ty = fy - y0;
      const top = errAt(x0, y0) * (1 - tx) + errAt(x0 + 1, y0) * tx;
      const bottom = errAt(x0, y0 + 1) * (1 - tx) + errAt(x0 + 1, y0 + 1) * tx;
      e.err[i] = byte(top * (1 - ty) + bottom * ty);
      const cell = Math.floor(y / 4) * qWidth + Math.floor(x / 4);
      e.ref[i] = out.refSm[cell] ? 255 : 0;
      e.unsure[i] = unsureCells.has(cell) ? 1 : 0;
    }
  }
  for (let cy = 0; cy < Math.ceil(H / 4); cy++) for (let cx = 0; cx < Math.ceil(W / 4); cx++) e.refinedPatches += out.refSm[cy * qWidth + cx];
  return e;
}
