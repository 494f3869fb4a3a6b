// The current frame, the clip's length and rate, the in/out points the export uses, and
// playback (direction and speed, and the rate actually reached).

import { create } from 'zustand';

export interface TimelineState {
  frame: number;
  /** Frames in the clip feeding the viewed node; undefined when there is no source upstream. */
  frameCount?: number;
  fps?: number;
  /** First and last frame of the range to play and export (inclusive), when set. */
  inPoint?: number;
  outPoint?: number;
  /** 0: stopped; otherwise frames per step and direction (J/L shuttle: ±1, ±2, ±4). */
  speed: number;
  /** Frames per second playback really reached (measured), while playing. */
  reachedFps?: number;
  /** The frame last put on screen, when, and how long its evaluation took (0: from the cache). */
  shownFrame?: number;
  shownAt?: number;
  evalMs?: number;
  setFrame(frame: number): void;
  patch(p: Partial<Omit<TimelineState, 'setFrame' | 'patch'>>): void;
}

export const useTimelineStore = create<TimelineState>()((set, get) => ({
  frame: 0,
  speed: 0,
  setFrame: (frame) => {
    const count = get().frameCount;
    const last = count ? count - 1 : Infinity;
    set({ frame: Math.max(0, Math.min(last, Math.round(frame))) });
  },
  patch: (p) => set(p),
}));

/** The range to play and export: in..out inclusive, defaulting to the whole clip. */
export function activeRange(s: Pick<TimelineState, 'frameCount' | 'inPoint' | 'outPoint'>): { first: number; last: number } {
  const last = Math.max(0, (s.frameCount ?? 1) - 1);
  const first = Math.min(s.inPoint ?? 0, last);
  return { first, last: Math.max(first, Math.min(s.outPoint ?? last, last)) };
}
