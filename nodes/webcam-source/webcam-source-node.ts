// The WebcamSource instance: opens the camera when first asked (again when its params change),
// turns its newest frame into an Image, and stops the camera on dispose. Its clip is live: a
// nominal ten minutes at the camera's rate, frame i at i / rate seconds.

import type { ClipInfo, EvalContext, NodeInstance, Params } from '../../src/graph/types.ts';
import { Image } from '../../src/gpu/image.ts';
import { CameraCapture, type CameraRequest } from '../../src/media/camera-capture.ts';
import { frameToImage } from '../../src/media/frame-to-image.ts';
import type { NodeServices } from '../services.ts';

/** Length of the live clip the graph sees (what an export can record at most). */
const LIVE_SECONDS = 600;

export class WebcamSourceNode implements NodeInstance<NodeServices> {
  private open?: { key: string; camera: Promise<CameraCapture>; info?: ClipInfo };

  async clipInfo(params: Params): Promise<ClipInfo> {
    const entry = this.cameraFor(params);
    const camera = await entry.camera;
    entry.info ??= liveClip(camera.info.fps, camera.info.width, camera.info.height);
    return entry.info;
  }

  async evaluate(ctx: EvalContext<NodeServices>): Promise<Record<string, unknown>> {
    const camera = await this.cameraFor(ctx.params).camera;
    const frame = await camera.next(ctx.signal);
    try {
      const image = await frameToImage(frame);
      ctx.report({
        state: 'ready',
        facts: { camera: camera.info.label, size: `${image.width}×${image.height}`, fps: String(Math.round(camera.info.fps)) },
      });
      return { image: ctx.params.mirror ? await mirrored(image) : image };
    } finally {
      frame.close();
    }
  }

  reset(): void {
    // Live: nothing to forget.
  }

  dispose(): void {
    this.close();
  }

  private cameraFor(params: Params): NonNullable<WebcamSourceNode['open']> {
    const req: CameraRequest = {
      device: String(params.device ?? ''),
      width: Number(params.width ?? 640),
      height: Number(params.height ?? 480),
      fps: Number(params.fps ?? 30),
    };
    const key = JSON.stringify(req);
    if (this.open?.key === key) return this.open;
    this.close();
    const entry: NonNullable<WebcamSourceNode['open']> = { key, camera: CameraCapture.open(req) };
    this.open = entry;
    // A failed open is not kept: the next evaluation tries again (the user may allow the camera).
    entry.camera.catch(() => {
      if (this.open === entry) this.open = undefined;
    });
    return entry;
  }

  private close() {
    const entry = this.open;
    this.open = undefined;
    entry?.camera.then((c) => c.stop(), () => undefined);
  }
}

function liveClip(fps: number, width: number, height: number): ClipInfo {
  const rate = fps > 0 ? fps : 30;
  const frameCount = Math.round(LIVE_SECONDS * rate);
  const frameTimestampsUs = Array.from({ length: frameCount }, (_, i) => Math.round((i * 1e6) / rate));
  const frameDurationsUs = frameTimestampsUs.map((t, i) => (i + 1 < frameCount ? frameTimestampsUs[i + 1] : Math.round((frameCount * 1e6) / rate)) - t);
  return { frameCount, fps: rate, durationUs: Math.round((frameCount * 1e6) / rate), width, height, frameTimestampsUs, frameDurationsUs };
}

/** Left-right flipped copy (frameToImage's images live on the CPU); the original is released. */
export async function mirrored(src: Image): Promise<Image> {
  const { width: w, height: h } = src;
  try {
    const px = await src.pixels();
    const from = new Uint32Array(px.buffer, px.byteOffset, w * h);
    const out = new Uint32Array(w * h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[y * w + x] = from[y * w + (w - 1 - x)];
    return Image.fromPixels(w, h, 'image', new Uint8ClampedArray(out.buffer));
  } finally {
    src.dispose();
  }
}
