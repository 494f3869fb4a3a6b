// The VideoSource instance: keeps one VideoClip open per file name (reused while the `file`
// param stays the same) and turns the requested frame into an Image. A still picture (PNG,
// JPEG, WebP) opens as a one-frame StillPicture instead, and a sequence ref
// (`frame_%04d.png 1-120`) as an ImageSequence decoding its files on demand.

import type { ClipInfo, EvalContext, NodeInstance, Params } from '../../src/graph/types.ts';
import { Image } from '../../src/gpu/image.ts';
import { DEFAULT_SEQUENCE_FPS, ImageSequence } from '../../src/media/image-sequence.ts';
import { isSequencePattern, parseSequenceRef } from '../../src/media/image-sequence-ref.ts';
import { VideoClip } from '../../src/media/video-clip.ts';
import { frameToImage } from '../../src/media/frame-to-image.ts';
import { codecName } from '../../src/media/media-error.ts';
import type { NodeServices } from '../services.ts';
import { sniffStill, StillPicture } from './still-picture.ts';

type Source = VideoClip | StillPicture | ImageSequence;

export class VideoSourceNode implements NodeInstance<NodeServices> {
  private open?: { key: string; clip: Promise<Source>; signal: AbortSignal };

  async clipInfo(params: Params, services: NodeServices, signal: AbortSignal): Promise<ClipInfo> {
    return (await this.clipFor(params, services, signal)).info;
  }

  async evaluate(ctx: EvalContext<NodeServices>): Promise<Record<string, unknown>> {
    const clip = await this.clipFor(ctx.params, ctx.services, ctx.signal);
    if (clip instanceof ImageSequence) {
      const { width, height } = clip.info;
      const image = Image.fromPixels(width, height, 'image', await clip.pixelsAt(ctx.frame, ctx.signal));
      ctx.report({ state: 'ready', facts: clip.facts() });
      return { image };
    }
    if (clip instanceof StillPicture) {
      const image = clip.imageAt(ctx.frame);
      ctx.report({ state: 'ready', facts: clip.facts() });
      return { image };
    }
    const frame = await clip.frameAt(ctx.frame, ctx.signal);
    try {
      const image = await frameToImage(frame, { rotation: clip.rotation, ffmpegEncoding: clip.ffmpegEncoding });
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

  private async clipFor(params: Params, services: NodeServices, signal: AbortSignal): Promise<Source> {
    for (;;) {
      const entry = this.openFor(params, services, signal);
      try {
        return await entry.clip;
      } catch (e) {
        // The open was started by a request that was cancelled since (a newer frame was asked
        // for): this request still wants the clip, so it opens it again under its own signal.
        if (entry.signal.aborted && !signal.aborted) {
          if (this.open === entry) this.open = undefined;
          continue;
        }
        throw e;
      }
    }
  }

  private openFor(params: Params, services: NodeServices, signal: AbortSignal): { clip: Promise<Source>; signal: AbortSignal } {
    const file = String(params.file ?? '');
    const sequence = parseSequenceRef(file);
    const fps = Number(params.sequenceFps ?? DEFAULT_SEQUENCE_FPS);
    // The rate matters only to a sequence: a video is not reopened when it changes.
    const key = sequence ? `${file}\u0000${fps}` : file;
    if (this.open?.key === key) return this.open;
    this.closeClip();
    const clip = (async (): Promise<Source> => {
      if (!file) throw new Error('no video file chosen');
      if (sequence) return await ImageSequence.open(sequence, fps, (name, s) => services.openMedia(name, s), signal);
      if (isSequencePattern(file)) {
        throw new Error(`the image sequence "${file}" has no frame range: write it as "${file} FIRST-LAST", e.g. "${file} 1-100"`);
      }
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
    const entry = { key, clip, signal };
    this.open = entry;
    // A failed or cancelled open is not kept: the next call tries again.
    clip.catch(() => {
      if (this.open === entry) this.open = undefined;
    });
    return entry;
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
    // A transparent WebM: its colour is read as stored, not premultiplied.
    ...(clip.hasAlpha ? { alpha: 'straight' } : {}),
  };
}
