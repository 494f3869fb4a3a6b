// The constant frame rate of a clip, when it has one, snapped to the exact rate the
// microsecond-rounded timestamps stand for (24, 25, 30000/1001, ...).

/** Frames per second when every frame lasts the same (within timestamp rounding), else undefined. */
export function constantFrameRate(durationsUs: readonly number[]): number | undefined {
  if (durationsUs.length === 0) return undefined;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (const d of durationsUs) {
    min = Math.min(min, d);
    max = Math.max(max, d);
    sum += d;
  }
  if (max - min > 2) return undefined;
  const fps = (1e6 * durationsUs.length) / sum;
  for (const nice of [Math.round(fps), Math.round(fps * 1.001) / 1.001]) {
    if (Math.abs(nice - fps) / fps < 1e-4) return nice;
  }
  return fps;
}
