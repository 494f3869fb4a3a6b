// The export job: pulls every frame of the clip (or a range) through the graph to the Export
// node and writes it in the node's format (export-settings.ts): MP4 or WebM video with the
// source's audio, WebM with alpha, a colour + matte pair, or an RGBA PNG sequence. Output has
// the source's frame count, timestamps and durations. Cancelling or failing stops promptly and
// leaves nothing that looks finished (the CLI discards partial files; memory returns nothing).

import type { GraphDocument } from '../graph/document.ts';
import type { Evaluator } from '../graph/evaluator.ts';
import type { NodeServices } from '../../nodes/services.ts';
import type { GpuContext } from '../gpu/context.ts';
import { Image } from '../gpu/image.ts';
import { clipMediaOf } from './clip-media.ts';
import type { YuvEncoding } from './color-matrix.ts';
import { PngSequenceSink, VideoSink, type FrameSink } from './export-sinks.ts';
import { exportSettings, filenameFor, type ColourMode, type ExportFormat } from './export-settings.ts';
import type { ExportTarget } from './export-target.ts';
import { exportSpan } from './export-span.ts';
import { evenSize } from './rgba-to-i420.ts';
import { videoEncoderConfig, type ChosenEncoderConfig } from './video-encoder-config.ts';

export type { ExportTarget } from './export-target.ts';

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
  /** Replaces the node's file name (the CLI names outputs after --out). */
  outputName?: string;
  /** Replaces the node's format (the CLI writes a PNG sequence when --out is a folder). */
  format?: ExportFormat;
}

export interface ExportResult {
  /** The main file, for a memory target (a ZIP for a PNG sequence). */
  blob?: Blob;
  filename: string;
  /** Every file written, the main one first. */
  files: { name: string; blob?: Blob }[];
  format: ExportFormat;
  frameCount: number;
  durationUs: number;
  width: number;
  height: number;
  codec: string;
  /** Colour of a transparent export: straight or premultiplied by alpha. */
  alphaColour?: ColourMode;
  /** What happened to the source's audio, when it had any. */
  audio?: string;
  /** Choices made for the user (codec for WebM, padding, re-encoded audio ...). */
  notes: string[];
}

export async function runExport(options: ExportOptions): Promise<ExportResult> {
  const { evaluator, exportNodeId, gpu, signal, target } = options;
  const node = evaluator.document.nodes.find((n) => n.id === exportNodeId);
  if (!node) throw new Error(`there is no node "${exportNodeId}" to export from`);
  const settings = exportSettings(options.format ? { ...node.params, format: options.format } : node.params);
  const notes = [...settings.notes];
  const filename = options.outputName
    ? filenameFor(options.outputName, settings.container === 'png' ? 'zip' : settings.container)
    : settings.filename;

  const clip = await evaluator.clipInfo(exportNodeId, signal);
  if (!clip) throw new Error('nothing to export: no video source feeds the Export node');
  const { start, end, total, t0, cfr, fps, durationUs } = exportSpan(clip, options.range);
  const media = clipMediaOf(clip);

  const alphaConnected = evaluator.document.edges.some((e) => e.to.node === exportNodeId && e.to.port === 'alpha');
  if (alphaConnected && settings.alpha === 'none') {
    notes.push(`the Alpha input is not used: ${containerLabel(settings.container)} video has no transparency (the image's colour is written as it is)`);
  }
  const pull = async (port: 'image' | 'alpha', i: number): Promise<Image> => {
    const value = await evaluator.evaluate({ node: exportNodeId, port }, i, signal);
    if (!(value instanceof Image)) throw new Error(`frame ${i}: nothing arrives at the Export node's ${port} input`);
    return value;
  };
  const wantsAlpha = alphaConnected && settings.alpha !== 'none';
  const exact = settings.container === 'png' || settings.codec !== 'h264';
  const codedSize = (w: number, h: number) => (exact ? { width: w, height: h } : evenSize(w, h));

  // A size the encoder refuses fails now, not after the first frame (a matte of a huge frame
  // can take a minute), when the export's size is surely the source's.
  let early: { width: number; height: number; chosen: ChosenEncoderConfig } | undefined;
  if (settings.container !== 'png' && exportSizeIsSourceSize(evaluator.document, exportNodeId)) {
    const { width, height } = codedSize(clip.width, clip.height);
    const chosen = await videoEncoderConfig(settings.codec, width, height, fps, settings.bitrate, settings.quality);
    early = { width, height, chosen };
  }

  // The first frame decides the size (a node upstream may have scaled the picture).
  const first = await pull('image', start);
  const size = { width: first.width, height: first.height };
  const coded = codedSize(size.width, size.height);
  if (!exact && (coded.width !== size.width || coded.height !== size.height)) {
    notes.push(`${size.width}x${size.height} padded to ${coded.width}x${coded.height} by repeating the edge (H.264 needs even sizes)`);
  }
  const enc: YuvEncoding = { matrix: coded.height >= 720 ? 'bt709' : 'bt601', fullRange: false };

  let sink: FrameSink;
  let audio: string | undefined;
  let codec = 'png';
  if (settings.container === 'png') {
    const digits = Math.max(6, String(end - 1).length);
    sink = new PngSequenceSink(settings, target, filename, size.width, size.height, digits);
  } else {
    const chosen = early && early.width === coded.width && early.height === coded.height
      ? early.chosen
      : await videoEncoderConfig(settings.codec, coded.width, coded.height, fps, settings.bitrate, settings.quality);
    notes.push(...chosen.notes);
    codec = chosen.config.codec;
    // A whole-clip export keeps all the audio; a range takes what lies under its frames.
    const window = media && {
      start: media.startSeconds + t0 / 1e6,
      end: options.range ? media.startSeconds + (t0 + durationUs) / 1e6 : Infinity,
    };
    const video = await VideoSink.create({
      settings,
      target,
      filename,
      shape: { width: size.width, height: size.height, exact },
      enc,
      chosen,
      // Constant rates are snapped exactly (30000/1001); MP4 keeps a variable rate's real ticks.
      frameRate: cfr ?? (settings.container === 'mp4' ? media?.timescale : undefined),
      frameCount: total,
      audioFrom: media && window ? { blob: media.blob, window } : undefined,
    });
    sink = video;
    audio = video.audioDescription;
    if (audio && video.audioReencoded) notes.push(audio);
  }

  const onAbort = () => sink.notify();
  signal?.addEventListener('abort', onAbort);
  const keyInterval = Math.max(1, Math.round(fps * 2));
  let files;
  try {
    for (let i = start; i < end; i++) {
      signal?.throwIfAborted();
      const image = i === start ? first : await pull('image', i);
      if (image.width !== size.width || image.height !== size.height) {
        throw new Error(`frame ${i} is ${image.width}x${image.height}, but the export started at ${size.width}x${size.height}`);
      }
      // Images are owned by the evaluator and valid until the next evaluate: read both first.
      const colour = await image.pixels(gpu);
      const matte = wantsAlpha ? await (await pull('alpha', i)).pixels(gpu) : undefined;
      if (i === start && settings.alpha !== 'none' && !matte && isOpaque(colour)) {
        notes.push('the Alpha input is not connected and the picture is opaque: the export has no transparency');
      }
      if (i === start && settings.alpha === 'none' && image.kind !== 'matte' && !alphaConnected && !isOpaque(colour)) {
        // As Nuke writes RGBA to an RGB format: the colour channels as they are, alpha dropped.
        notes.push(`the picture's alpha is not written (${containerLabel(settings.container)} video has no transparency): ` +
          'its colour is written straight, as stored, not darkened by alpha; for transparency choose WebM with alpha, colour + matte or a PNG sequence');
      }
      await sink.write({
        index: i,
        colour,
        colourIsMatte: image.kind === 'matte',
        matte,
        timestamp: clip.frameTimestampsUs[i] - t0,
        duration: clip.frameDurationsUs[i],
        keyFrame: (i - start) % keyInterval === 0,
      }, signal);
      options.onProgress?.(i - start + 1, total);
    }
    files = await sink.finish(signal);
  } catch (e) {
    await sink.cancel();
    throw signal?.aborted ? signal.reason : e;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }

  return {
    blob: files[0]?.blob,
    filename,
    files,
    format: settings.format,
    frameCount: total,
    durationUs,
    width: settings.container === 'png' ? size.width : coded.width,
    height: settings.container === 'png' ? size.height : coded.height,
    codec,
    alphaColour: settings.alpha === 'none' ? undefined : settings.colour,
    audio,
    notes,
  };
}

/**
 * True when the picture reaching the Export node has the source clip's size: one source upstream
 * and no plate picture or plate video (those keep their own size); every other node's picture
 * is the size of the frame it was given.
 */
function exportSizeIsSourceSize(doc: GraphDocument, exportNodeId: string): boolean {
  const upstream = new Set<string>();
  const pending = [exportNodeId];
  while (pending.length) {
    const id = pending.pop()!;
    for (const e of doc.edges) {
      if (e.to.node === id && !upstream.has(e.from.node)) {
        upstream.add(e.from.node);
        pending.push(e.from.node);
      }
    }
  }
  const nodes = doc.nodes.filter((n) => upstream.has(n.id));
  const sources = nodes.filter((n) => n.type === 'VideoSource' || n.type === 'WebcamSource');
  const ownSizePlate = nodes.some((n) => n.type === 'BackgroundPlate' && (n.params.mode === 'image' || n.params.mode === 'video'));
  // A camera may deliver another size than it was asked for: its frames decide.
  return sources.length === 1 && sources[0].type === 'VideoSource' && !ownSizePlate;
}

const containerLabel = (c: 'mp4' | 'webm' | 'png') => (c === 'webm' ? 'WebM' : c.toUpperCase());

function isOpaque(rgba: Uint8ClampedArray): boolean {
  for (let i = 3; i < rgba.length; i += 4) if (rgba[i] !== 255) return false;
  return true;
}
