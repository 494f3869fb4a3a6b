// Presentation-order timing of a track from its decode-order samples: frames are numbered in
// the order they are shown (B-frames reorder them), times start at 0 and are whole microseconds.

import type { DemuxedSample } from './mp4-demux.ts';

export interface ClipTiming {
  frameCount: number;
  durationUs: number;
  fps: number;
  /** Presentation timestamp and duration per frame (presentation order), microseconds. */
  timestampsUs: number[];
  durationsUs: number[];
  /** Decode-order index of presentation frame i. */
  decodeIndexOf: number[];
  /** Presentation index of decode-order sample j. */
  presentationIndexOf: number[];
  /** Decode-order index where decoding must start to show frame i (a key frame). */
  seekStartOf: number[];
}

export function clipTiming(samples: readonly DemuxedSample[], timescale: number): ClipTiming {
  const n = samples.length;
  const decodeIndexOf = samples.map((_, j) => j).sort((a, b) => samples[a].cts - samples[b].cts || a - b);
  const presentationIndexOf = new Array<number>(n);
  decodeIndexOf.forEach((j, i) => (presentationIndexOf[j] = i));

  const first = samples[decodeIndexOf[0]].cts;
  const toUs = (t: number) => Math.round(((t - first) * 1e6) / timescale);
  const timestampsUs: number[] = [];
  for (let i = 0; i < n; i++) {
    // Strictly increasing, so a decoded frame's timestamp names exactly one frame.
    const t = toUs(samples[decodeIndexOf[i]].cts);
    timestampsUs.push(i > 0 && t <= timestampsUs[i - 1] ? timestampsUs[i - 1] + 1 : t);
  }
  const lastSample = samples[decodeIndexOf[n - 1]];
  // Rounded once from the end time, so the total is the container's duration to the microsecond.
  const lastDurationUs = Math.max(1, toUs(lastSample.cts + lastSample.duration) - timestampsUs[n - 1]);
  const durationsUs = timestampsUs.map((t, i) => (i + 1 < n ? timestampsUs[i + 1] - t : lastDurationUs));
  const durationUs = timestampsUs[n - 1] + lastDurationUs;

  return {
    frameCount: n,
    durationUs,
    fps: (n * 1e6) / durationUs,
    timestampsUs,
    durationsUs,
    decodeIndexOf,
    presentationIndexOf,
    seekStartOf: seekStarts(samples, decodeIndexOf, presentationIndexOf),
  };
}

/**
 * For each frame, the key frame to start decoding from: the last key frame at or before it in
 * decode order that is also shown no later than it (frames shown before their GOP's key frame
 * may reference the previous GOP, so they start one key frame earlier).
 */
function seekStarts(samples: readonly DemuxedSample[], decodeIndexOf: number[], presentationIndexOf: number[]): number[] {
  const keys: number[] = [];
  samples.forEach((s, j) => s.isSync && keys.push(j));
  if (keys.length === 0 || keys[0] !== 0) keys.unshift(0);
  return decodeIndexOf.map((j, i) => {
    let lo = 0;
    let hi = keys.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (keys[mid] <= j) lo = mid;
      else hi = mid - 1;
    }
    while (lo > 0 && presentationIndexOf[keys[lo]] > i) lo--;
    return keys[lo];
  });
}
