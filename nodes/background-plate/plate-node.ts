// The BackgroundPlate instance: a solid colour or a decoded picture, as an Image.
// It keeps one Image for its current params and hands out retained references, so frames
// cost nothing and the GPU upload happens once. The decoded picture is also kept as raw
// pixels per file, so switching mode back and forth does not decode again.

import { Image } from '../../src/gpu/image.ts';
import type { EvalContext, NodeInstance } from '../../src/graph/types.ts';
import type { NodeServices } from '../services.ts';
import { decodePicture, type Picture } from './decode-picture.ts';
import { parseHexColor, solidPixels } from './parse-color.ts';

export class BackgroundPlateNode implements NodeInstance<NodeServices> {
  private held?: { key: string; image: Image };
  private picture?: { file: string; picture: Picture };

  async evaluate(ctx: EvalContext<NodeServices>): Promise<Record<string, unknown>> {
    const image = ctx.params.mode === 'image' ? await this.pictureImage(ctx) : this.colorImage(ctx);
    ctx.report({ state: 'ready', facts: { size: image.width === 1 && image.height === 1 ? 'any (solid colour)' : `${image.width}x${image.height}` } });
    return { image: image.retain() };
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

  private hold(key: string, make: () => Image): Image {
    if (this.held?.key === key) return this.held.image;
    this.held?.image.dispose();
    this.held = undefined; // stays empty if make() throws, so nothing disposed is handed out
    this.held = { key, image: make() };
    return this.held.image;
  }

  /** Nothing temporal: the plate is the same on every frame. */
  reset(): void {}

  dispose(): void {
    this.held?.image.dispose();
    this.held = undefined;
    this.picture = undefined;
  }
}
