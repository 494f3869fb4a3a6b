// An MP4 edit list reduced to what playback needs: leading empty edits delay the track, and the
// first real edit names the window of media time that is shown. Later edits (rare outside
// editing tools) are ignored, as mediabunny does; ffmpeg plays such files the same way for one edit.

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
