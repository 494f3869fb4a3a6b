// A still picture (PNG, JPEG or WebP) opened as a one-frame clip, so a Video Source can feed a
// graph with a single image: ClipInfo of 1 frame lasting 1/25 s, and that frame as an Image.

import { Image } from '../../src/gpu/image.ts';
import type { ClipInfo } from '../../src/graph/types.ts';
import { decodeSequencePicture } from '../../src/media/image-sequence-decode.ts';

export type StillFormat = 'PNG' | 'JPEG' | 'WebP';

/** Nominal duration of the single frame (25 fps), so exports of a still get a sane length. */
export const STILL_FRAME_US = 40_000;

/** The picture format from the file's first bytes, or undefined when it is not a still we read. */
export async function sniffStill(blob: Blob): Promise<StillFormat | undefined> {
  const b = new Uint8Array(await blob.slice(0, 12).arrayBuffer());
  const ascii = (from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
  if (b.length >= 8 && b[0] === 0x89 && ascii(1, 4) === 'PNG' && b[4] === 0x0d && b[5] === 0x0a) return 'PNG';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'JPEG';
  if (b.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'WebP';
  return undefined;
}

export class StillPicture {
  private constructor(
    readonly info: ClipInfo,
    readonly format: StillFormat,
    private rgba: Uint8ClampedArray | undefined,
  ) {}

  static async open(blob: Blob, name: string, format: StillFormat): Promise<StillPicture> {
    // WebCodecs' ImageDecoder: a JPEG comes out within a few levels of ffmpeg's decode.
    const { width, height, rgba } = await decodeSequencePicture(blob, name);
    const info: ClipInfo = {
      frameCount: 1,
      fps: 1e6 / STILL_FRAME_US,
      durationUs: STILL_FRAME_US,
      width,
      height,
      frameTimestampsUs: [0],
      frameDurationsUs: [STILL_FRAME_US],
    };
    return new StillPicture(info, format, rgba);
  }

  /** The picture as a new Image (a copy: whoever gets it may not change the one kept here). */
  imageAt(index: number): Image {
    if (!this.rgba) throw new Error('the picture was closed');
    if (index !== 0) throw new RangeError(`frame ${index} is outside the picture (a still has only frame 0)`);
    return Image.fromPixels(this.info.width, this.info.height, 'image', this.rgba.slice());
  }

  facts(): Record<string, string> {
    return { size: `${this.info.width}×${this.info.height}`, frames: '1 (still)', format: this.format };
  }

  close(): void {
    this.rgba = undefined;
  }
}
