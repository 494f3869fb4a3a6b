// ffmpeg's own keyers as the yardstick of the bench and the accuracy tests: `colorkey` (RGB
// distance) and `chromakey` (YUV chroma distance) run over a grid of similarity/blend settings on
// the same frames, in one ffmpeg run per keyer (the input is read once and split), and the best
// setting is kept.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type FfmpegKeyer = 'colorkey' | 'chromakey';

export const SIMILARITIES = [0.01, 0.02, 0.03, 0.04, 0.06, 0.08, 0.1, 0.12, 0.15, 0.2, 0.25, 0.3, 0.4];
export const BLENDS = [0, 0.01, 0.02, 0.05, 0.08, 0.12, 0.16, 0.2, 0.3];

export interface KeyerScore {
  keyer: FfmpegKeyer;
  similarity: number;
  blend: number;
  /** Mean absolute alpha error over all frames, with this one setting. */
  error: number;
  /** Per frame, the error of this setting. */
  perFrame: number[];
}

export interface KeyerResult {
  /** The one setting with the lowest mean error over all frames. */
  best: KeyerScore;
  /** Mean over frames of each frame's own best setting (an upper bound of what tuning can do). */
  perFrameBest: number;
}

/**
 * Runs `keyer` with every grid setting over `frames` (raw RGBA, all the same size) and scores
 * the extracted alpha against `truth` (0..1 per pixel, per frame).
 */
export function gridSearch(
  keyer: FfmpegKeyer,
  screenHex: string,
  frames: Uint8Array[],
  width: number,
  height: number,
  truth: Float64Array[],
): KeyerResult {
  const dir = mkdtempSync(join(tmpdir(), 'mattegraph-ffkey-'));
  try {
    const input = join(dir, 'frames.rgba');
    writeFileSync(input, Buffer.concat(frames));
    const settings = SIMILARITIES.flatMap((similarity) => BLENDS.map((blend) => ({ similarity, blend })));
    // chromakey works in Y'CbCr: 4:4:4 so chroma subsampling does not count against it.
    const format = keyer === 'chromakey' ? 'yuva444p' : 'rgba';
    const color = `0x${screenHex.replace('#', '')}`;
    const graph = [
      `[0]format=${format},split=${settings.length}${settings.map((_, i) => `[i${i}]`).join('')}`,
      ...settings.map((s, i) => `[i${i}]${keyer}=${color}:${s.similarity}:${s.blend},alphaextract[o${i}]`),
    ].join(';');
    const outputs = settings.flatMap((_, i) => ['-map', `[o${i}]`, '-f', 'rawvideo', '-pix_fmt', 'gray', join(dir, `o${i}.gray`)]);
    execFileSync('ffmpeg', [
      '-v', 'error', '-y', '-f', 'rawvideo', '-pix_fmt', 'rgba', '-s', `${width}x${height}`, '-i', input,
      '-filter_complex', graph, ...outputs,
    ]);
    const size = width * height;
    const scores = settings.map((s, i): KeyerScore => {
      const alpha = readFileSync(join(dir, `o${i}.gray`));
      const perFrame = truth.map((t, f) => meanAbsError(alpha.subarray(f * size, (f + 1) * size), 255, t));
      return { keyer, ...s, perFrame, error: mean(perFrame) };
    });
    const best = scores.reduce((a, b) => (b.error < a.error ? b : a));
    const perFrameBest = mean(truth.map((_, f) => Math.min(...scores.map((s) => s.perFrame[f]))));
    return { best, perFrameBest };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Mean |estimate / scale − truth| over the pixels. */
export function meanAbsError(estimate: ArrayLike<number>, scale: number, truth: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < truth.length; i++) sum += Math.abs(estimate[i] / scale - truth[i]);
  return sum / truth.length;
}

export const mean = (values: number[]) => values.reduce((a, v) => a + v, 0) / values.length;
