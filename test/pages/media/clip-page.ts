// Test page: opens clips with VideoClip and exposes decode checks to Playwright as `window.clipPage`.
// Pixel comparisons run here (references are fetched from routed URLs), so only numbers cross over.

import { VideoClip } from '../../../src/media/video-clip.ts';
import { frameToImage } from '../../../src/media/frame-to-image.ts';
import { liveImageCount } from '../../../src/gpu/image.ts';
import { openVideoFrameCount } from '../../../src/media/open-frames.ts';
import { psnr, digest } from './pixels.ts';

let clip: VideoClip | undefined;
const openFrames = new Set<VideoFrame>();

async function frameAt(index: number): Promise<VideoFrame> {
  const frame = await clip!.frameAt(index);
  openFrames.add(frame);
  return frame;
}
function release(frame: VideoFrame) {
  frame.close();
  openFrames.delete(frame);
}

const api = {
  async open(url: string) {
    clip?.close();
    clip = undefined;
    const blob = await (await fetch(url)).blob();
    clip = await VideoClip.open(blob);
    return { info: clip.info, codec: clip.codec, colorSpace: clip.colorSpace, rotation: clip.rotation, container: clip.container, ffmpegEncoding: clip.ffmpegEncoding };
  },
  /** The message VideoClip.open gives for `url`, or 'opened'. */
  async openError(url: string): Promise<string> {
    const blob = await (await fetch(url)).blob();
    try {
      const c = await VideoClip.open(blob);
      c.close();
      return 'opened';
    } catch (e) {
      return (e as Error).message;
    }
  },
  /** Decodes frames in `order` and returns, per frame, an error message or a digest of its pixels. */
  async decodeErrors(url: string, order: number[]): Promise<string[]> {
    const blob = await (await fetch(url)).blob();
    const c = await VideoClip.open(blob);
    const out: string[] = [];
    for (const i of order) {
      try {
        const f = await c.frameAt(i);
        f.close();
        out.push('ok');
      } catch (e) {
        out.push((e as Error).message);
      }
    }
    c.close();
    return out;
  },
  /** PSNR of frame `index` against raw RGBA at `refUrl`; `path` picks our kernel or the browser's. */
  async compare(index: number, refUrl: string, via: 'auto' | 'browser' | 'kernel' = 'browser') {
    const frame = await frameAt(index);
    const t0 = performance.now();
    const img = await frameToImage(frame, { via, rotation: clip!.rotation, ffmpegEncoding: clip!.ffmpegEncoding });
    const ms = performance.now() - t0;
    const format = frame.format;
    const colorSpace = frame.colorSpace.toJSON();
    const timestamp = frame.timestamp;
    release(frame);
    const ref = new Uint8Array(await (await fetch(refUrl)).arrayBuffer());
    const pixels = await img.pixels();
    const result = { psnr: psnr(pixels, ref), ms, format, colorSpace, timestamp, width: img.width, height: img.height };
    img.dispose();
    return result;
  },
  /** RGBA of frame `index` (base64), converted by the browser or our kernel; with `hasAlpha`. */
  async rgba(index: number, via: 'browser' | 'kernel' = 'browser') {
    const frame = await frameAt(index);
    const format = frame.format;
    const img = await frameToImage(frame, { via, rotation: clip!.rotation });
    release(frame);
    const px = new Uint8Array((await img.pixels()).buffer.slice(0));
    img.dispose();
    let s = '';
    for (let i = 0; i < px.length; i += 0x8000) s += String.fromCharCode(...px.subarray(i, i + 0x8000));
    return { base64: btoa(s), width: img.width, height: img.height, format, hasAlpha: clip!.hasAlpha };
  },
  /** Digests of frames decoded in the given order (for random access == sequential). */
  async digests(order: number[]): Promise<string[]> {
    const out: string[] = [];
    for (const i of order) {
      const frame = await frameAt(i);
      const img = await frameToImage(frame, { rotation: clip!.rotation });
      release(frame);
      out.push(await digest(await img.pixels()));
      img.dispose();
    }
    return out;
  },
  close() {
    clip?.close();
    clip = undefined;
  },
  leaks: () => ({ frames: openFrames.size, images: liveImageCount() }),
  /** VideoFrames open anywhere in src/media (decoders' look-ahead included). */
  openVideoFrames: () => openVideoFrameCount(),
};

declare global {
  interface Window {
    clipPage: typeof api;
  }
}
window.clipPage = api;
