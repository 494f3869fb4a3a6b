// Test page: decodes a transparent WebM back in Chromium two ways a user's software would —
// WebCodecs through mediabunny (colour and alpha streams merged) and a <video> element drawn to
// a canvas — and reports each frame's RGBA (base64) for the test to compare.

import { ALL_FORMATS, BlobSource, Input, VideoSampleSink } from 'mediabunny';

function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

const api = {
  /** RGBA of the first `count` frames, decoded with WebCodecs (mediabunny merges the alpha stream). */
  async webCodecsFrames(url: string, count: number) {
    const input = new Input({ source: new BlobSource(await (await fetch(url)).blob()), formats: ALL_FORMATS });
    const track = (await input.getPrimaryVideoTrack())!;
    const transparent = await track.canBeTransparent();
    const frames: { timestamp: number; format: string | null; rgba: string }[] = [];
    for await (const sample of new VideoSampleSink(track).samples()) {
      const frame = sample.toVideoFrame();
      const rgba = new Uint8Array(frame.displayWidth * frame.displayHeight * 4);
      await frame.copyTo(rgba, { format: 'RGBA' });
      frames.push({ timestamp: sample.timestamp, format: frame.format, rgba: base64(rgba) });
      frame.close();
      sample.close();
      if (frames.length >= count) break;
    }
    input.dispose();
    return { transparent, width: track.displayWidth, height: track.displayHeight, frames };
  },
  /** RGBA of frame 0 as a <video> element shows it (drawn to a canvas without premultiplying). */
  async videoElementFrame(url: string) {
    const video = document.createElement('video');
    video.muted = true;
    video.src = url;
    await new Promise<void>((resolve, reject) => {
      video.onloadeddata = () => resolve();
      video.onerror = () => reject(new Error(`the <video> element cannot play ${url}: ${video.error?.message}`));
    });
    const canvas = new OffscreenCanvas(video.videoWidth, video.videoHeight);
    const ctx = canvas.getContext('2d', { colorSpace: 'srgb' })!;
    ctx.drawImage(video, 0, 0);
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    return { width: canvas.width, height: canvas.height, rgba: base64(new Uint8Array(data.buffer)) };
  },
};

declare global {
  interface Window {
    alphaPage: typeof api;
  }
}
window.alphaPage = api;
