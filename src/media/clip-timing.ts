// Presentation-order timing of a track from its decode-order samples: frames are numbered in
// the order they are shown (B-frames reorder them), times start at 0 and are whole microseconds.
// An edit list's window hides samples outside it: they are still decoded (later frames may
// depend on them) but get no frame number, exactly as ffmpeg shows such a file.

import type { DemuxedSample } from './demuxed-track.ts';

export interface ClipTiming {
  frameCount: number;
  durationUs: number;
  fps: number;
  /** Presentation timestamp and duration per frame (presentation order), microseconds. */
  timestampsUs: number[];
  durationsUs: number[];
  /** Decode-order index of presentation frame i. */
  decodeIndexOf: number[];
  /** Presentation index of decode-order sample j, or -1 when the edit list hides it. */
  presentationIndexOf: number[];
  /** Timestamp given to the decoder with sample j: unique, the frame's own when shown. */
  chunkTimestampsUs: number[];
  /** Decode-order index where decoding must start to show frame i (a key frame). */
  seekStartOf: number[];
}

/** `window`: presentation window in track timescale units (start inclusive, end exclusive). */
export function clipTiming(
  samples: readonly DemuxedSample[],
  timescale: number,
  window?: { start: number; end: number },
): ClipTiming {
  const n = samples.length;
  const shown = (s: DemuxedSample) => !window || (s.cts >= window.start && s.cts < window.end);
  const decodeIndexOf = samples
    .map((_, j) => j)
    .filter((j) => shown(samples[j]))
    .sort((a, b) => samples[a].cts - samples[b].cts || a - b);
  if (decodeIndexOf.length === 0) throw new Error('the edit list of the video track shows none of its frames');
  const presentationIndexOf = new Array<number>(n).fill(-1);
  decodeIndexOf.forEach((j, i) => (presentationIndexOf[j] = i));
  const count = decodeIndexOf.length;

  const first = samples[decodeIndexOf[0]].cts;
  const toUs = (t: number) => Math.round(((t - first) * 1e6) / timescale);
  const timestampsUs: number[] = [];
  for (let i = 0; i < count; i++) {
    // Strictly increasing, so a decoded frame's timestamp names exactly one frame.
    const t = toUs(samples[decodeIndexOf[i]].cts);
    timestampsUs.push(i > 0 && t <= timestampsUs[i - 1] ? timestampsUs[i - 1] + 1 : t);
  }
  // The last frame lasts its own sample's duration, even past an edit list's end: ffmpeg drops
  // frames that start after the edit but never shortens the one it ends in.
  const lastSample = samples[decodeIndexOf[count - 1]];
  const lastEnd = lastSample.cts + lastSample.duration;
  // Rounded once from the end time, so the total is the container's duration to the microsecond.
  const lastDurationUs = Math.max(1, toUs(lastEnd) - timestampsUs[count - 1]);
  const durationsUs = timestampsUs.map((t, i) => (i + 1 < count ? timestampsUs[i + 1] - t : lastDurationUs));
  const durationUs = timestampsUs[count - 1] + lastDurationUs;

  return {
    frameCount: count,
    durationUs,
    fps: (count * 1e6) / durationUs,
    timestampsUs,
    durationsUs,
    decodeIndexOf,
    presentationIndexOf,
    chunkTimestampsUs: chunkTimestamps(samples, presentationIndexOf, timestampsUs, toUs),
    seekStartOf: seekStarts(samples, decodeIndexOf),
  };
}

/** Shown samples carry their frame's timestamp; hidden ones their own time, kept unique. */
function chunkTimestamps(
  samples: readonly DemuxedSample[],
  presentationIndexOf: number[],
  timestampsUs: number[],
  toUs: (t: number) => number,
): number[] {
  const used = new Set(timestampsUs);
  return samples.map((s, j) => {
    const i = presentationIndexOf[j];
    if (i >= 0) return timestampsUs[i];
    let t = toUs(s.cts);
    while (used.has(t)) t--;
    used.add(t);
    return t;
  });
}

/**
 * For each frame, the key frame to start decoding from: the last key frame at or before it in
 * decode order that is also shown no later than it (frames shown before their GOP's key frame
 * may reference the previous GOP, so they start one key frame earlier).
 */
function seekStarts(samples: readonly DemuxedSample[], decodeIndexOf: number[]): number[] {
  const keys: number[] = [];
  samples.forEach((s, j) => s.isSync && keys.push(j));
  if (keys.length === 0 || keys[0] !== 0) keys.unshift(0);
  const ctsOf = (j: number) => samples[j].cts;
  return decodeIndexOf.map((j) => {
    let lo = 0;
    let hi = keys.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (keys[mid] <= j) lo = mid;
      else hi = mid - 1;
    }
    // Compare composition times: a hidden key frame has no presentation index.
    while (lo > 0 && ctsOf(keys[lo]) > ctsOf(j)) lo--;
    return keys[lo];
  });
}
