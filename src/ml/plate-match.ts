// Does the plate look like a clean plate of this shot? BGMv2 needs a picture of the same shot
// without the subject; the most common mistake is connecting the new background instead (or a
// plate from a moved camera, or from before the lighting changed).
//
// Both pictures are averaged down to a grid about 64 cells wide; a cell matches when its mean
// RGB differs by less than MATCH_TOLERANCE. With a real clean plate, everything but the subject
// matches (measured on the test pairs: 89% for the fixed-camera Intel pair, 50-54% for the
// hand-held Background Matting v1 samples); with an unrelated picture almost nothing does
// (2-17%). Below MISMATCH_BELOW the node warns.

export const GRID_WIDTH = 64;
export const MATCH_TOLERANCE = 0.06;
export const MISMATCH_BELOW = 0.3;

/** Fraction (0..1) of the frame where source and plate (same size, RGBA8) agree. */
export function plateMatchFraction(source: Uint8ClampedArray, plate: Uint8ClampedArray, width: number, height: number): number {
  if (source.length !== width * height * 4 || plate.length !== source.length) {
    throw new Error('plate match needs two pictures of the same size');
  }
  const gw = Math.min(GRID_WIDTH, width);
  const gh = Math.max(1, Math.min(height, Math.round((height * gw) / width)));
  const sums = new Float64Array(gw * gh * 6);
  const counts = new Uint32Array(gw * gh);
  for (let y = 0; y < height; y++) {
    const row = Math.floor((y * gh) / height) * gw;
    for (let x = 0; x < width; x++) {
      const cell = row + Math.floor((x * gw) / width);
      const i = (y * width + x) * 4;
      const s = cell * 6;
      sums[s] += source[i];
      sums[s + 1] += source[i + 1];
      sums[s + 2] += source[i + 2];
      sums[s + 3] += plate[i];
      sums[s + 4] += plate[i + 1];
      sums[s + 5] += plate[i + 2];
      counts[cell]++;
    }
  }
  let matched = 0;
  for (let cell = 0; cell < gw * gh; cell++) {
    const s = cell * 6;
    const n = counts[cell] * 255;
    const diff = (Math.abs(sums[s] - sums[s + 3]) + Math.abs(sums[s + 1] - sums[s + 4]) + Math.abs(sums[s + 2] - sums[s + 5])) / (3 * n);
    if (diff < MATCH_TOLERANCE) matched++;
  }
  return matched / (gw * gh);
}

/** The warning to show when the plate does not look like this shot, else undefined. */
export function plateMismatchWarning(fraction: number): string | undefined {
  if (fraction >= MISMATCH_BELOW) return undefined;
  return (
    `the plate looks like a different shot (only ${Math.round(fraction * 100)}% of the frame matches it): ` +
    'connect a clean plate of this shot (same camera, without the subject), not the new background'
  );
}
