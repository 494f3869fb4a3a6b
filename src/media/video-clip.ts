// A video file opened for random access: its timing (ClipInfo) and `frameAt(i)`, which decodes
// frame i (presentation order) with WebCodecs. Opening reads the file's index (any container
// open-video-track.ts knows), checks the browser can decode the codec, and decodes frame 0 (its
// true size, and proof that it decodes).

import type { ClipInfo } from '../graph/types.ts';
import { registerClipMedia } from './clip-media.ts';
import { clipTiming } from './clip-timing.ts';
import { colorSpaceTags, yuvEncodingOf, type YuvEncoding } from './color-matrix.ts';
import { codedColourOf, ffmpegEncodingOf } from './stream-colour.ts';
import type { ContainerName, DemuxedVideoTrack } from './demuxed-track.ts';
import { FrameDecoder } from './frame-decoder.ts';
import { mergeAlpha } from './merge-alpha.ts';
import { codecName, MediaFileError, neverDecodedNote } from './media-error.ts';
import { openVideoTrack } from './open-video-track.ts';
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
    readonly container: ContainerName,
    private readonly decoder: FrameDecoder,
    private readonly track: DemuxedVideoTrack,
    /** Decodes the alpha stream of a transparent file, frame for frame with the colour. */
    private readonly alphaDecoder?: FrameDecoder,
    /**
     * How ffmpeg reads the frames, where the coded stream decides it and the decoder may not
     * (see stream-colour.ts): a stream naming no matrix is BT.601 (Chromium guesses BT.709 for
     * HD); VP8/VP9/AV1 follow their own headers, not the container's tags. frameToImage converts
     * with it wherever the decoder's tags say otherwise.
     */
    readonly ffmpegEncoding?: YuvEncoding,
  ) {}

  /** Whether frames carry alpha (a transparent WebM). */
  get hasAlpha(): boolean {
    return this.alphaDecoder !== undefined;
  }

  static async open(blob: Blob, signal?: AbortSignal): Promise<VideoClip> {
    const track = await openVideoTrack(blob, signal);
    try {
      return await VideoClip.start(blob, track, signal);
    } catch (e) {
      track.close();
      throw e;
    }
  }

  private static async start(blob: Blob, track: DemuxedVideoTrack, signal?: AbortSignal): Promise<VideoClip> {
    let timing;
    try {
      timing = clipTiming(track.samples, track.timescale, track.window);
    } catch (e) {
      throw new MediaFileError((e as Error).message);
    }
    const config: VideoDecoderConfig = {
      codec: track.codec,
      description: track.description,
      codedWidth: track.codedWidth,
      codedHeight: track.codedHeight,
      optimizeForLatency: true,
      // A container without tags: BT.601, as ffmpeg reads an unspecified matrix (frameToImage
      // corrects frames whose own header says otherwise, see ffmpegEncoding).
      colorSpace: track.colorSpace ?? colorSpaceTags(yuvEncodingOf(undefined)),
    };
    let supported = false;
    try {
      supported = (await VideoDecoder.isConfigSupported(config)).supported === true;
    } catch {
      supported = false; // a codec string WebCodecs cannot even parse
    }
    if (!supported) {
      throw new MediaFileError(unsupportedMessage(track));
    }
    const coded = await codedColourOf(track, () => track.source.read(0)).catch(() => undefined);
    const decoder = new FrameDecoder(track.samples, timing, config, track.source);
    const alphaDecoder = track.alphaSource && new FrameDecoder(track.samples, timing, config, track.alphaSource);
    try {
      if (alphaDecoder) {
        const alpha0 = await alphaDecoder.frameAt(0, signal).catch((e: Error) => {
          throw new MediaFileError(`cannot decode the alpha stream: ${e.message}`);
        });
        alphaDecoder.putBack(0, alpha0);
      }
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
      registerClipMedia(info, { blob, startSeconds: track.startSeconds, timescale: track.timescale });
      return new VideoClip(info, track.codec, colorSpace, track.rotation, track.container, decoder, track, alphaDecoder, coded && ffmpegEncodingOf(coded));
    } catch (e) {
      decoder.close();
      alphaDecoder?.close();
      throw e;
    }
  }

  /** Decodes frame `index` (presentation order). The caller owns the frame and must close it. */
  frameAt(index: number, signal?: AbortSignal): Promise<VideoFrame> {
    const run = this.queue.then(async () => {
      if (!Number.isInteger(index) || index < 0 || index >= this.info.frameCount) {
        throw new RangeError(`frame ${index} is outside the clip (0..${this.info.frameCount - 1})`);
      }
      signal?.throwIfAborted();
      const colour = await this.decoder.frameAt(index, signal);
      if (!this.alphaDecoder) return colour;
      let alpha: VideoFrame | undefined;
      try {
        alpha = await this.alphaDecoder.frameAt(index, signal);
        return await mergeAlpha(colour, alpha, this.ffmpegEncoding);
      } finally {
        colour.close();
        alpha?.close();
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Stops the decoder and closes any frames it delivered ahead. */
  close(): void {
    this.decoder.close();
    this.alphaDecoder?.close();
    this.track.close();
  }
}

/** The largest side video decoders take (the codecs' top levels; Chromium refuses beyond). */
const MAX_SIDE = 16384;

/** Why the browser refuses the track: the codec, its profile where that is the reason, the size. */
function unsupportedMessage(track: DemuxedVideoTrack): string {
  const name = codecName(track.codec);
  const size = `${track.codedWidth}x${track.codedHeight}`;
  const profile = profileNote(track.codec);
  const why = Math.max(track.codedWidth, track.codedHeight) > MAX_SIDE
    ? `: the picture is larger than browsers decode (at most ${MAX_SIDE} pixels a side)`
    : /^(hvc1|hev1)/.test(track.codec) ? ': browsers decode HEVC only with a hardware decoder, and there is none here'
    : neverDecodedNote(track.codec);
  return `this browser cannot decode ${name} video${profile} (codec ${track.codec}, ${size})${why}`;
}

/** Profiles browsers commonly lack decoders for, named so the user knows what to re-encode. */
function profileNote(codec: string): string {
  const [fourcc, a, b] = codec.split('.');
  if (/^avc[13]$/.test(fourcc) && a) {
    const idc = parseInt(a.slice(0, 2), 16);
    const names: Record<number, string> = { 110: 'High 10', 122: 'High 4:2:2', 244: 'High 4:4:4' };
    return names[idc] ? ` in its ${names[idc]} profile` : '';
  }
  if (fourcc === 'vp09' && a && a !== '00') return ` profile ${Number(a)} (${b === '10' || b === '12' ? `${Number(b)}-bit` : 'not 4:2:0 8-bit'})`;
  if (fourcc === 'av01' && a && a !== '0') return ` profile ${a === '1' ? 'High (4:4:4)' : 'Professional'}`;
  return '';
}
