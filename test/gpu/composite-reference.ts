// CPU reference of the Composite as it was before its options (and still is with default
// params): fgr·pha + plate·(1 − pha), the plate stretched to the frame. Used only by tests, to
// hold the default output to the original; the options have their own references
// (composite-*-reference.ts, chained in composite-chain-reference.ts). The same maths in
// doubles, written independently (explicit tap weights) so a shader bug does not hide in shared code.

export interface Pixels {
  width: number;
  height: number;
  rgba: Uint8Array | Uint8ClampedArray;
}

/** Plate channel c, bilinearly resized to outW x outH (pixel centres aligned, edges clamped), at (x, y), 0..1. */
export function resizedPlateChannel(plate: Pixels, outW: number, outH: number, x: number, y: number, c: number): number {
  const sx = ((x + 0.5) * plate.width) / outW - 0.5;
  const sy = ((y + 0.5) * plate.height) / outH - 0.5;
  const x0 = Math.floor(sx);
  const y0 = Math.floor(sy);
  const fx = sx - x0;
  const fy = sy - y0;
  const at = (px: number, py: number) => {
    const cx = Math.min(Math.max(px, 0), plate.width - 1);
    const cy = Math.min(Math.max(py, 0), plate.height - 1);
    return plate.rgba[(cy * plate.width + cx) * 4 + c] / 255;
  };
  return (
    at(x0, y0) * (1 - fx) * (1 - fy) +
    at(x0 + 1, y0) * fx * (1 - fy) +
    at(x0, y0 + 1) * (1 - fx) * fy +
    at(x0 + 1, y0 + 1) * fx * fy
  );
}

/** out = fgr·pha + plate·(1 − pha), opaque, rounded to 8 bits. pha is read from its R channel. */
export function compositeOverReference(fgr: Pixels, pha: Pixels, plate: Pixels): Uint8ClampedArray {
  const { width, height } = fgr;
  const out = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const a = pha.rgba[i] / 255;
      for (let c = 0; c < 3; c++) {
        const v = (fgr.rgba[i + c] / 255) * a + resizedPlateChannel(plate, width, height, x, y, c) * (1 - a);
        out[i + c] = Math.round(v * 255);
      }
      out[i + 3] = 255;
    }
  }
  return out;
}

/** Largest absolute per-channel difference, and where it is. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): { max: number; at: number } {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let max = 0;
  let at = -1;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (d > max) {
      max = d;
      at = i;
    }
  }
  return { max, at };
}
