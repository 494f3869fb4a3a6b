// CPU reference of shaders/heat-map.wgsl + shaders/refine-overlay.wgsl, used only by the tests:
// the same arithmetic in float32 where the shader rounds, giving the RGBA8 the GPU must write
// and the patch count it must report.

import type { Rgba } from './pictures.ts';

const f = Math.fround;
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const MODE_BITS = { 'heat-outline': 3, heat: 1, outline: 2 } as const;
export type OverlayMode = keyof typeof MODE_BITS;

export function heatColor(value: number): [number, number, number] {
  const t = clamp(value, 0, 1);
  return [3, 2, 1].map((k) => clamp(f(1.5 - Math.abs(f(4 * t) - k)), 0, 1)) as [number, number, number];
}

export function refineOverlayReference(source: Rgba, err: Rgba, ref: Rgba, opacity: number, mode: OverlayMode) {
  const { width: W, height: H } = source;
  const bits = MODE_BITS[mode];
  const op = f(opacity);
  const mapAt = (m: Rgba, x: number, y: number) => {
    const qx = Math.min(m.width - 1, Math.floor(f(f(f(x + 0.5) * m.width) / W)));
    const qy = Math.min(m.height - 1, Math.floor(f(f(f(y + 0.5) * m.height) / H)));
    return m.rgba[(qy * m.width + qx) * 4] / 255;
  };
  const refined = (x: number, y: number) => x >= 0 && y >= 0 && x < W && y < H && mapAt(ref, x, y) >= 0.5;
  const out = new Uint8Array(W * H * 4);
  let patches = 0;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = (y * W + x) * 4;
      let rgb = [0, 1, 2].map((c) => source.rgba[i + c] / 255);
      if (bits & 1) {
        const heat = heatColor(mapAt(err, x, y));
        rgb = rgb.map((v, c) => v * (1 - op) + heat[c] * op);
      }
      const inside = refined(x, y);
      if (inside && bits & 2) {
        const edge = !refined(x + 1, y) || !refined(x - 1, y) || !refined(x, y + 1) || !refined(x, y - 1);
        const magenta = [1, 0, 1];
        rgb = edge ? magenta : rgb.map((v, c) => v * 0.75 + magenta[c] * 0.25);
      }
      if (inside && x % 4 === 0 && y % 4 === 0) patches++;
      out.set([...rgb.map((v) => Math.round(clamp(v, 0, 1) * 255)), 255], i);
    }
  }
  return { image: { width: W, height: H, rgba: out } as Rgba, refinedPatches: patches };
}
