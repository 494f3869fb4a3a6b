// The frame size a BGMv2 model is run at, and the padding that gets a frame there.
//
// The official exports need width and height divisible by 4 (the refiner works on a 4x4 patch
// grid; MattingRefine.forward asserts it). A multiple of 1/backbone_scale as well keeps the
// coarse maps an exact fraction of the frame (1/4 for HD, 1/8 for 4K), so no row or column is
// lost to rounding. Unknown scale: 8, which covers both presets. The sampling refiner also takes
// the top K = sample_pixels / 16 patches, and onnxruntime's TopK fails when the frame has fewer
// than K patches, so a small frame is padded until it holds sample_pixels pixels.
// Padding repeats the last column and row (of the source and of the plate alike), so the
// network sees the picture go on rather than a hard border; outputs are cropped back.

export interface Bgmv2Layout {
  width: number;
  height: number;
  /** The size the model runs at: >= the frame, right/bottom padded. */
  paddedWidth: number;
  paddedHeight: number;
}

export const DEFAULT_PAD_MULTIPLE = 8;

/** lcm(4, 1/scale) when 1/scale is a whole number, else 8. */
export function padMultiple(backboneScale?: number): number {
  if (!backboneScale || backboneScale <= 0) return DEFAULT_PAD_MULTIPLE;
  const inverse = Math.round(1 / backboneScale);
  if (Math.abs(inverse * backboneScale - 1) > 1e-6) return DEFAULT_PAD_MULTIPLE;
  const gcd = (a: number, b: number): number => (b ? gcd(b, a % b) : a);
  return (4 * inverse) / gcd(4, inverse);
}

export function bgmv2Layout(width: number, height: number, options: { multiple: number; samplePixels?: number }): Bgmv2Layout {
  if (!(width > 0 && height > 0)) throw new Error(`cannot run BGMv2 on a ${width}x${height} frame`);
  const m = options.multiple;
  const up = (n: number) => Math.ceil(n / m) * m;
  const paddedWidth = up(width);
  let paddedHeight = up(height);
  const need = options.samplePixels ?? 0;
  if (paddedWidth * paddedHeight < need) paddedHeight = up(need / paddedWidth);
  return { width, height, paddedWidth, paddedHeight };
}

export const isPadded = (l: Bgmv2Layout) => l.paddedWidth !== l.width || l.paddedHeight !== l.height;

/** RGBA8 pixels padded right and bottom by repeating the last column and row. */
export function padRgba(rgba: Uint8ClampedArray, layout: Bgmv2Layout): Uint8ClampedArray {
  const { width, height, paddedWidth, paddedHeight } = layout;
  if (!isPadded(layout)) return rgba;
  const out = new Uint8ClampedArray(paddedWidth * paddedHeight * 4);
  for (let y = 0; y < paddedHeight; y++) {
    const sy = Math.min(y, height - 1);
    const row = rgba.subarray(sy * width * 4, (sy + 1) * width * 4);
    const o = y * paddedWidth * 4;
    out.set(row, o);
    const last = row.subarray((width - 1) * 4, width * 4);
    for (let x = width; x < paddedWidth; x++) out.set(last, o + x * 4);
  }
  return out;
}
