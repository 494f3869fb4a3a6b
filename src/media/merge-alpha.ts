// Joins a decoded colour frame and its decoded alpha frame (the luma of a second stream, as
// transparent VP9/VP8 WebM stores it) into one RGBA frame with straight colour, as the file
// stores it. Neither input is closed here.
//
// Why RGBA and not I420A: Chromium converts an I420A frame to RGBA (copyTo, drawImage) through
// premultiplied alpha, so colour under alpha 0 comes back black and colour under low alpha is
// quantised to steps of 255/alpha (a VP9-alpha clip transcoded to MP4 lost ~13 dB). The colour
// frame alone (no alpha) converts exactly, as frameToImage converts any frame, and an RGBA frame
// copies out unchanged.

import type { YuvEncoding } from './color-matrix.ts';
import { frameToRgba } from './frame-to-image.ts';
import { adoptFrame } from './open-frames.ts';

/** `ffmpegEncoding`: the clip's VideoClip.ffmpegEncoding, so colour converts as for opaque clips. */
export async function mergeAlpha(colour: VideoFrame, alpha: VideoFrame, ffmpegEncoding?: YuvEncoding): Promise<VideoFrame> {
  const r = colour.visibleRect ?? { x: 0, y: 0, width: colour.codedWidth, height: colour.codedHeight };
  const rect = { x: r.x, y: r.y, width: r.width, height: r.height };
  if (alpha.codedWidth < rect.x + rect.width || alpha.codedHeight < rect.y + rect.height) {
    throw new Error(`the alpha stream's picture (${alpha.codedWidth}x${alpha.codedHeight}) is smaller than the colour's (${rect.width}x${rect.height})`);
  }
  const rgba = (await frameToRgba(colour, 'auto', ffmpegEncoding)).data;
  const a = await alphaPlane(alpha, rect);
  for (let y = 0; y < rect.height; y++) {
    const row = a.offset + y * a.stride;
    for (let x = 0; x < rect.width; x++) rgba[(y * rect.width + x) * 4 + 3] = a.at(row, x);
  }
  return adoptFrame(new VideoFrame(rgba, {
    format: 'RGBA',
    codedWidth: rect.width,
    codedHeight: rect.height,
    displayWidth: colour.displayWidth,
    displayHeight: colour.displayHeight,
    timestamp: colour.timestamp,
    duration: colour.duration ?? undefined,
  }));
}

/**
 * The alpha frame's Y plane over `rect`: the alpha values as stored (full range 0..255, as
 * libvpx and Chromium read the alpha stream, whatever range the colour uses).
 */
async function alphaPlane(frame: VideoFrame, rect: DOMRectInit) {
  const data = new Uint8Array(frame.allocationSize({ rect }));
  const layout = await frame.copyTo(data, { rect });
  // A 10/12-bit alpha stream (I420P10 ...) stores little-endian 16-bit samples: scale to 8 bits.
  const deep = /P1[02]$/.exec(frame.format ?? '');
  const shift = deep ? Number(deep[0].slice(1)) - 8 : 0;
  const at = deep
    ? (row: number, x: number) => Math.min(255, Math.round((data[row + 2 * x] | (data[row + 2 * x + 1] << 8)) / (1 << shift)))
    : (row: number, x: number) => data[row + x];
  return { offset: layout[0].offset, stride: layout[0].stride, at };
}
