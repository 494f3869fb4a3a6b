// One encoded video track of an export: a WebCodecs VideoEncoder feeding a mediabunny packet
// source, with back-pressure on the encoder queue and on the muxer. With alpha, a second encoder
// codes the alpha pictures; each colour packet carries its alpha packet as side data (how
// mediabunny writes WebM BlockAdditions). The alpha frame is encoded when its colour packet
// comes out, as a key frame exactly when the colour one is, so both streams seek alike.

import { EncodedPacket, type EncodedVideoPacketSource } from 'mediabunny';
import { colorSpaceTags, type YuvEncoding } from './color-matrix.ts';
import type { ChosenEncoderConfig } from './video-encoder-config.ts';

/** Frames queued in the encoders before we wait (back-pressure). */
const MAX_ENCODE_QUEUE = 4;
/** Packets handed to the muxer but not yet written before we wait for it. */
const MAX_MUX_BACKLOG = 16;

interface WaitingColour {
  data: Uint8Array;
  type: EncodedVideoChunkType;
  timestamp: number;
  duration: number;
  meta?: EncodedVideoChunkMetadata;
}

export class VideoTrackWriter {
  private readonly encoder: VideoEncoder;
  private readonly alphaEncoder?: VideoEncoder;
  private failure: unknown;
  private wake?: () => void;
  private muxing: Promise<void> = Promise.resolve();
  private backlog = 0;
  private readonly durations = new Map<number, number>();
  /** Alpha frames waiting for their colour packet, by timestamp (owned here until encoded). */
  private readonly pendingAlpha = new Map<number, VideoFrame>();
  /** Colour packets waiting for their alpha packet, in order. */
  private readonly waiting: WaitingColour[] = [];
  private readonly encodeOptions: VideoEncoderEncodeOptions;
  /** Colour frames handed to the encoder so far. */
  private framesWritten = 0;

  constructor(
    private readonly source: EncodedVideoPacketSource,
    private readonly chosen: ChosenEncoderConfig,
    private readonly enc: YuvEncoding,
    withAlpha: boolean,
  ) {
    this.encoder = new VideoEncoder({ output: (c, m) => this.onColour(c, m), error: (e) => this.fail(e) });
    this.encoder.addEventListener('dequeue', () => this.notify());
    this.encoder.configure(chosen.config);
    if (withAlpha) {
      this.alphaEncoder = new VideoEncoder({ output: (c) => this.onAlpha(c), error: (e) => this.fail(e) });
      this.alphaEncoder.addEventListener('dequeue', () => this.notify());
      this.alphaEncoder.configure(chosen.config);
    }
    const q = chosen.quantizer;
    const codec = chosen.config.codec;
    this.encodeOptions = q === undefined ? {}
      : codec.startsWith('vp09') ? { vp9: { quantizer: q } }
      : codec.startsWith('av01') ? { av1: { quantizer: q } }
      : codec.startsWith('avc') ? { avc: { quantizer: q } }
      : {};
  }

  get codec(): string {
    return this.chosen.config.codec;
  }

  /** Encodes `colour` (and `alpha`), waiting for room first. Takes ownership of both frames. */
  async write(colour: VideoFrame, alpha: VideoFrame | undefined, keyFrame: boolean, signal?: AbortSignal): Promise<void> {
    try {
      while (this.queueSize() >= MAX_ENCODE_QUEUE) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.throwIfFailed(signal);
      }
      if (this.backlog >= MAX_MUX_BACKLOG) await this.muxing;
      this.throwIfFailed(signal);
      this.durations.set(colour.timestamp, colour.duration ?? 0);
      if (alpha) {
        this.pendingAlpha.set(colour.timestamp, alpha);
        alpha = undefined;
      }
      this.encoder.encode(colour, { keyFrame: keyFrame || this.rekeyAt(this.framesWritten++), ...this.encodeOptions });
    } finally {
      colour.close();
      alpha?.close();
    }
  }

  /** Wakes a waiting `write` (on cancel). */
  notify(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }

  /** Flushes the encoders and waits until the muxer has every packet. */
  async finish(signal?: AbortSignal): Promise<void> {
    await this.encoder.flush();
    if (this.alphaEncoder) await this.alphaEncoder.flush();
    await this.muxing;
    this.throwIfFailed(signal);
    this.close();
  }

  /** Stops encoding and releases held frames (idempotent). */
  close(): void {
    if (this.encoder.state !== 'closed') this.encoder.close();
    if (this.alphaEncoder && this.alphaEncoder.state !== 'closed') this.alphaEncoder.close();
    for (const f of this.pendingAlpha.values()) f.close();
    this.pendingAlpha.clear();
    this.waiting.length = 0;
  }

  throwIfFailed(signal?: AbortSignal): void {
    signal?.throwIfAborted();
    if (this.failure !== undefined) {
      const message = this.failure instanceof Error ? this.failure.message : String(this.failure);
      throw new Error(`export failed: ${message}`, { cause: this.failure });
    }
  }

  /**
   * Chromium's H.264 encoder (OpenH264) codes the first key frame at a QP its rate control takes
   * from a bits-per-pixel table (24, 26 or 28 by frame size, whatever the bitrate), while later
   * key frames get QP 22; with little motion, P-frames skip the still areas, so the first
   * picture's quality lasts the whole first GOP. A second key frame at frame 1 replaces it
   * (about +0.3 dB on moving clips, up to +2 dB on still ones; see h264-encoder-config.ts).
   */
  private rekeyAt(frame: number): boolean {
    return frame === 1 && this.chosen.config.codec.startsWith('avc') && this.chosen.quantizer === undefined;
  }

  private queueSize() {
    return this.encoder.encodeQueueSize + (this.alphaEncoder?.encodeQueueSize ?? 0) + this.pendingAlpha.size;
  }

  private onColour(chunk: EncodedVideoChunk, meta?: EncodedVideoChunkMetadata) {
    const data = new Uint8Array(chunk.byteLength);
    chunk.copyTo(data);
    const duration = this.durations.get(chunk.timestamp) ?? chunk.duration ?? 0;
    this.durations.delete(chunk.timestamp);
    // Tag the track (mp4 `colr`, WebM Colour) with the matrix and range we encoded in.
    const tagged = meta?.decoderConfig
      ? { ...meta, decoderConfig: { ...meta.decoderConfig, colorSpace: colorSpaceTags(this.enc) } }
      : meta;
    const colour: WaitingColour = { data, type: chunk.type, timestamp: chunk.timestamp, duration, meta: tagged };
    this.notify();
    const alpha = this.pendingAlpha.get(chunk.timestamp);
    if (!this.alphaEncoder || !alpha) {
      if (this.alphaEncoder) this.fail(new Error(`no alpha picture for the frame at ${chunk.timestamp} µs`));
      else this.mux(colour);
      return;
    }
    this.pendingAlpha.delete(chunk.timestamp);
    this.waiting.push(colour);
    try {
      this.alphaEncoder.encode(alpha, { keyFrame: chunk.type === 'key', ...this.encodeOptions });
    } catch (e) {
      this.fail(e);
    } finally {
      alpha.close();
    }
  }

  private onAlpha(chunk: EncodedVideoChunk) {
    const colour = this.waiting.shift();
    if (!colour || colour.timestamp !== chunk.timestamp) {
      this.fail(new Error(`alpha and colour streams went out of step at ${chunk.timestamp} µs`));
      return;
    }
    const alpha = new Uint8Array(chunk.byteLength);
    chunk.copyTo(alpha);
    this.mux(colour, alpha);
  }

  private mux(c: WaitingColour, alpha?: Uint8Array) {
    const packet = new EncodedPacket(c.data, c.type, c.timestamp / 1e6, c.duration / 1e6, -1, undefined, alpha ? { alpha } : undefined);
    this.backlog++;
    this.muxing = this.muxing.then(() => this.source.add(packet, c.meta)).then(
      () => void this.backlog--,
      (e) => this.fail(e),
    );
  }

  private fail(e: unknown) {
    this.failure ??= e;
    this.notify();
  }
}
