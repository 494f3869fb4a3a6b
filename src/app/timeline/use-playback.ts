// Playback: once the viewer has shown the current frame, the next one is asked for, no sooner
// than the clip's frame rate allows. So playback runs as fast as the graph evaluates, capped at
// the clip's rate; the rate reached is measured so the timeline can say when it is slower.
// Within in/out (or the whole clip) it loops.

import { useEffect } from 'react';
import { activeRange, useTimelineStore } from '../store/timeline-store.ts';

/** Shown frames used to measure the rate reached. */
const WINDOW = 10;

export function usePlayback(): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastStep = 0;
    const shows: number[] = [];
    const unsubscribe = useTimelineStore.subscribe((s, prev) => {
      if (s.speed === 0) {
        clearTimeout(timer);
        if (prev.speed !== 0 || s.reachedFps !== undefined) {
          shows.length = 0;
          if (s.reachedFps !== undefined) s.patch({ reachedFps: undefined });
        }
        return;
      }
      const started = prev.speed === 0;
      if (!started && s.shownAt === prev.shownAt && s.speed === prev.speed) return;
      if (s.shownFrame !== s.frame || s.shownAt === undefined) return;
      if (started) lastStep = 0;
      else if (s.shownAt !== prev.shownAt) {
        shows.push(s.shownAt);
        if (shows.length > WINDOW) shows.shift();
      }
      if (shows.length >= 3) {
        const seconds = (shows[shows.length - 1] - shows[0]) / 1000;
        const reached = seconds > 0 ? ((shows.length - 1) * Math.abs(s.speed)) / seconds : undefined;
        if (reached !== undefined && Math.abs((s.reachedFps ?? 0) - reached) > 0.05) s.patch({ reachedFps: reached });
      }
      clearTimeout(timer);
      const interval = 1000 / (s.fps || 25);
      const wait = Math.max(0, lastStep + interval - performance.now());
      timer = setTimeout(() => {
        lastStep = performance.now();
        const t = useTimelineStore.getState();
        if (!t.speed) return;
        const { first, last } = activeRange(t);
        let next = t.frame + t.speed;
        if (next > last) next = first;
        if (next < first) next = last;
        // Outside the range (playback started before the in point): start from its edge.
        if (t.frame < first || t.frame > last) next = t.speed > 0 ? first : last;
        if (next === t.frame) t.patch({ speed: 0 }); // a one-frame range: nothing to play
        else t.setFrame(next);
      }, wait);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, []);
}
