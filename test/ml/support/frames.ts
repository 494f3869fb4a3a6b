// Real video frames for the RVM tests, decoded by ffmpeg to raw RGBA at a small size.

import { execFileSync } from 'node:child_process';
import { sharedMedia } from '../../support/shared-paths.ts';

export const talkingClip = sharedMedia('person_video/three_people_talking_1080p24_4s.mp4');

/** `count` consecutive frames from the start of `file`, scaled to width x height, RGBA8. */
export function decodeFrames(file: string, width: number, height: number, count: number): Buffer[] {
  const raw = execFileSync(
    'ffmpeg',
    ['-v', 'error', '-i', file, '-vf', `scale=${width}:${height}:flags=area`, '-frames:v', String(count),
      '-f', 'rawvideo', '-pix_fmt', 'rgba', 'pipe:1'],
    { maxBuffer: 1 << 28 },
  );
  const size = width * height * 4;
  if (raw.length !== size * count) throw new Error(`ffmpeg gave ${raw.length} bytes, expected ${size * count}`);
  return Array.from({ length: count }, (_, i) => raw.subarray(i * size, (i + 1) * size));
}
