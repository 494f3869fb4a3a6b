// Joins a decoded colour frame and its decoded alpha frame (the luma of a second stream, as
// transparent VP9/VP8 WebM stores it) into one frame with alpha: I420A when the colour is 8-bit
// 4:2:0 (plane copies only), else RGBA converted by the browser. Neither input is closed here.

import { adoptFrame } from './open-frames.ts';

export async function mergeAlpha(colour: VideoFrame, alpha: VideoFrame): Promise<VideoFrame> {
  const sameSize = alpha.codedWidth === colour.codedWidth && alpha.codedHeight === colour.codedHeight;
  return colour.format === 'I420' && sameSize ? mergeI420A(colour, alpha) : mergeRgba(colour, alpha);
}

/** The Y plane of `frame` (over `rect`, or all of it) as rows of `width` bytes. */
async function lumaOf(frame: VideoFrame, rect?: DOMRectInit): Promise<{ data: Uint8Array; offset: number; stride: number }> {
  const options = rect ? { rect } : {};
  const data = new Uint8Array(frame.allocationSize(options));
  const layout = await frame.copyTo(data, options);
  return { data, offset: layout[0].offset, stride: layout[0].stride };
}

async function mergeI420A(colour: VideoFrame, alpha: VideoFrame): Promise<VideoFrame> {
  const w = colour.codedWidth;
  const h = colour.codedHeight;
  const cw = (w + 1) >> 1;
  const ch = (h + 1) >> 1;
  const ySize = w * h;
  const cSize = cw * ch;
  const buf = new Uint8Array(2 * ySize + 2 * cSize);
  await colour.copyTo(buf, { layout: [{ offset: 0, stride: w }, { offset: ySize, stride: cw }, { offset: ySize + cSize, stride: cw }] });
  const a = await lumaOf(alpha);
  const aOffset = ySize + 2 * cSize;
  for (let y = 0; y < h; y++) buf.set(a.data.subarray(a.offset + y * a.stride, a.offset + y * a.stride + w), aOffset + y * w);
  return adoptFrame(new VideoFrame(buf, {
    format: 'I420A',
    codedWidth: w,
    codedHeight: h,
    visibleRect: colour.visibleRect ?? undefined,
    displayWidth: colour.displayWidth,
    displayHeight: colour.displayHeight,
    timestamp: colour.timestamp,
    duration: colour.duration ?? undefined,
    colorSpace: colour.colorSpace.toJSON(),
  }));
}

async function mergeRgba(colour: VideoFrame, alpha: VideoFrame): Promise<VideoFrame> {
  const r = colour.visibleRect ?? { x: 0, y: 0, width: colour.codedWidth, height: colour.codedHeight };
  const rect = { x: r.x, y: r.y, width: r.width, height: r.height };
  const rgba = new Uint8Array(rect.width * rect.height * 4);
  await colour.copyTo(rgba, { rect, format: 'RGBA', colorSpace: 'srgb' });
  const a = await lumaOf(alpha, rect);
  for (let y = 0; y < rect.height; y++) {
    for (let x = 0; x < rect.width; x++) rgba[(y * rect.width + x) * 4 + 3] = a.data[a.offset + y * a.stride + x];
  }
  return adoptFrame(new VideoFrame(rgba, {
    format: 'RGBA',
    codedWidth: rect.width,
    codedHeight: rect.height,
    timestamp: colour.timestamp,
    duration: colour.duration ?? undefined,
  }));
}
