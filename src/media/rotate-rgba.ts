// CPU kernel: turns an RGBA8 picture by a multiple of 90 degrees clockwise (phones record
// portrait video as landscape pictures plus a rotation in the track header).

export type Rotation = 0 | 90 | 180 | 270;

export function rotateRgba(src: Uint8ClampedArray, width: number, height: number, rotation: Rotation) {
  if (rotation === 0) return { data: src, width, height };
  const turned = rotation !== 180;
  const w = turned ? height : width;
  const h = turned ? width : height;
  const aligned = src.byteOffset % 4 === 0 ? src : src.slice();
  const s32 = new Uint32Array(aligned.buffer, aligned.byteOffset, width * height);
  const data = new Uint8ClampedArray(w * h * 4);
  const d32 = new Uint32Array(data.buffer);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    if (rotation === 90) for (let x = 0; x < w; x++) d32[row + x] = s32[(height - 1 - x) * width + y];
    else if (rotation === 180) for (let x = 0; x < w; x++) d32[row + x] = s32[(height - 1 - y) * width + (width - 1 - x)];
    else for (let x = 0; x < w; x++) d32[row + x] = s32[x * width + (width - 1 - y)];
  }
  return { data, width: w, height: h };
}

/** Clockwise display rotation of a track header matrix (16.16 fixed point a, b, u, c, d, v, ...). */
export function rotationOfMatrix(matrix: ArrayLike<number> | undefined): Rotation {
  if (!matrix || matrix.length < 5) return 0;
  const deg = Math.round((Math.atan2(matrix[1], matrix[0]) * 180) / Math.PI / 90) * 90;
  return (((deg % 360) + 360) % 360) as Rotation;
}
