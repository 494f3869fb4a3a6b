// Which plate video frame each graph frame shows: by time, looped or held past the plate's end,
// robust to timestamps rounded to whole microseconds.

import { describe, expect, it } from 'vitest';
import { graphTimeUs, plateFrameAt } from '../../nodes/background-plate/plate-time.ts';
import type { ClipInfo } from '../../src/graph/types.ts';

/** `count` frames at `fps`, timestamps rounded to µs as clip-timing.ts rounds them. */
function clip(fps: number, count: number): ClipInfo {
  const ts = Array.from({ length: count }, (_, i) => Math.round((i * 1e6) / fps));
  const durationUs = Math.round((count * 1e6) / fps);
  return {
    frameCount: count, fps, durationUs, width: 8, height: 8, frameTimestampsUs: ts,
    frameDurationsUs: ts.map((t, i) => (i + 1 < count ? ts[i + 1] : durationUs) - t),
  };
}

const shown = (graph: ClipInfo | undefined, plate: ClipInfo, end: 'loop' | 'hold', frames: number[]) =>
  frames.map((n) => plateFrameAt(graphTimeUs(n, graph, plate), plate, end).index);

describe('plate video frame by time', () => {
  it('same rate: frame for frame, then loops or holds', () => {
    const graph = clip(10, 30);
    const plate = clip(10, 12);
    expect(shown(graph, plate, 'loop', [0, 11, 12, 25, 29])).toEqual([0, 11, 0, 1, 5]);
    expect(shown(graph, plate, 'hold', [0, 11, 12, 25, 29])).toEqual([0, 11, 11, 11, 11]);
    expect(plateFrameAt(graphTimeUs(12, graph, plate), plate, 'loop').pastEnd).toBe(true);
    expect(plateFrameAt(graphTimeUs(11, graph, plate), plate, 'loop').pastEnd).toBe(false);
  });

  it('another rate: the plate frame on screen at the graph frame\'s time', () => {
    // 30 fps graph over a 25 fps plate: timestamps like 33333 and 40000 µs; 1/30 s rounds down.
    const graph = clip(30, 90);
    const plate = clip(25, 50);
    const frames = [0, 1, 5, 6, 29, 59, 60, 61, 89];
    expect(shown(graph, plate, 'loop', frames)).toEqual(frames.map((n) => Math.floor((n * 25) / 30) % 50));
    expect(shown(graph, plate, 'hold', frames)).toEqual(frames.map((n) => Math.min(Math.floor((n * 25) / 30), 49)));
    // 29.97 fps graph over a 23.976 fps plate: rounding of both timelines must not skip frames.
    const ntsc = clip(30000 / 1001, 300);
    const film = clip(24000 / 1001, 240);
    const all = Array.from({ length: 300 }, (_, n) => n);
    expect(shown(ntsc, film, 'loop', all)).toEqual(all.map((n) => Math.floor((n * 4) / 5)));
  });

  it('a slower plate repeats frames, a faster one skips them', () => {
    expect(shown(clip(10, 10), clip(4, 4), 'loop', [0, 2, 3, 5, 9])).toEqual([0, 0, 1, 2, 3]);
    expect(shown(clip(10, 10), clip(50, 100), 'loop', [0, 1, 9])).toEqual([0, 5, 45]);
  });

  it('without a graph clip the plate plays its own frames', () => {
    const plate = clip(25, 10);
    expect(shown(undefined, plate, 'loop', [0, 9, 10, 23])).toEqual([0, 9, 0, 3]);
    expect(shown(undefined, plate, 'hold', [0, 9, 10, 23])).toEqual([0, 9, 9, 9]);
  });
});
