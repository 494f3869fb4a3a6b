// The BackgroundPlate instance: a solid colour, a decoded picture, a frame of a video, or a
// blurred copy of the source, as an Image.
// It keeps one Image for its current params (and, for a video, its current plate frame) and
// hands out retained references, so repeated frames cost nothing and the GPU upload happens
// once. The decoded picture is also kept as raw pixels per file, so switching mode back and
// forth does not decode again.

import type { GpuContext } from '../../src/gpu/context.ts';
import { Image } from '../../src/gpu/image.ts';
import type { EvalContext, NodeInstance } from '../../src/graph/types.ts';
import type { NodeServices } from '../services.ts';
import { blurPlate } from './blur-plate.ts';
import { decodePicture, type Picture } from './decode-picture.ts';
import { parseHexColor, solidPixels } from './parse-color.ts';
import type { PlateVideoEnd } from './plate-time.ts';
import { PlateVideo } from './plate-video.ts';

type Outputs = Record<string, unknown>;

export class BackgroundPlateNode implements NodeInstance<NodeServices> {
  private held?: { key: string; image: Image };
  private picture?: { file: string; picture: Picture };
  private video?: PlateVideo;

  async evaluate(ctx: EvalContext<NodeServices>): Promise<Outputs> {
    const mode = String(ctx.params.mode ?? 'color');
    // A video's decoder is only kept open while the plate shows it.
    if (mode !== 'video') this.closeVideo();
    switch (mode) {
      case 'color':
      case 'image': {
        const image = mode === 'image' ? await this.pictureImage(ctx) : this.colorImage(ctx);
        ctx.report({ state: 'ready', facts: { size: image.width === 1 && image.height === 1 ? 'any (solid colour)' : `${image.width}x${image.height}` } });
        return { image: image.retain() };
      }
      case 'video':
        return this.videoFrame(ctx);
      case 'blur':
        return this.blurredSource(ctx);
      default:
        throw new Error(`"${mode}" is not a plate mode (use color, image, video or blur)`);
    }
  }

  /** A colour plate is the clip's size when the graph has a clip, else 1x1 (Composite resizes it). */
  private colorImage(ctx: EvalContext<NodeServices>): Image {
    const color = String(ctx.params.color ?? '#00ff00');
    const rgb = parseHexColor(color);
    const width = ctx.clip?.width ?? 1;
    const height = ctx.clip?.height ?? 1;
    return this.hold(`color|${rgb.join(',')}|${width}x${height}`, () => Image.fromPixels(width, height, 'image', solidPixels(width, height, rgb)));
  }

  private async pictureImage(ctx: EvalContext<NodeServices>): Promise<Image> {
    const file = String(ctx.params.file ?? '');
    if (!file) throw new Error('choose a picture file for the plate (PNG, JPEG or WebP)');
    const key = `image|${file}`;
    if (this.held?.key === key) return this.held.image;
    if (this.picture?.file !== file) {
      const blob = await ctx.services.openMedia(file, ctx.signal);
      this.picture = { file, picture: await decodePicture(blob, file) };
    }
    const { width, height, rgba } = this.picture.picture;
    // A copy: whoever reads the Image's pixels must not be able to change the cache.
    return this.hold(key, () => Image.fromPixels(width, height, 'image', rgba.slice()));
  }

  /** The plate video's frame at the graph's current time; a frame shown again is not decoded again. */
  private async videoFrame(ctx: EvalContext<NodeServices>): Promise<Outputs> {
    const file = String(ctx.params.video ?? '');
    if (!file) throw new Error('choose a video file for the plate (MP4, MOV, WebM or MKV)');
    const end: PlateVideoEnd = ctx.params.videoEnd === 'hold' ? 'hold' : 'loop';
    this.video ??= new PlateVideo();
    const { frame, info } = await this.video.frameFor(ctx, file, end);
    const key = `video|${file}|${frame.index}`;
    let image = this.held?.key === key ? this.held.image : undefined;
    if (!image) {
      const decoded = await this.video.image(ctx, file, frame.index);
      image = this.hold(key, () => decoded);
    }
    const last = info.frameCount - 1;
    const after = frame.pastEnd ? (end === 'loop' ? ' (looped)' : ' (held)') : '';
    ctx.report({
      state: 'ready',
      facts: { size: `${image.width}x${image.height}`, fps: String(Math.round(info.fps * 100) / 100), 'plate frame': `${frame.index} / ${last}${after}` },
    });
    return { image: image.retain() };
  }

  private async blurredSource(ctx: EvalContext<NodeServices>): Promise<Outputs> {
    const source = ctx.inputs.source;
    if (!(source instanceof Image)) {
      throw new Error('Blurred source mode needs a picture: connect the source to the "source" input');
    }
    const radius = Number(ctx.params.blurRadius ?? 16);
    if (!Number.isFinite(radius) || radius < 0) throw new Error(`the blur radius must be 0 or more pixels (it is ${ctx.params.blurRadius})`);
    this.release(); // nothing of the other modes is shown while this one is
    const facts = { size: `${source.width}x${source.height}`, blur: `${radius} px` };
    if (radius === 0) {
      ctx.report({ state: 'ready', facts });
      return { image: source.retain() };
    }
    const image = await blurPlate(await gpuFor(ctx.services), source, radius);
    ctx.report({ state: 'ready', facts });
    return { image };
  }

  private hold(key: string, make: () => Image): Image {
    if (this.held?.key === key) return this.held.image;
    this.release(); // stays empty if make() throws, so nothing disposed is handed out
    this.held = { key, image: make() };
    return this.held.image;
  }

  private release(): void {
    this.held?.image.dispose();
    this.held = undefined;
  }

  private closeVideo(): void {
    this.video?.close();
    this.video = undefined;
  }

  /** Nothing temporal: a video plate's frame depends on the frame number alone. */
  reset(): void {}

  dispose(): void {
    this.release();
    this.closeVideo();
    this.picture = undefined;
  }
}

async function gpuFor(services: NodeServices): Promise<GpuContext> {
  try {
    return await services.gpu();
  } catch (e) {
    throw new Error(`Blurred source mode needs WebGPU: ${e instanceof Error ? e.message : String(e)}`);
  }
}
