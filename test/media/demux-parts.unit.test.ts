import { describe, expect, it } from 'vitest';
import { endLastFrameWithTrack, presentationWindow } from '../../src/media/edit-list.ts';
import type { DemuxedSample } from '../../src/media/demuxed-track.ts';
import { sniffContainer } from '../../src/media/container-sniff.ts';
import { matroskaTruncation } from '../../src/media/matroska-truncation.ts';
import { exportSpan } from '../../src/media/export-span.ts';

describe('presentationWindow (MP4 edit lists)', () => {
  it('shows everything without edits', () => {
    expect(presentationWindow([], 1000, 12800)).toEqual({ emptySeconds: 0 });
  });
  it('takes the first real edit as the shown window, in track units', () => {
    // ffmpeg's B-frame shift: media from tick 1024, 4 s long (movie timescale 1000).
    expect(presentationWindow([{ segmentDuration: 4000, mediaTime: 1024 }], 1000, 12800)).toEqual({ window: { start: 1024, end: 1024 + 51200 }, emptySeconds: 0 });
  });
  it('adds leading empty edits as a delay, and treats a zero duration as open-ended', () => {
    expect(presentationWindow([{ segmentDuration: 500, mediaTime: -1 }, { segmentDuration: 0, mediaTime: 0 }], 1000, 90000))
      .toEqual({ window: { start: 0, end: Infinity }, emptySeconds: 0.5 });
  });
});

describe('endLastFrameWithTrack (where ffprobe ends an MP4 track)', () => {
  /** Decode-order samples from [dts, cts, stts delta]. */
  const table = (rows: [number, number, number][]): DemuxedSample[] => rows.map(([dts, cts, duration], j) => ({ dts, cts, duration, isSync: j === 0 }));
  it('keeps the last sample\'s own length when the track ends after it', () => {
    const s = table([[0, 1024, 512], [512, 2048, 512], [1024, 1536, 512]]);
    endLastFrameWithTrack(s, 1536);
    expect(s[1].duration).toBe(512);
  });
  it('ends a variable-rate B-frame track at its edit, not at a decode-order delta', () => {
    // The last frame shown (cts 189000) has delta 6000, but the edit shows 2 s from 12000.
    const s = table([[0, 12000, 6000], [174000, 189000, 6000], [180000, 186000, 3000]]);
    endLastFrameWithTrack(s, 180000, { start: 12000, end: 192000 });
    expect(s[1].duration).toBe(3000);
  });
  it('measures an edit that starts mid-frame from the first frame shown, as ffmpeg does', () => {
    // Edit from 9626 for 14426 ticks; ffmpeg shows from the frame at 9728, so it ends at 24154.
    const s = table([[0, 9216, 512], [512, 9728, 512], [1024, 23552, 512]]);
    endLastFrameWithTrack(s, 23040, { start: 9626, end: 24052 });
    expect(s[2].duration).toBe(512);
  });
  it('gives a last frame of unknown length (delta 0) what the media header leaves it', () => {
    const s = table([[0, 83333, 41667], [1450000, 1566666, 0]]);
    endLastFrameWithTrack(s, 1483333, { start: 83333, end: 83333 + 1484000 });
    expect(s[1].duration).toBe(0);
  });
});

describe('sniffContainer', () => {
  const blob = (bytes: number[] | string) => new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)]);
  it('recognises MP4/MOV boxes and EBML (WebM/Matroska)', async () => {
    expect(await sniffContainer(blob([0, 0, 0, 24, ...'ftypisom'.split('').map((c) => c.charCodeAt(0))]))).toBe('mp4');
    expect(await sniffContainer(blob([0x1a, 0x45, 0xdf, 0xa3, 0x9f]))).toBe('matroska');
  });
  it('names what a file is when it is not a video we read', async () => {
    await expect(sniffContainer(blob([]))).rejects.toThrow('the file is empty (0 bytes)');
    await expect(sniffContainer(blob([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10]))).rejects.toThrow(/: it is a PNG image$/);
    await expect(sniffContainer(blob('GIF89a....'))).rejects.toThrow(/it is a GIF image$/);
    await expect(sniffContainer(blob('hello\nworld\n'))).rejects.toThrow(/it is text$/);
    await expect(sniffContainer(blob([0x46, 0x4c, 0x56, 0x01, 0x05, 0, 0, 0, 9]))).rejects.toThrow(/: it is a Flash video \(FLV; re-save it as MP4\)$/);
    await expect(sniffContainer(blob([0, 1, 2, 3, 4, 5, 6, 7, 200, 201]))).rejects.toThrow(/its data is not in any of these formats$/);
  });
});

describe('matroskaTruncation', () => {
  // EBML header (empty body), then a Segment declaring 100 bytes.
  const head = [0x1a, 0x45, 0xdf, 0xa3, 0x80, 0x18, 0x53, 0x80, 0x67, 0x80 | 100];
  it('says when the Segment runs past the end of the file', async () => {
    expect(await matroskaTruncation(new Blob([new Uint8Array([...head, ...new Array(40).fill(0)])]))).toBe('the file is truncated: it has 50 bytes of the 110 bytes its header announces');
    expect(await matroskaTruncation(new Blob([new Uint8Array([...head, ...new Array(100).fill(0)])]))).toBeUndefined();
  });
  it('cannot judge a Segment of unknown size (live recordings) and does not try', async () => {
    const live = [0x1a, 0x45, 0xdf, 0xa3, 0x80, 0x18, 0x53, 0x80, 0x67, 0xff];
    expect(await matroskaTruncation(new Blob([new Uint8Array(live)]))).toBeUndefined();
  });
});

describe('exportSpan', () => {
  const clip = { frameCount: 4, fps: 10, durationUs: 400_000, width: 2, height: 2, frameTimestampsUs: [0, 100_000, 170_000, 300_000], frameDurationsUs: [100_000, 70_000, 130_000, 100_000] };
  it('covers the range with its first frame at 0 and the last frame\'s duration included', () => {
    expect(exportSpan(clip, { start: 1, end: 3 })).toMatchObject({ start: 1, end: 3, total: 2, t0: 100_000, durationUs: 200_000, cfr: undefined, fps: 10 });
    expect(exportSpan(clip)).toMatchObject({ total: 4, durationUs: 400_000 });
    expect(() => exportSpan(clip, { start: 3, end: 3 })).toThrow(/has no frames/);
  });
});
