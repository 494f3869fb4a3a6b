// Playback: once the viewer has shown the current frame, the next one is asked for, no sooner
// than the clip's frame rate allows. So playback runs as fast as the graph evaluates, capped at
// the clip's rate; the rate reached is measured so the timeline can say when it is slower.
// Within in/out (or the whole clip) it loops. A live source (a camera) in the viewed graph
// plays forward by itself, play pressed or not: each frame asked for is its newest picture.

import { useEffect } from 'react';
import { activeRange, useTimelineStore, type TimelineState } from '../store/timeline-store.ts';
import { useViewerStore } from '../store/viewer-store.ts';

/** Shown frames used to measure the rate reached. */
const WINDOW = 10;

/** Frames per step and direction, counting a live source as playing forward. */
export function playingSpeed(t: Pick<TimelineState, 'speed'>, live: boolean): number {
  return t.speed || (live ? 1 : 0);
}

export function usePlayback(): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastStep = 0;
    let running = 0;
    let lastShownAt: number | undefined;
    const shows: number[] = [];
    const onChange = () => {
      const s = useTimelineStore.getState();
      const speed = playingSpeed(s, useViewerStore.getState().live);
      const started = running === 0 && speed !== 0;
      const speedChanged = speed !== running;
      running = speed;
      if (speed === 0) {
        clearTimeout(timer);
        shows.length = 0;
        if (s.reachedFps !== undefined) s.patch({ reachedFps: undefined });
        return;
      }
      const shownChanged = s.shownAt !== lastShownAt;
      lastShownAt = s.shownAt;
      if (!started && !shownChanged && !speedChanged) return;
      if (s.shownFrame !== s.frame || s.shownAt === undefined) return;
      if (started) {
        lastStep = 0;
        shows.length = 0;
      } else if (shownChanged) {
        shows.push(s.shownAt);
        if (shows.length > WINDOW) shows.shift();
      }
      if (shows.length >= 3) {
        const seconds = (shows[shows.length - 1] - shows[0]) / 1000;
        const reached = seconds > 0 ? ((shows.length - 1) * Math.abs(speed)) / seconds : undefined;
        if (reached !== undefined && Math.abs((s.reachedFps ?? 0) - reached) > 0.05) s.patch({ reachedFps: reached });
      }
      clearTimeout(timer);
      const interval = 1000 / (s.fps || 25);
      const wait = Math.max(0, lastStep + interval - performance.now());
      timer = setTimeout(() => {
        lastStep = performance.now();
        const t = useTimelineStore.getState();
        const step = playingSpeed(t, useViewerStore.getState().live);
        if (!step) return;
        const { first, last } = activeRange(t);
        let next = t.frame + step;
        if (next > last) next = first;
        if (next < first) next = last;
        // Outside the range (playback started before the in point): start from its edge.
        if (t.frame < first || t.frame > last) next = step > 0 ? first : last;
        if (next === t.frame) t.patch({ speed: 0 }); // a one-frame range: nothing to play
        else t.setFrame(next);
      }, wait);
    };
    const unsubscribeTimeline = useTimelineStore.subscribe(onChange);
    const unsubscribeViewer = useViewerStore.subscribe((v, prev) => {
      if (v.live !== prev.live) onChange();
    });
    return () => {
      clearTimeout(timer);
      unsubscribeTimeline();
      unsubscribeViewer();
    };
  }, []);
}
