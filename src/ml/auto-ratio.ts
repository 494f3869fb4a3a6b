// RVM's `downsample_ratio` when the node's param says `auto`.
//
// The authors' guideline (README of RobustVideoMatting) gives 1280x720 → 0.375, 1920x1080 → 0.25
// and 3840x2160 → 0.125 for upper-body shots: in each case the network sees a long side of
// exactly 480 px, inside their recommended 256–512 px band. So the rule is
//   ratio = clamp(480 / max(width, height), 0.05, 1), rounded to 3 decimals,
// which reproduces those three and gives e.g. 768x432 → 0.625 and anything ≤ 480 px → 1.

export const AUTO_TARGET_LONG_SIDE = 480;
export const MIN_RATIO = 0.05;
export const MAX_RATIO = 1;

export function autoDownsampleRatio(width: number, height: number): number {
  const longSide = Math.max(width, height);
  if (!(longSide > 0)) throw new Error(`cannot choose a downsample ratio for a ${width}x${height} frame`);
  const ratio = Math.min(MAX_RATIO, Math.max(MIN_RATIO, AUTO_TARGET_LONG_SIDE / longSide));
  return Math.round(ratio * 1000) / 1000;
}

/** The ratio to run with: the param's number (clamped to the valid range) or the auto rule. */
export function resolveDownsampleRatio(param: unknown, width: number, height: number): number {
  if (param === 'auto' || param === undefined || param === '') return autoDownsampleRatio(width, height);
  const n = typeof param === 'number' ? param : Number(param);
  if (!Number.isFinite(n)) throw new Error(`downsample ratio must be a number or "auto", got "${String(param)}"`);
  return Math.min(MAX_RATIO, Math.max(MIN_RATIO, n));
}
