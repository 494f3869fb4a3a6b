// Real BGMv2 test pairs (shared media, never copied), decoded by ffmpeg to raw RGBA8 at a small
// size, and synthetic pictures for exact checks.

import { execFileSync } from 'node:child_process';
import { sharedMedia } from '../../support/shared-paths.ts';

export interface Rgba {
  width: number;
  height: number;
  rgba: Uint8Array;
}

export const intelPlate = sharedMedia('bgmv2_pairs/intel_one_by_one_fixed_camera/background_plate_frame0000.png');
export const intelPerson = sharedMedia('bgmv2_pairs/intel_one_by_one_fixed_camera/person_frame0150.png');
export const bgmV1Plate = sharedMedia('bgmv2_pairs/background_matting_v1_sample_data/back.png');
export const bgmV1Person = sharedMedia('bgmv2_pairs/background_matting_v1_sample_data/0001_img.png');

/** A picture file scaled to width x height (area filter), RGBA8. */
export function decodePicture(path: string, width: number, height: number): Rgba {
  const rgba = execFileSync(
    'ffmpeg',
    ['-v', 'error', '-i', path, '-vf', `scale=${width}:${height}:flags=area`, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgba', 'pipe:1'],
    { maxBuffer: 1 << 28 },
  );
  if (rgba.length !== width * height * 4) throw new Error(`ffmpeg gave ${rgba.length} bytes for ${width}x${height}`);
  return { width, height, rgba: new Uint8Array(rgba) };
}

/** Opaque picture from a function of (x, y) → [r, g, b]. */
export function synthetic(width: number, height: number, colour: (x: number, y: number) => [number, number, number]): Rgba {
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) rgba.set([...colour(x, y), 255], (y * width + x) * 4);
  }
  return { width, height, rgba };
}

/** Pads right and bottom by repeating the last column and row (what the node must do). */
export function padReplicate(p: Rgba, width: number, height: number): Rgba {
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const s = (Math.min(y, p.height - 1) * p.width + Math.min(x, p.width - 1)) * 4;
      rgba.set(p.rgba.subarray(s, s + 4), (y * width + x) * 4);
    }
  }
  return { width, height, rgba };
}
