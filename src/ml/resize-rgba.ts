// Bilinear resize of RGBA8 pixels on the CPU, with pixel centres aligned and edges clamped (the
// same sampling as shaders/composite-over.wgsl), for a clean plate of another size than the shot.

export function resizeRgba(
  rgba: Uint8ClampedArray,
  width: number,
  height: number,
  toWidth: number,
  toHeight: number,
): Uint8ClampedArray {
  if (width === toWidth && height === toHeight) return rgba;
  const out = new Uint8ClampedArray(toWidth * toHeight * 4);
  const sx = width / toWidth;
  const sy = height / toHeight;
  // Per output column: the two source columns and the weight of the right one.
  const x0 = new Int32Array(toWidth);
  const x1 = new Int32Array(toWidth);
  const tx = new Float32Array(toWidth);
  for (let x = 0; x < toWidth; x++) {
    const pos = (x + 0.5) * sx - 0.5;
    const f = Math.floor(pos);
    tx[x] = pos - f;
    x0[x] = Math.min(width - 1, Math.max(0, f)) * 4;
    x1[x] = Math.min(width - 1, Math.max(0, f + 1)) * 4;
  }
  for (let y = 0; y < toHeight; y++) {
    const pos = (y + 0.5) * sy - 0.5;
    const f = Math.floor(pos);
    const ty = pos - f;
    const top = Math.min(height - 1, Math.max(0, f)) * width * 4;
    const bottom = Math.min(height - 1, Math.max(0, f + 1)) * width * 4;
    let o = y * toWidth * 4;
    for (let x = 0; x < toWidth; x++, o += 4) {
      const a = tx[x];
      for (let c = 0; c < 4; c++) {
        const t = rgba[top + x0[x] + c] * (1 - a) + rgba[top + x1[x] + c] * a;
        const b = rgba[bottom + x0[x] + c] * (1 - a) + rgba[bottom + x1[x] + c] * a;
        out[o + c] = Math.round(t * (1 - ty) + b * ty);
      }
    }
  }
  return out;
}
