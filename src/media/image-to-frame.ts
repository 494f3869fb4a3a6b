// Turns pictures into VideoFrames the encoders take: I420 in a known matrix and range, tagged
// with it (so the file says how to decode its colours). A matte becomes a grey picture. Odd
// sizes are padded to even in memory; `exact` keeps the odd size visible (VP9/AV1/VP8 store it),
// otherwise the padded even size is encoded (H.264 4:2:0 cannot store odd sizes).

import { colorSpaceTags, type YuvEncoding } from './color-matrix.ts';
import { adoptFrame } from './open-frames.ts';
import { rgbaToI420 } from './rgba-to-i420.ts';

export interface FrameTiming {
  timestamp: number;
  duration: number;
}

export interface FrameShape {
  width: number;
  height: number;
  /** Keep an odd width/height as the visible size instead of encoding the padded picture. */
  exact: boolean;
}

/** An I420 frame of RGBA `rgba` (colour converted with `enc`; `grey` for mattes). */
export function rgbaToVideoFrame(rgba: ArrayLike<number>, shape: FrameShape, timing: FrameTiming, enc: YuvEncoding, grey: boolean): VideoFrame {
  const i420 = rgbaToI420(rgba, shape.width, shape.height, enc, grey);
  return i420Frame(i420.data, shape, timing, colorSpaceTags(enc));
}

/** A VideoFrame over padded I420 planes (`data` is even-sized); counted in open-frames. */
export function i420Frame(data: Uint8Array, shape: FrameShape, timing: FrameTiming, colorSpace?: VideoColorSpaceInit): VideoFrame {
  const codedWidth = shape.width + (shape.width & 1);
  const codedHeight = shape.height + (shape.height & 1);
  const visible = shape.exact ? { width: shape.width, height: shape.height } : { width: codedWidth, height: codedHeight };
  return adoptFrame(new VideoFrame(data, {
    format: 'I420',
    codedWidth,
    codedHeight,
    visibleRect: { x: 0, y: 0, ...visible },
    displayWidth: visible.width,
    displayHeight: visible.height,
    timestamp: timing.timestamp,
    duration: timing.duration,
    colorSpace,
  }));
}
