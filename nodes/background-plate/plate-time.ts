// Which frame of the plate video goes behind graph frame N. Chosen by time, not by index: the
// plate and the graph's clip may run at different frame rates (a 25 fps plate behind a 30 fps
// shot shows each plate frame for 1.2 graph frames), so graph frame N shows the plate frame
// on screen at N's presentation time. Past the plate's end it loops, or holds its last frame.

import type { ClipInfo } from '../../src/graph/types.ts';

export type PlateVideoEnd = 'loop' | 'hold';

export interface PlateFrame {
  index: number;
  /** Whether the plate had run out at this time (so the loop or the hold decided). */
  pastEnd: boolean;
}

type PlateTiming = Pick<ClipInfo, 'frameCount' | 'durationUs' | 'frameTimestampsUs'>;

/**
 * The time of graph frame `frame`, µs from the clip's start. Without a clip (the plate viewed
 * on its own) the plate's own frames are the timeline.
 */
export function graphTimeUs(frame: number, graphClip: ClipInfo | undefined, plate: PlateTiming): number {
  if (graphClip) {
    // Frames past the clip are refused by the evaluator before any node runs.
    return graphClip.frameTimestampsUs[Math.min(frame, graphClip.frameCount - 1)];
  }
  const laps = Math.floor(frame / plate.frameCount);
  return laps * plate.durationUs + plate.frameTimestampsUs[frame % plate.frameCount];
}

/**
 * The plate frame shown at `timeUs`. Timestamps are whole microseconds rounded from each
 * file's own timescale, so a time up to 1 µs before a plate frame counts as that frame.
 */
export function plateFrameAt(timeUs: number, plate: PlateTiming, end: PlateVideoEnd): PlateFrame {
  const t = timeUs + 1;
  const pastEnd = t >= plate.durationUs;
  if (pastEnd && end === 'hold') return { index: plate.frameCount - 1, pastEnd };
  const lapTime = t % plate.durationUs;
  // The last frame whose timestamp is at or before lapTime: binary search.
  const ts = plate.frameTimestampsUs;
  let lo = 0;
  let hi = plate.frameCount - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ts[mid] <= lapTime) lo = mid;
    else hi = mid - 1;
  }
  return { index: lo, pastEnd };
}
