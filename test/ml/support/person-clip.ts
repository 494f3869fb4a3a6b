// A small real clip for the graph-level RVM tests: 60 frames (10 fps) of one person walking into
// view, from 15 s into the shared Intel sample, scaled to 192x108 and encoded with ffmpeg into a
// temporary folder (never into the repo).

import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedMedia } from '../../support/shared-paths.ts';

export const PERSON_CLIP = { width: 192, height: 108, frames: 60 };

/** Writes the clip (H.264, keyframe every 30 frames) and returns its path. */
export function makePersonClip(): string {
  const out = join(mkdtempSync(join(tmpdir(), 'mattegraph-rvm-clip-')), 'person-192x108.mp4');
  const { width, height, frames } = PERSON_CLIP;
  execFileSync('ffmpeg', [
    '-v', 'error', '-ss', '15', '-i', sharedMedia('person_video/intel_one-by-one-person-detection.mp4'),
    '-frames:v', String(frames), '-vf', `scale=${width}:${height}:flags=area`, '-an',
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '12', '-g', '30', '-pix_fmt', 'yuv420p', out,
  ]);
  return out;
}
