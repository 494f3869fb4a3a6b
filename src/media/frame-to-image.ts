// Converts a decoded VideoFrame into an Image (CPU RGBA8) with the colours its tags mean.
// Fastest path first: the browser's own conversion (`copyTo` with format RGBA), which honours
// the frame's matrix and range (checked against ffmpeg in test/media) and repeats each chroma
// sample, as ffmpeg does for 8-bit 4:2:0/4:2:2 pictures of even height. Our kernel converts the
// Y'CbCr planes (yuv-to-rgba.ts) where the browser cannot, where the coded stream's colour
// overrides the frame's tags, and where ffmpeg interpolates the chroma instead (odd heights,
// deeper samples). The picture is then turned upright if the track says so. The caller keeps
// (and closes) the frame.

import { Image, type ImageKind } from '../gpu/image.ts';
import { yuvEncodingOf, type YuvEncoding } from './color-matrix.ts';
import { ffmpegInterpolatesChroma, yuvToRgba, type YuvPlanes } from './yuv-to-rgba.ts';
import { rotateRgba, type Rotation } from './rotate-rgba.ts';

export type FrameConversion = 'browser' | 'kernel';

/** Frames converted by each path so far (tests and benchmarks read this). */
export const frameConversionCounts: Record<FrameConversion, number> = { browser: 0, kernel: 0 };

/** Planar formats our kernel converts: chroma subsampling (x, y) and bits per sample. */
const PLANAR: Record<string, [0 | 1, 0 | 1, 8 | 10 | 12]> = {
  I420: [1, 1, 8], I420A: [1, 1, 8], NV12: [1, 1, 8], I422: [1, 0, 8], I422A: [1, 0, 8], I444: [0, 0, 8], I444A: [0, 0, 8],
  I420P10: [1, 1, 10], I420AP10: [1, 1, 10], I422P10: [1, 0, 10], I422AP10: [1, 0, 10], I444P10: [0, 0, 10], I444AP10: [0, 0, 10],
  I420P12: [1, 1, 12], I422P12: [1, 0, 12], I444P12: [0, 0, 12],
};

let browserCannotConvert = false;

export interface FrameToImageOptions {
  kind?: ImageKind;
  /** Force a conversion path (tests compare both); `auto` takes the fastest that works. */
  via?: 'auto' | FrameConversion;
  /** Clockwise turn to apply (the track's display rotation). */
  rotation?: Rotation;
  /**
   * How ffmpeg reads the frame, where its coded stream decides that (VideoClip.ffmpegEncoding):
   * when the decoder's tags (a guess, or the container's) say otherwise, our kernel converts.
   */
  ffmpegEncoding?: YuvEncoding;
}

export async function frameToImage(frame: VideoFrame, options: FrameToImageOptions = {}): Promise<Image> {
  const { kind = 'image', via = 'auto', rotation = 0, ffmpegEncoding } = options;
  const pixels = await frameToRgba(frame, via, ffmpegEncoding);
  const turned = rotateRgba(pixels.data, pixels.width, pixels.height, rotation);
  return Image.fromPixels(turned.width, turned.height, kind, turned.data);
}

/** The frame's visible pixels as RGBA8 (not turned), converted as frameToImage does. */
export async function frameToRgba(frame: VideoFrame, via: 'auto' | FrameConversion = 'auto', ffmpegEncoding?: YuvEncoding) {
  const r = frame.visibleRect ?? { x: 0, y: 0, width: frame.codedWidth, height: frame.codedHeight };
  const rect = { x: r.x, y: r.y, width: r.width, height: r.height };
  const out = new Uint8ClampedArray(rect.width * rect.height * 4);
  const planar = frame.format !== null ? PLANAR[frame.format] : undefined;
  const kernelCan = planar !== undefined;
  const guessed = yuvEncodingOf(frame.colorSpace);
  const encoding = ffmpegEncoding && kernelCan ? ffmpegEncoding : guessed;
  const override = encoding.matrix !== guessed.matrix || encoding.fullRange !== guessed.fullRange;
  const interpolated = planar !== undefined && ffmpegInterpolatesChroma(rect.height, ...planar);
  const useKernel = via === 'kernel' || (via === 'auto' && kernelCan && (browserCannotConvert || override || interpolated));
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
  const planar = PLANAR[format];
  if (!planar) throw new Error(`cannot convert ${format} video frames`);
  const [shiftX, shiftY, bitDepth] = planar;
  const buf = new ArrayBuffer(frame.allocationSize({ rect }));
  const layout = await frame.copyTo(buf, { rect });
  // Deeper samples are 16-bit little-endian words; offsets and strides are given in bytes.
  const bytes = bitDepth === 8 ? 1 : 2;
  const plane = (i: number) => (bytes === 1 ? new Uint8Array(buf, layout[i].offset) : new Uint16Array(buf, layout[i].offset));
  const nv12 = format === 'NV12';
  const planes: YuvPlanes = {
    width: rect.width,
    height: rect.height,
    chromaShiftX: shiftX,
    chromaShiftY: shiftY,
    bitDepth,
    y: plane(0),
    yStride: layout[0].stride / bytes,
    u: plane(1),
    v: nv12 ? new Uint8Array(buf, layout[1].offset + 1) : plane(2),
    uvStride: layout[1].stride / bytes,
    uvStep: nv12 ? 2 : 1,
  };
  yuvToRgba(planes, encoding, out);
  // I420A/I422A/I444A (and their 10-bit forms): the fourth plane is alpha, full size.
  if (format.includes('A') && layout[3]) {
    const alpha = plane(3);
    const stride = layout[3].stride / bytes;
    const shift = bitDepth - 8;
    for (let y = 0; y < rect.height; y++) {
      for (let x = 0; x < rect.width; x++) out[(y * rect.width + x) * 4 + 3] = alpha[y * stride + x] >> shift;
    }
  }
}
