// The plate's video: opened, decoded and closed by an inner Video Source instance (one clip
// kept open per file name, VideoFrames closed as soon as they are converted, a still picture
// read as a one-frame clip), so the plate handles files exactly as the Video Source does.
// This only decides which of its frames goes behind the graph's current frame.

import type { Image } from '../../src/gpu/image.ts';
import type { ClipInfo, EvalContext } from '../../src/graph/types.ts';
import type { NodeServices } from '../services.ts';
import { VideoSourceNode } from '../video-source/video-source-node.ts';
import { graphTimeUs, plateFrameAt, type PlateFrame, type PlateVideoEnd } from './plate-time.ts';

export interface PlateVideoFrame {
  file: string;
  frame: PlateFrame;
  info: ClipInfo;
}

export class PlateVideo {
  private readonly source = new VideoSourceNode();

  /** Which plate frame graph frame `ctx.frame` shows. Opens the file on first use. */
  async frameFor(ctx: EvalContext<NodeServices>, file: string, end: PlateVideoEnd): Promise<PlateVideoFrame> {
    const info = await this.source.clipInfo({ file }, ctx.services, ctx.signal);
    const frame = plateFrameAt(graphTimeUs(ctx.frame, ctx.clip, info), info, end);
    return { file, frame, info };
  }

  /** Decodes plate frame `index` into a new Image the caller owns. */
  async image(ctx: EvalContext<NodeServices>, file: string, index: number): Promise<Image> {
    // The inner source's own facts are not the plate's: the plate reports its own.
    const out = await this.source.evaluate({ ...ctx, frame: index, sequential: false, params: { file }, inputs: {}, report: () => {} });
    return out.image as Image;
  }

  /** Closes the clip (its decoder and any frames decoded ahead). */
  close(): void {
    this.source.dispose();
  }
}
