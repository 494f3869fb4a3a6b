// An MP4 edit list reduced to what playback needs: leading empty edits delay the track, and the
// first real edit names the window of media time that is shown. Later edits (rare outside
// editing tools) are ignored, as mediabunny does; ffmpeg plays such files the same way for one edit.
// Also where the track's last frame ends, which the edit and the media header bound.

import type { DemuxedSample } from './demuxed-track.ts';

export interface Edit {
  /** In the movie timescale. */
  segmentDuration: number;
  /** In the track timescale; -1 for an empty edit (a pause). */
  mediaTime: number;
}

export interface EditWindow {
  /** Shown media time, track timescale: start inclusive, end exclusive; undefined shows all. */
  window?: { start: number; end: number };
  /** Total length of the empty edits before it, seconds. */
  emptySeconds: number;
}

export function presentationWindow(edits: readonly Edit[], movieTimescale: number, trackTimescale: number): EditWindow {
  let emptySeconds = 0;
  for (const e of edits) {
    if (e.mediaTime === -1) {
      emptySeconds += e.segmentDuration / movieTimescale;
      continue;
    }
    // A zero duration means "to the end of the media" (fragmented files).
    const end = e.segmentDuration > 0
      ? e.mediaTime + Math.round((e.segmentDuration * trackTimescale) / movieTimescale)
      : Infinity;
    return { window: { start: e.mediaTime, end }, emptySeconds };
  }
  return { emptySeconds };
}

/**
 * Sets the length of the last frame shown to where ffprobe ends the track: its sample's end, but
 * no later than the media's end (the first composition time plus the mdhd duration) nor the
 * edit's end (the edit's length after the first frame shown: ffmpeg starts an edit that begins
 * mid-frame at the next frame). A variable-rate stream with B-frames has decode-order deltas
 * that are not display lengths, and ffmpeg writes a last delta of 0 when it does not know the
 * length: the track's end then decides, even when that leaves the frame no length at all.
 */
export function endLastFrameWithTrack(samples: DemuxedSample[], mediaDuration: number, window?: { start: number; end: number }): void {
  const shown = window ? samples.filter((s) => s.cts >= window.start && s.cts < window.end) : samples;
  if (shown.length === 0) return;
  let first = shown[0];
  let last = shown[0];
  for (const s of shown) {
    if (s.cts < first.cts) first = s;
    if (s.cts >= last.cts) last = s;
  }
  let end = last.cts + last.duration;
  if (mediaDuration > 0) end = Math.min(end, samples.reduce((m, s) => Math.min(m, s.cts), Infinity) + mediaDuration);
  if (window && Number.isFinite(window.end)) end = Math.min(end, first.cts + window.end - window.start);
  last.duration = Math.max(0, end - last.cts);
}
