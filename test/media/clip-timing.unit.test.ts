import { describe, expect, it } from 'vitest';
import { clipTiming } from '../../src/media/clip-timing.ts';
import type { DemuxedSample } from '../../src/media/demuxed-track.ts';

/** Samples in decode order from presentation offsets (in frames) and key flags; 512 ticks a frame. */
function samples(pts: number[], keys: number[]): DemuxedSample[] {
  return pts.map((p, j) => ({ dts: j * 512, cts: p * 512 + 1024, duration: 512, isSync: keys.includes(j) }));
}

describe('clipTiming', () => {
  // I P B B | I P B B, the way an encoder with B-frames stores them.
  const s = samples([0, 3, 1, 2, 4, 7, 5, 6], [0, 4]);
  const t = clipTiming(s, 12288); // 24 fps

  it('numbers frames in presentation order, starting at time 0', () => {
    expect(t.frameCount).toBe(8);
    expect(t.decodeIndexOf).toEqual([0, 2, 3, 1, 4, 6, 7, 5]);
    expect(t.presentationIndexOf).toEqual([0, 3, 1, 2, 4, 7, 5, 6]);
    expect(t.timestampsUs[0]).toBe(0);
    expect(t.timestampsUs[1]).toBe(41667);
  });

  it('counts the last frame in the duration and keeps durations summing to it', () => {
    expect(t.durationUs).toBe(333333);
    expect(t.durationsUs.reduce((a, b) => a + b, 0)).toBe(t.durationUs);
    expect(t.fps).toBeCloseTo(24, 3);
  });

  it('starts decoding each frame at the key frame of its group', () => {
    expect(t.seekStartOf).toEqual([0, 0, 0, 0, 4, 4, 4, 4]);
  });

  it('sends a frame shown before its group key frame (open GOP) to the previous key frame', () => {
    // Decode order: I0 P3 B1 B2 | I5 B4 P6 — B4 is decoded after I5 but shown before it.
    const open = clipTiming(samples([0, 3, 1, 2, 5, 4, 6], [0, 4]), 12288);
    expect(open.seekStartOf[4]).toBe(0);
    expect(open.seekStartOf[5]).toBe(4);
  });

  it('keeps timestamps strictly increasing when ticks are finer than a microsecond', () => {
    const fine = clipTiming([0, 1, 2].map((j) => ({ dts: j, cts: j, duration: 1, isSync: j === 0 })), 10_000_000);
    expect(fine.timestampsUs).toEqual([0, 1, 2]);
  });

  it('hides samples outside an edit list window, but keeps them for decoding', () => {
    // I P B B | I P B B with the edit starting at presentation frame 2 (a trimmed copy).
    const w = clipTiming(s, 12288, { start: 2 * 512 + 1024, end: 7 * 512 + 1024 });
    expect(w.frameCount).toBe(5);
    expect(w.timestampsUs[0]).toBe(0);
    expect(w.decodeIndexOf).toEqual([3, 1, 4, 6, 7]);
    expect(w.presentationIndexOf).toEqual([-1, 1, -1, 0, 2, -1, 3, 4]);
    // Frame 0 (decode 3) needs the key frame at decode 0, which is hidden but decoded.
    expect(w.seekStartOf[0]).toBe(0);
    // Hidden samples get their own (negative or later) times, never a shown frame's.
    expect(w.chunkTimestampsUs[0]).toBeLessThan(0);
    expect(w.chunkTimestampsUs[5]).toBeGreaterThan(w.timestampsUs[4]);
    expect(new Set(w.chunkTimestampsUs).size).toBe(8);
    // Frames starting at or after the window's end are hidden; the last shown one keeps its length.
    expect(w.durationUs).toBe(Math.round((5 * 512 * 1e6) / 12288));
  });

  it('gives the last frame its sample\'s length (the demuxer bounds it by the track\'s end)', () => {
    // The window ends 100 ticks into presentation frame 6: frame 7 is hidden, frame 6 keeps 512 ticks.
    const w = clipTiming(s, 12288, { start: 1024, end: 6 * 512 + 1024 + 100 });
    expect(w.frameCount).toBe(7);
    expect(w.durationsUs[6]).toBe(41667);
    expect(w.durationUs).toBe(Math.round((7 * 512 * 1e6) / 12288));
  });
});
