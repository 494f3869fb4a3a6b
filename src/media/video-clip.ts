// A video file opened for random access: its timing (ClipInfo) and `frameAt(i)`, which decodes
// frame i (presentation order) with WebCodecs. Opening reads only the file's index, checks the
// browser can decode the codec, and decodes frame 0 (its true size, and proof that it decodes).

import type { ClipInfo } from '../graph/types.ts';
import { clipTiming } from './clip-timing.ts';
import { colorSpaceTags, yuvEncodingOf } from './color-matrix.ts';
import { FrameDecoder } from './frame-decoder.ts';
import { codecName, MediaFileError } from './media-error.ts';
import { demuxMp4 } from './mp4-demux.ts';
import { SampleReader } from './sample-reader.ts';
import type { Rotation } from './rotate-rgba.ts';

export class VideoClip {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly info: ClipInfo,
    /** WebCodecs codec string, e.g. `avc1.64001f`. */
    readonly codec: string,
    /** Colour space the decoder reported for frame 0. */
    readonly colorSpace: VideoColorSpaceInit,
    /** Clockwise turn that shows the pictures upright (info's size is already turned). */
    readonly rotation: Rotation,
    private readonly decoder: FrameDecoder,
  ) {}

  static async open(blob: Blob, signal?: AbortSignal): Promise<VideoClip> {
    const track = await demuxMp4(blob, signal);
    const timing = clipTiming(track.samples, track.timescale);
    const config: VideoDecoderConfig = {
      codec: track.codec,
      description: track.description,
      codedWidth: track.codedWidth,
      codedHeight: track.codedHeight,
      optimizeForLatency: true,
      // Untagged streams follow our convention (BT.601 below 720 lines); tags in the stream win.
      colorSpace: track.colorSpace ?? colorSpaceTags(yuvEncodingOf(undefined, track.codedHeight)),
    };
    let supported = false;
    try {
      supported = (await VideoDecoder.isConfigSupported(config)).supported === true;
    } catch {
      supported = false; // a codec string WebCodecs cannot even parse
    }
    if (!supported) {
      throw new MediaFileError(`this browser cannot decode ${codecName(track.codec)} video (codec ${track.codec})`);
    }
    const decoder = new FrameDecoder(track.samples, timing, config, new SampleReader(blob, track.samples));
    try {
      const first = await decoder.frameAt(0, signal);
      const w = first.visibleRect?.width ?? first.displayWidth;
      const h = first.visibleRect?.height ?? first.displayHeight;
      const turned = track.rotation === 90 || track.rotation === 270;
      const info: ClipInfo = {
        frameCount: timing.frameCount,
        fps: timing.fps,
        durationUs: timing.durationUs,
        width: turned ? h : w,
        height: turned ? w : h,
        frameTimestampsUs: timing.timestampsUs,
        frameDurationsUs: timing.durationsUs,
      };
      const colorSpace = first.colorSpace.toJSON();
      decoder.putBack(0, first);
      return new VideoClip(info, track.codec, colorSpace, track.rotation, decoder);
    } catch (e) {
      decoder.close();
      throw e;
    }
  }

  /** Decodes frame `index` (presentation order). The caller owns the frame and must close it. */
  frameAt(index: number, signal?: AbortSignal): Promise<VideoFrame> {
    const run = this.queue.then(() => {
      if (!Number.isInteger(index) || index < 0 || index >= this.info.frameCount) {
        throw new RangeError(`frame ${index} is outside the clip (0..${this.info.frameCount - 1})`);
      }
      signal?.throwIfAborted();
      return this.decoder.frameAt(index, signal);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Stops the decoder and closes any frames it delivered ahead. */
  close(): void {
    this.decoder.close();
  }
}
