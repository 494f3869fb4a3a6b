// Where the export job's frames go, per format: video files (one encoded track, optionally with
// an alpha stream, a second matte video, and the source's audio) or a PNG sequence (files, or
// one ZIP in memory). Every sink takes RGBA pictures with their timing.

import { EncodedVideoPacketSource } from 'mediabunny';
import { AudioTrackWriter, type AudioWindow } from './audio-track-writer.ts';
import type { YuvEncoding } from './color-matrix.ts';
import { alphaPlaneI420, rgbaWithAlpha } from './export-pixels.ts';
import { matteFilename, pngFilename, type ExportSettings } from './export-settings.ts';
import { VideoFileOutput, type ExportTarget, type WrittenFile } from './export-target.ts';
import { i420Frame, rgbaToVideoFrame, type FrameShape } from './image-to-frame.ts';
import { encodePng } from './png-encode.ts';
import type { ChosenEncoderConfig } from './video-encoder-config.ts';
import { VideoTrackWriter } from './video-track-writer.ts';
import { ZipWriter } from './zip-writer.ts';

export interface ExportFrame {
  /** Source frame index. */
  index: number;
  colour: Uint8ClampedArray;
  colourIsMatte: boolean;
  /** The alpha input's picture (value in R), when connected. */
  matte?: Uint8ClampedArray;
  /** Export time, microseconds. */
  timestamp: number;
  duration: number;
  keyFrame: boolean;
}

export interface FrameSink {
  write(frame: ExportFrame, signal?: AbortSignal): Promise<void>;
  finish(signal?: AbortSignal): Promise<WrittenFile[]>;
  cancel(): Promise<void>;
  /** Wakes a write waiting for the encoder (on cancel). */
  notify(): void;
}

export interface VideoSinkOptions {
  settings: ExportSettings;
  target: ExportTarget;
  filename: string;
  shape: FrameShape;
  enc: YuvEncoding;
  chosen: ChosenEncoderConfig;
  frameRate?: number;
  frameCount: number;
  /** The source file and the export's span on its timeline, for the audio. */
  audioFrom?: { blob: Blob; window: AudioWindow };
}

const MEDIABUNNY_CODEC = { avc1: 'avc', vp09: 'vp9', av01: 'av1', vp8: 'vp8' } as const;

export class VideoSink implements FrameSink {
  private constructor(
    private readonly settings: ExportSettings,
    private readonly shape: FrameShape,
    private readonly enc: YuvEncoding,
    private readonly files: { out: VideoFileOutput; writer: VideoTrackWriter }[],
    private readonly audio?: AudioTrackWriter,
  ) {}

  get audioDescription(): string | undefined {
    return this.audio?.description;
  }

  get audioReencoded(): boolean {
    return this.audio?.reencoded ?? false;
  }

  static async create(o: VideoSinkOptions): Promise<VideoSink> {
    const { settings } = o;
    const container = settings.container === 'webm' ? 'webm' : 'mp4';
    const names = settings.alpha === 'separate-video' ? [o.filename, matteFilename(o.filename)] : [o.filename];
    const files: { out: VideoFileOutput; writer: VideoTrackWriter }[] = [];
    let audio: AudioTrackWriter | undefined;
    try {
      for (const [k, name] of names.entries()) {
        const out = new VideoFileOutput(o.target, container, name, k === 0);
        const fourcc = o.chosen.config.codec.split('.')[0] as keyof typeof MEDIABUNNY_CODEC;
        const source = new EncodedVideoPacketSource(MEDIABUNNY_CODEC[fourcc]);
        out.output.addVideoTrack(source, { frameRate: o.frameRate, maximumPacketCount: o.frameCount });
        const writer = new VideoTrackWriter(source, o.chosen, o.enc, settings.alpha === 'stream');
        files.push({ out, writer });
        if (k === 0 && o.audioFrom && settings.audio === 'keep') {
          const label = container === 'mp4' ? 'MP4' : 'WebM';
          audio = await AudioTrackWriter.prepare(o.audioFrom.blob, out.output, out.format, label, o.audioFrom.window, out.streaming);
        }
      }
      for (const f of files) await f.out.output.start();
      return new VideoSink(settings, o.shape, o.enc, files, audio);
    } catch (e) {
      audio?.close();
      for (const f of files) {
        f.writer.close();
        await f.out.cancel();
      }
      throw e;
    }
  }

  async write(f: ExportFrame, signal?: AbortSignal): Promise<void> {
    const timing = { timestamp: f.timestamp, duration: f.duration };
    const [main, matte] = this.files;
    if (this.settings.alpha === 'none') {
      await main.writer.write(rgbaToVideoFrame(f.colour, this.shape, timing, this.enc, f.colourIsMatte), undefined, f.keyFrame, signal);
    } else {
      const rgba = rgbaWithAlpha(f.colour, f.matte, this.settings.colour);
      const colour = rgbaToVideoFrame(rgba, this.shape, timing, this.enc, false);
      const alpha = i420Frame(alphaPlaneI420(rgba, this.shape.width, this.shape.height), this.shape, timing);
      if (matte) {
        alpha.close();
        await main.writer.write(colour, undefined, f.keyFrame, signal);
        await matte.writer.write(rgbaToVideoFrame(alphaAsGrey(rgba), this.shape, timing, this.enc, true), undefined, f.keyFrame, signal);
      } else {
        await main.writer.write(colour, alpha, f.keyFrame, signal);
      }
    }
    await this.audio?.advanceTo((f.timestamp + f.duration) / 1e6);
  }

  async finish(signal?: AbortSignal): Promise<WrittenFile[]> {
    for (const f of this.files) await f.writer.finish(signal);
    await this.audio?.finish();
    const written: WrittenFile[] = [];
    for (const f of this.files) written.push(await f.out.finish());
    return written;
  }

  async cancel(): Promise<void> {
    this.audio?.close();
    for (const f of this.files) {
      f.writer.close();
      await f.out.cancel();
    }
  }

  notify(): void {
    for (const f of this.files) f.writer.notify();
  }
}

/** RGBA whose R, G and B are its alpha (the matte video of a colour + matte pair). */
function alphaAsGrey(rgba: Uint8ClampedArray): Uint8ClampedArray {
  const out = new Uint8ClampedArray(rgba.length);
  for (let i = 0; i < rgba.length; i += 4) {
    out[i] = out[i + 1] = out[i + 2] = rgba[i + 3];
    out[i + 3] = 255;
  }
  return out;
}

/** RGBA PNGs, one per frame, named after the source frame: files for a stream, a ZIP in memory. */
export class PngSequenceSink implements FrameSink {
  private readonly names: string[] = [];
  private readonly zipParts: Uint8Array<ArrayBuffer>[] = [];
  private readonly zip?: ZipWriter;

  constructor(
    private readonly settings: ExportSettings,
    private readonly target: ExportTarget,
    private readonly filename: string,
    private readonly width: number,
    private readonly height: number,
    private readonly digits: number,
  ) {
    if (target.kind === 'memory') this.zip = new ZipWriter((chunk) => void this.zipParts.push(chunk as Uint8Array<ArrayBuffer>));
  }

  async write(f: ExportFrame): Promise<void> {
    const rgba = rgbaWithAlpha(f.colour, f.matte, this.settings.colour);
    const png = await encodePng(rgba, this.width, this.height);
    const name = pngFilename(this.filename, f.index, this.digits);
    this.names.push(name);
    if (this.zip) await this.zip.add(name, png);
    else await (this.target as Extract<ExportTarget, { kind: 'stream' }>).write(png, 0, name);
  }

  async finish(): Promise<WrittenFile[]> {
    if (!this.zip) return this.names.map((name) => ({ name }));
    await this.zip.finish();
    return [{ name: this.filename, blob: new Blob(this.zipParts, { type: 'application/zip' }) }];
  }

  async cancel(): Promise<void> {
    this.zipParts.length = 0;
  }

  notify(): void {}
}
