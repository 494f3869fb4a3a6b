// The export job: pulls every frame of the clip through the graph to the Export node, encodes it
// with WebCodecs H.264 and muxes an MP4 (fast start) with mediabunny, into memory (a Blob for a
// download) or a streaming sink (the CLI writes a file). Same frame count, timestamps and
// durations as the source. Cancelling stops promptly and leaves no finished-looking file behind.

import { BufferTarget, EncodedPacket, EncodedVideoPacketSource, Mp4OutputFormat, Output, StreamTarget, type Target } from 'mediabunny';
import type { Evaluator } from '../graph/evaluator.ts';
import type { NodeServices } from '../../nodes/services.ts';
import type { GpuContext } from '../gpu/context.ts';
import { Image } from '../gpu/image.ts';
import { colorSpaceTags, type YuvEncoding } from './color-matrix.ts';
import { constantFrameRate } from './frame-rate.ts';
import { h264EncoderConfig } from './h264-encoder-config.ts';
import { imageToVideoFrame } from './image-to-frame.ts';
import { evenSize } from './rgba-to-i420.ts';

export type ExportTarget =
  | { kind: 'memory' }
  /** Receives the file's bytes; `position` is where they go (the header is rewritten at the end). */
  | { kind: 'stream'; write(chunk: Uint8Array, position: number): void | Promise<void> };

export interface ExportOptions {
  evaluator: Evaluator<NodeServices>;
  exportNodeId: string;
  /** Needed to read back images that live on the GPU. */
  gpu?: GpuContext;
  onProgress?(done: number, total: number): void;
  signal?: AbortSignal;
  target: ExportTarget;
  /** Frame indices to export, end exclusive (default: the whole clip). */
  range?: { start: number; end: number };
}

export interface ExportResult {
  /** The file, for a memory target. */
  blob?: Blob;
  filename: string;
  frameCount: number;
  durationUs: number;
  width: number;
  height: number;
  codec: string;
}

/** Encoder queue depth before we wait (back-pressure). */
const MAX_ENCODE_QUEUE = 4;
/** Packets handed to the muxer but not yet written before we wait for it. */
const MAX_MUX_BACKLOG = 16;

export async function runExport(options: ExportOptions): Promise<ExportResult> {
  const { evaluator, exportNodeId, gpu, signal, target } = options;
  const node = evaluator.document.nodes.find((n) => n.id === exportNodeId);
  if (!node) throw new Error(`there is no node "${exportNodeId}" to export from`);
  const bitrateMbps = Number(node.params.bitrateMbps ?? 8);
  const filename = String(node.params.filename || 'mattegraph-export.mp4');
  const codecParam = String(node.params.codec ?? 'h264');
  if (codecParam !== 'h264') throw new Error(`export codec "${codecParam}" is not supported (only H.264)`);

  const clip = await evaluator.clipInfo(exportNodeId, signal);
  if (!clip) throw new Error('nothing to export: no video source feeds the Export node');
  const start = Math.max(0, Math.floor(options.range?.start ?? 0));
  const end = Math.min(clip.frameCount, Math.floor(options.range?.end ?? clip.frameCount));
  if (end <= start) throw new Error(`the export range ${start}..${end} has no frames`);
  const total = end - start;
  const t0 = clip.frameTimestampsUs[start];
  const durations = clip.frameDurationsUs.slice(start, end);
  const frameRate = constantFrameRate(durations);
  const fps = frameRate ?? (total * 1e6) / durations.reduce((a, b) => a + b, 0);

  const pull = async (i: number): Promise<Image> => {
    const value = await evaluator.evaluate({ node: exportNodeId, port: 'image' }, i, signal);
    if (!(value instanceof Image)) throw new Error(`frame ${i}: nothing arrives at the Export node's input`);
    return value;
  };

  // The first frame decides the size (a node upstream may have scaled the picture).
  const first = await pull(start);
  const firstSize = { width: first.width, height: first.height };
  const size = evenSize(firstSize.width, firstSize.height);
  const enc: YuvEncoding = { matrix: size.height >= 720 ? 'bt709' : 'bt601', fullRange: false };
  const config = await h264EncoderConfig(size.width, size.height, fps, Math.round(bitrateMbps * 1e6));

  const memory = target.kind === 'memory' ? new BufferTarget() : undefined;
  const muxTarget: Target = memory ?? new StreamTarget(new WritableStream({
    write: (chunk) => (target as Extract<ExportTarget, { kind: 'stream' }>).write(chunk.data, chunk.position),
  }));
  const output = new Output({
    format: new Mp4OutputFormat({ fastStart: memory ? 'in-memory' : 'reserve' }),
    target: muxTarget,
  });
  const source = new EncodedVideoPacketSource('avc');
  output.addVideoTrack(source, { frameRate, maximumPacketCount: total });
  await output.start();

  let failure: unknown;
  // Wakes the frame loop when the encoder takes a frame, fails, or the job is cancelled.
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  signal?.addEventListener('abort', notify);
  const durationByTimestamp = new Map<number, number>();
  let muxing: Promise<void> = Promise.resolve();
  let backlog = 0;
  const encoder = new VideoEncoder({
    output: (chunk, meta) => {
      const data = new Uint8Array(chunk.byteLength);
      chunk.copyTo(data);
      const duration = durationByTimestamp.get(chunk.timestamp) ?? chunk.duration ?? 0;
      durationByTimestamp.delete(chunk.timestamp);
      const packet = new EncodedPacket(data, chunk.type, chunk.timestamp / 1e6, duration / 1e6);
      // Tag the track (mp4 `colr` box) with the matrix and range we encoded in.
      const tagged = meta?.decoderConfig
        ? { ...meta, decoderConfig: { ...meta.decoderConfig, colorSpace: colorSpaceTags(enc) } }
        : meta;
      backlog++;
      muxing = muxing.then(() => source.add(packet, tagged)).then(
        () => void backlog--,
        (e) => void (failure ??= e),
      );
    },
    error: (e) => {
      failure ??= e;
      notify();
    },
  });
  encoder.addEventListener('dequeue', notify);
  encoder.configure(config);

  const keyInterval = Math.max(1, Math.round(fps * 2));
  let image: Image | undefined = first;
  try {
    for (let i = start; i < end; i++) {
      throwIf(signal, failure);
      image ??= await pull(i);
      if (image.width !== firstSize.width || image.height !== firstSize.height) {
        throw new Error(`frame ${i} is ${image.width}x${image.height}, but the export started at ${firstSize.width}x${firstSize.height}`);
      }
      const timestamp = clip.frameTimestampsUs[i] - t0;
      const duration = clip.frameDurationsUs[i];
      const frame = await imageToVideoFrame(image, { timestamp, duration }, enc, gpu);
      image = undefined; // owned by the evaluator; valid only until the next evaluate
      try {
        while (encoder.encodeQueueSize >= MAX_ENCODE_QUEUE) {
          await new Promise<void>((resolve) => (wake = resolve));
          throwIf(signal, failure);
        }
        if (backlog >= MAX_MUX_BACKLOG) await muxing;
        durationByTimestamp.set(timestamp, duration);
        encoder.encode(frame, { keyFrame: (i - start) % keyInterval === 0 });
      } finally {
        frame.close();
      }
      options.onProgress?.(i - start + 1, total);
    }
    await encoder.flush();
    await muxing;
    throwIf(signal, failure);
    await output.finalize();
  } catch (e) {
    if (encoder.state !== 'closed') encoder.close();
    if (output.state !== 'canceled' && output.state !== 'finalized') await output.cancel().catch(() => undefined);
    throw signal?.aborted ? signal.reason : e;
  } finally {
    signal?.removeEventListener('abort', notify);
  }
  if (encoder.state !== 'closed') encoder.close();

  const durationUs = clip.frameTimestampsUs[end - 1] + clip.frameDurationsUs[end - 1] - t0;
  return {
    blob: memory?.buffer ? new Blob([memory.buffer], { type: 'video/mp4' }) : undefined,
    filename,
    frameCount: total,
    durationUs,
    width: size.width,
    height: size.height,
    codec: config.codec,
  };
}

function throwIf(signal: AbortSignal | undefined, failure: unknown) {
  signal?.throwIfAborted();
  if (failure !== undefined) {
    const message = failure instanceof Error ? failure.message : String(failure);
    throw new Error(`export failed: ${message}`, { cause: failure });
  }
}
