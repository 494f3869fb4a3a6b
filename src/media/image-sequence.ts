// A numbered image sequence (`frame_%04d.png 1-120`) opened as a clip: one frame per file at
// the sequence frame rate. Files are fetched and decoded when a frame is asked for; only the
// last few decoded frames are kept, so a long sequence never sits in memory decoded.

import type { ClipInfo } from '../graph/types.ts';
import { decodeSequencePicture, type DecodedPicture } from './image-sequence-decode.ts';
import { sequenceFileName, sequenceFrameCount, type SequenceRef } from './image-sequence-ref.ts';

/** Frames per second a sequence plays at unless told: 24, what Nuke and Resolve projects default to. */
export const DEFAULT_SEQUENCE_FPS = 24;
/** Decoded frames kept (scrubbing back and forth, a plate and a source on the same frame). */
const CACHE_FRAMES = 4;

export type OpenFile = (name: string, signal?: AbortSignal) => Promise<Blob>;

const shortName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

export class ImageSequence {
  private cache = new Map<number, Promise<DecodedPicture>>();
  private closed = false;

  private constructor(
    readonly ref: SequenceRef,
    readonly info: ClipInfo,
    readonly format: string,
    private readonly openFile: OpenFile,
    first: DecodedPicture,
  ) {
    this.cache.set(0, Promise.resolve(first));
  }

  /** Opens the sequence: its first file is read now (it gives the size), the rest on demand. */
  static async open(ref: SequenceRef, fps: number, openFile: OpenFile, signal?: AbortSignal): Promise<ImageSequence> {
    const frameCount = sequenceFrameCount(ref);
    if (!(frameCount > 0)) throw new Error(`the image sequence ${shortName(ref.pattern)} has no frames (${ref.first}-${ref.last})`);
    if (!(fps > 0 && Number.isFinite(fps))) throw new Error(`the sequence frame rate must be a positive number, not ${fps}`);
    const name = sequenceFileName(ref.pattern, ref.first);
    const first = await decodeSequencePicture(await openFile(name, signal), shortName(name));
    const info = sequenceClipInfo(frameCount, exactFps(fps), first.width, first.height);
    return new ImageSequence(ref, info, first.format, openFile, first);
  }

  /** The RGBA pixels of clip frame `index` (a copy the caller owns). */
  async pixelsAt(index: number, signal?: AbortSignal): Promise<Uint8ClampedArray> {
    if (this.closed) throw new Error('the image sequence was closed');
    if (!(index >= 0 && index < this.info.frameCount)) {
      throw new RangeError(`frame ${index} is outside the image sequence (frames 0–${this.info.frameCount - 1})`);
    }
    let picture = this.cache.get(index);
    if (!picture) {
      picture = this.decode(index, signal);
      this.cache.set(index, picture);
      picture.catch(() => this.cache.get(index) === picture && this.cache.delete(index));
    } else {
      // Most recently used last: the oldest entry is the one dropped.
      this.cache.delete(index);
      this.cache.set(index, picture);
    }
    while (this.cache.size > CACHE_FRAMES) this.cache.delete(this.cache.keys().next().value!);
    return (await picture).rgba.slice();
  }

  /** The file name of clip frame `index`. */
  fileNameAt(index: number): string {
    return sequenceFileName(this.ref.pattern, this.ref.first + index);
  }

  facts(): Record<string, string> {
    return {
      size: `${this.info.width}×${this.info.height}`,
      fps: String(Math.round(this.info.fps * 1000) / 1000),
      frames: `${this.info.frameCount} (${this.ref.first}–${this.ref.last})`,
      format: `${this.format} sequence`,
    };
  }

  close(): void {
    this.closed = true;
    this.cache.clear();
  }

  private async decode(index: number, signal?: AbortSignal): Promise<DecodedPicture> {
    const name = this.fileNameAt(index);
    const picture = await decodeSequencePicture(await this.openFile(name, signal), shortName(name));
    const { width, height } = this.info;
    if (picture.width !== width || picture.height !== height) {
      throw new Error(
        `${shortName(name)} is ${picture.width}×${picture.height}, but the sequence is ${width}×${height} ` +
          `(from ${shortName(this.fileNameAt(0))}): every frame of a sequence must have the same size`,
      );
    }
    return picture;
  }
}

/** 23.976 typed in means 24000/1001 (likewise 29.97, 59.94), so long sequences do not drift. */
export function exactFps(fps: number): number {
  const whole = Math.round(fps * 1.001);
  const ntsc = (whole * 1000) / 1001;
  return Math.abs(ntsc - fps) < 0.0015 && Math.round(fps) !== fps ? ntsc : fps;
}

/** Timing of `frameCount` frames at `fps`: timestamps rounded to microseconds, durations filling the gaps. */
export function sequenceClipInfo(frameCount: number, fps: number, width: number, height: number): ClipInfo {
  const at = (i: number) => Math.round((i * 1e6) / fps);
  const frameTimestampsUs = Array.from({ length: frameCount }, (_, i) => at(i));
  const frameDurationsUs = frameTimestampsUs.map((t, i) => at(i + 1) - t);
  return { frameCount, fps, durationUs: at(frameCount), width, height, frameTimestampsUs, frameDurationsUs };
}
