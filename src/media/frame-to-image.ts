// Converts a decoded VideoFrame into an Image (CPU RGBA8) with the colours its tags mean.
// Fastest path first: the browser's own conversion (`copyTo` with format RGBA), which honours
// the frame's matrix and range (checked against ffmpeg in test/media). Where a browser cannot
// convert, our kernel converts the Y'CbCr planes (yuv-to-rgba.ts). The picture is then turned
// upright if the track says so. The caller keeps (and closes) the frame.

import { Image, type ImageKind } from '../gpu/image.ts';
import { yuvEncodingOf, type YuvEncoding } from './color-matrix.ts';
import { yuvToRgba, type YuvPlanes } from './yuv-to-rgba.ts';
import { rotateRgba, type Rotation } from './rotate-rgba.ts';

export type FrameConversion = 'browser' | 'kernel';

/** Frames converted by each path so far (tests and benchmarks read this). */
export const frameConversionCounts: Record<FrameConversion, number> = { browser: 0, kernel: 0 };

const SUBSAMPLING: Record<string, [0 | 1, 0 | 1]> = {
  I420: [1, 1], I420A: [1, 1], NV12: [1, 1], I422: [1, 0], I422A: [1, 0], I444: [0, 0], I444A: [0, 0],
};

let browserCannotConvert = false;

export interface FrameToImageOptions {
  kind?: ImageKind;
  /** Force a conversion path (tests compare both); `auto` takes the fastest that works. */
  via?: 'auto' | FrameConversion;
  /** Clockwise turn to apply (the track's display rotation). */
  rotation?: Rotation;
  /**
   * How to read the frame when its stream names no matrix (see VideoClip.untaggedEncoding): the
   * decoder's own guess is then replaced, through our kernel, when it differs.
   */
  untagged?: YuvEncoding;
}

export async function frameToImage(frame: VideoFrame, options: FrameToImageOptions = {}): Promise<Image> {
  const { kind = 'image', via = 'auto', rotation = 0, untagged } = options;
  const pixels = await frameToRgba(frame, via, untagged);
  const turned = rotateRgba(pixels.data, pixels.width, pixels.height, rotation);
  return Image.fromPixels(turned.width, turned.height, kind, turned.data);
}

async function frameToRgba(frame: VideoFrame, via: 'auto' | FrameConversion, untagged?: YuvEncoding) {
  const r = frame.visibleRect ?? { x: 0, y: 0, width: frame.codedWidth, height: frame.codedHeight };
  const rect = { x: r.x, y: r.y, width: r.width, height: r.height };
  const out = new Uint8ClampedArray(rect.width * rect.height * 4);
  const kernelCan = frame.format !== null && frame.format in SUBSAMPLING;
  const guessed = yuvEncodingOf(frame.colorSpace);
  const encoding = untagged && kernelCan ? untagged : guessed;
  const override = encoding.matrix !== guessed.matrix || encoding.fullRange !== guessed.fullRange;
  const useKernel = via === 'kernel' || (via === 'auto' && kernelCan && (browserCannotConvert || override));
  if (!useKernel) {
    try {
      await frame.copyTo(out, { rect, format: 'RGBA', colorSpace: 'srgb' });
      if (frame.format === 'RGBX' || frame.format === 'BGRX') for (let i = 3; i < out.length; i += 4) out[i] = 255;
      frameConversionCounts.browser++;
      return { data: out, width: rect.width, height: rect.height };
    } catch (e) {
      // Older browsers copy only in the frame's own format.
      if (via === 'browser' || !kernelCan) throw e;
      browserCannotConvert = true;
    }
  }
  await convertPlanes(frame, rect, out, encoding);
  frameConversionCounts.kernel++;
  return { data: out, width: rect.width, height: rect.height };
}

async function convertPlanes(frame: VideoFrame, rect: DOMRectInit & { width: number; height: number }, out: Uint8ClampedArray, encoding: YuvEncoding) {
  const format = frame.format!;
  const sub = SUBSAMPLING[format];
  if (!sub) throw new Error(`cannot convert ${format} video frames`);
  const buf = new Uint8Array(frame.allocationSize({ rect }));
  const layout = await frame.copyTo(buf, { rect });
  const nv12 = format === 'NV12';
  const planes: YuvPlanes = {
    width: rect.width,
    height: rect.height,
    chromaShiftX: sub[0],
    chromaShiftY: sub[1],
    y: buf.subarray(layout[0].offset),
    yStride: layout[0].stride,
    u: buf.subarray(layout[1].offset),
    v: buf.subarray(nv12 ? layout[1].offset + 1 : layout[2].offset),
    uvStride: layout[1].stride,
    uvStep: nv12 ? 2 : 1,
  };
  yuvToRgba(planes, encoding, out);
  // I420A/I422A/I444A: the fourth plane is alpha, full size.
  if (format.endsWith('A') && layout[3]) {
    const { offset, stride } = layout[3];
    for (let y = 0; y < rect.height; y++) {
      for (let x = 0; x < rect.width; x++) out[(y * rect.width + x) * 4 + 3] = buf[offset + y * stride + x];
    }
  }
}
