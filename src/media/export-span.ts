// Which frames an export covers and their timing: the range (end exclusive), the first frame's
// time (it becomes 0), the frame rate (exact when constant, e.g. 30000/1001) and the duration
// with the last frame's length included.

import type { ClipInfo } from '../graph/types.ts';
import { constantFrameRate } from './frame-rate.ts';

export interface ExportSpan {
  start: number;
  end: number;
  total: number;
  /** Source timestamp of frame `start`, microseconds. */
  t0: number;
  /** The constant frame rate, when the span has one. */
  cfr?: number;
  /** Frames per second (the constant rate, or the average). */
  fps: number;
  durationUs: number;
}

export function exportSpan(clip: ClipInfo, range?: { start: number; end: number }): ExportSpan {
  const start = Math.max(0, Math.floor(range?.start ?? 0));
  const end = Math.min(clip.frameCount, Math.floor(range?.end ?? clip.frameCount));
  if (end <= start) throw new Error(`the export range ${start}..${end} has no frames`);
  const total = end - start;
  const t0 = clip.frameTimestampsUs[start];
  const durations = clip.frameDurationsUs.slice(start, end);
  const cfr = constantFrameRate(durations);
  const durationUs = clip.frameTimestampsUs[end - 1] + clip.frameDurationsUs[end - 1] - t0;
  return { start, end, total, t0, cfr, fps: cfr ?? (total * 1e6) / durationUs, durationUs };
}
