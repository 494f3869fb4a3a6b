// The VideoSource instance: keeps one VideoClip open per file name (reused while the `file`
// param stays the same) and turns the requested frame into an Image. A still picture (PNG,
// JPEG, WebP) opens as a one-frame StillPicture instead.

import type { ClipInfo, EvalContext, NodeInstance, Params } from '../../src/graph/types.ts';
import { VideoClip } from '../../src/media/video-clip.ts';
import { frameToImage } from '../../src/media/frame-to-image.ts';
import { codecName } from '../../src/media/media-error.ts';
import type { NodeServices } from '../services.ts';
import { sniffStill, StillPicture } from './still-picture.ts';

export class VideoSourceNode implements NodeInstance<NodeServices> {
  private open?: { file: string; clip: Promise<VideoClip | StillPicture> };

  async clipInfo(params: Params, services: NodeServices, signal: AbortSignal): Promise<ClipInfo> {
    return (await this.clipFor(String(params.file ?? ''), services, signal)).info;
  }

  async evaluate(ctx: EvalContext<NodeServices>): Promise<Record<string, unknown>> {
    const clip = await this.clipFor(String(ctx.params.file ?? ''), ctx.services, ctx.signal);
    if (clip instanceof StillPicture) {
      const image = clip.imageAt(ctx.frame);
      ctx.report({ state: 'ready', facts: clip.facts() });
      return { image };
    }
    const frame = await clip.frameAt(ctx.frame, ctx.signal);
    try {
      const image = await frameToImage(frame, { rotation: clip.rotation });
      ctx.report({ state: 'ready', facts: facts(clip) });
      return { image };
    } finally {
      frame.close();
    }
  }

  reset(): void {
    // Nothing temporal to forget: the clip restarts its decoder by itself on a jump.
  }

  dispose(): void {
    this.closeClip();
  }

  private clipFor(file: string, services: NodeServices, signal: AbortSignal): Promise<VideoClip | StillPicture> {
    if (this.open?.file === file) return this.open.clip;
    this.closeClip();
    const clip = (async () => {
      if (!file) throw new Error('no video file chosen');
      const blob = await services.openMedia(file, signal);
      try {
        const still = await sniffStill(blob);
        if (still) return await StillPicture.open(blob, file, still);
        return await VideoClip.open(blob, signal);
      } catch (e) {
        if (signal.aborted) throw e;
        throw new Error(`cannot open "${file}": ${(e as Error).message}`, { cause: e });
      }
    })();
    const entry = { file, clip };
    this.open = entry;
    // A failed or cancelled open is not kept: the next call tries again.
    clip.catch(() => {
      if (this.open === entry) this.open = undefined;
    });
    return clip;
  }

  private closeClip() {
    const open = this.open;
    this.open = undefined;
    open?.clip.then((c) => c.close(), () => undefined);
  }
}

function facts(clip: VideoClip): Record<string, string> {
  const { info } = clip;
  return {
    size: `${info.width}×${info.height}`,
    fps: String(Math.round(info.fps * 100) / 100),
    frames: String(info.frameCount),
    codec: codecName(clip.codec),
  };
}
