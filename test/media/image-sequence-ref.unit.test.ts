// Image sequence names: refs as Nuke writes them, numbered files grouped into sequences, gaps
// named by their files, picture sizes read from headers, and the sequence checks' messages.

import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sequenceFilesProblem } from '../../src/media/image-sequence-check.ts';
import { readPictureHeader } from '../../src/media/image-sequence-header.ts';
import {
  findSequences,
  formatSequenceRef,
  gapProblem,
  hashesToPrintf,
  isSequencePattern,
  parseSequenceRef,
  sequenceFileNames,
} from '../../src/media/image-sequence-ref.ts';
import { exactFps, sequenceClipInfo } from '../../src/media/image-sequence.ts';

describe('sequence refs', () => {
  it('reads and writes `pattern FIRST-LAST`', () => {
    const ref = parseSequenceRef('shots/a b/frame_%04d.png 7-12')!;
    expect(ref).toEqual({ pattern: 'shots/a b/frame_%04d.png', first: 7, last: 12 });
    expect(formatSequenceRef(ref)).toBe('shots/a b/frame_%04d.png 7-12');
    expect(sequenceFileNames(ref).slice(0, 2)).toEqual(['shots/a b/frame_0007.png', 'shots/a b/frame_0008.png']);
    expect(parseSequenceRef('clip.mp4')).toBeUndefined();
    expect(parseSequenceRef('take 1-2.mp4')).toBeUndefined();
  });

  it('knows a pattern without a range, and turns #### into %04d', () => {
    expect(isSequencePattern('/x/frame_%04d.png')).toBe(true);
    expect(isSequencePattern('/x/take#2.png')).toBe(false);
    expect(isSequencePattern(hashesToPrintf('/x/frame_####.png'))).toBe(true);
    expect(isSequencePattern('/x/clip_%04d.mp4')).toBe(false);
    expect(hashesToPrintf('/a#b/frame_####.png')).toBe('/a#b/frame_%04d.png');
    expect(hashesToPrintf('frame_#.png')).toBe('frame_%d.png');
  });
});

describe('findSequences', () => {
  it('groups numbered pictures by folder, name and padding, in frame order', () => {
    const found = findSequences(['s/f_0010.png', 's/f_0009.png', 's/f_0011.png', 'other/f_0001.png', 'notes.txt', 'clip.mp4', 'x_1.jpg', 'x_2.jpg', 'x_10.jpg']);
    expect(found.map((s) => [s.pattern, s.numbers])).toEqual([
      ['s/f_%04d.png', [9, 10, 11]],
      ['x_%d.jpg', [1, 2, 10]],
      ['other/f_%04d.png', [1]],
    ]);
    expect(found[0].names).toEqual(['s/f_0009.png', 's/f_0010.png', 's/f_0011.png']);
  });

  it('names the missing frames of a gap', () => {
    const [seq] = findSequences(['f_0001.png', 'f_0002.png', 'f_0005.png', 'f_0006.png']);
    expect(gapProblem(seq)).toBe('the image sequence f_%04d.png has a gap: 2 frames missing (f_0003.png, f_0004.png)');
    expect(gapProblem(findSequences(['a_1.png', 'a_2.png'])[0])).toBeUndefined();
  });
});

describe('headers and checks', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mattegraph-seq-unit-'));
  const make = (name: string, size: string, extra: string[] = []) => {
    const out = join(dir, name);
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `color=c=gray:s=${size},format=rgb24`, '-frames:v', '1', ...extra, out]);
    return new Uint8Array(readFileSync(out));
  };

  it('reads the size of PNG, JPEG and WebP (lossy and lossless) files', () => {
    expect(readPictureHeader(make('a.png', '161x91'))).toEqual({ format: 'PNG', width: 161, height: 91 });
    expect(readPictureHeader(make('a.jpg', '162x92'))).toEqual({ format: 'JPEG', width: 162, height: 92 });
    expect(readPictureHeader(make('a.webp', '164x94'))).toEqual({ format: 'WebP', width: 164, height: 94 });
    expect(readPictureHeader(make('b.webp', '165x95', ['-lossless', '1']))).toEqual({ format: 'WebP', width: 165, height: 95 });
    expect(readPictureHeader(new TextEncoder().encode('not a picture at all, just text'))).toBeUndefined();
  });

  it('names an unreadable file and a frame of another size', () => {
    const small = make('s.png', '160x90');
    const big = make('b.png', '320x180');
    const file = (name: string, head: Uint8Array) => ({ name, head, bytes: head.length });
    expect(sequenceFilesProblem([file('f_1.png', small), file('f_2.png', small)])).toBeUndefined();
    expect(sequenceFilesProblem([file('d/f_1.png', small), file('d/f_2.png', big)])).toBe(
      'f_2.png is 320×180, but f_1.png is 160×90: every frame of a sequence must have the same size',
    );
    expect(sequenceFilesProblem([file('f_1.png', small), file('f_2.png', new TextEncoder().encode('hello'))])).toBe(
      'f_2.png is not a PNG, JPEG or WebP picture',
    );
    expect(sequenceFilesProblem([file('f_1.png', new Uint8Array())])).toBe('f_1.png is empty (0 bytes)');
  });
});

describe('sequence timing', () => {
  it('spreads frames at the rate with microsecond timestamps and no drift', () => {
    const info = sequenceClipInfo(3000, exactFps(23.976), 16, 16);
    expect(info.fps).toBe(24000 / 1001);
    expect(info.durationUs).toBe(Math.round((3000 * 1001e6) / 24000));
    expect(info.frameDurationsUs.reduce((a, b) => a + b, 0)).toBe(info.durationUs);
    expect(exactFps(25)).toBe(25);
    expect(exactFps(29.97)).toBe(30000 / 1001);
  });
});
