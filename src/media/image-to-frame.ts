// Turns an Image into a VideoFrame the H.264 encoder takes: I420 in a known matrix and range,
// tagged with it (so the file says how to decode its colours). A matte becomes a grey picture.

import type { GpuContext } from '../gpu/context.ts';
import type { Image } from '../gpu/image.ts';
import { colorSpaceTags, type YuvEncoding } from './color-matrix.ts';
import { rgbaToI420 } from './rgba-to-i420.ts';

export interface FrameTiming {
  timestamp: number;
  duration: number;
}

export async function imageToVideoFrame(image: Image, timing: FrameTiming, enc: YuvEncoding, gpu?: GpuContext): Promise<VideoFrame> {
  const rgba = await image.pixels(gpu);
  const i420 = rgbaToI420(rgba, image.width, image.height, enc, image.kind === 'matte');
  return new VideoFrame(i420.data, {
    format: 'I420',
    codedWidth: i420.width,
    codedHeight: i420.height,
    timestamp: timing.timestamp,
    duration: timing.duration,
    colorSpace: colorSpaceTags(enc),
  });
}
