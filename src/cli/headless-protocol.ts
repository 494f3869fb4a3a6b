// What the Node side of the CLI and the headless page (headless-page.ts) say to each other.
// The page exposes `window.mattegraphHeadless`; the CLI exposes `window.mattegraphProgress`.

import type { NodeStatus } from '../graph/types.ts';
import type { ExportFormat } from '../media/export-settings.ts';
import type { ParamKind } from './param-value.ts';

/** Param kinds by node type and param key, from the page's node registry. */
export type ParamKinds = Record<string, Record<string, ParamKind>>;

/** The model family of each `model` param, by node type and param key. */
export type ModelParams = Record<string, Record<string, string>>;

export interface HeadlessRenderJob {
  /** The graph file's JSON with --set values applied and file paths made absolute. */
  graphText: string;
  /** Local file path (as written in the graph) -> URL path on the CLI's server. */
  media: Record<string, string>;
  /** Frame indices [start, end). */
  range?: { start: number; end: number };
  ep?: 'wasm' | 'webgpu';
  /** Chunks of the output are POSTed here, `?position=N` giving their byte offset (`&file=NAME` for a second file). */
  sinkPath: string;
  /** Base name the export names its files after (from --out). */
  outputName?: string;
  /** Export format chosen by --out when the graph leaves it open. */
  format?: ExportFormat;
}

export type HeadlessRenderResult =
  | {
      ok: true;
      frames: number;
      exportMs: number;
      statuses: Record<string, NodeStatus>;
      /** What the user should know (codec chosen for WebM, padding, audio re-encoded ...). */
      notes: string[];
      /** What happened to the source's audio, when it had any. */
      audio?: string;
      /** Straight or premultiplied colour, for transparent formats. */
      alphaColour?: string;
      format: string;
      /** VideoFrames left open once the graph is disposed (0 unless something leaks). */
      openVideoFrames: number;
    }
  | { ok: false; message: string; stack?: string; statuses: Record<string, NodeStatus> };

export interface HeadlessBenchJob {
  /** Raw RGBA frames, width*height*4 bytes each, back to back. */
  framesPath: string;
  width: number;
  height: number;
  modelId: string;
  ratio: number;
  eps: ('wasm' | 'webgpu')[];
  /** Untimed runs before timing (WASM's first runs are 2-4x slower). */
  warmup: number;
  /** Frames timed on a software WebGPU adapter (~20 s each). */
  webgpuSoftwareFrames: number;
}

export type BenchEpResult =
  | { ep: 'wasm' | 'webgpu'; skipped: string }
  | {
      ep: 'wasm' | 'webgpu';
      skipped?: undefined;
      frames: number;
      msPerFrame: number;
      medianMs: number;
      warmupMs: number[];
      /** Model fetch and session creation. */
      loadMs: number;
      note?: string;
    };

export interface HeadlessBenchResult {
  eps: BenchEpResult[];
  adapter: string;
  threads: number;
  isolated: boolean;
}

export interface HeadlessApi {
  paramKinds(): ParamKinds;
  modelParams(): ModelParams;
  render(job: HeadlessRenderJob): Promise<HeadlessRenderResult>;
  bench(job: HeadlessBenchJob): Promise<HeadlessBenchResult>;
}

/** Progress: `done` of `total` (frames of a render, or runs of a bench step named by `label`). */
export type ProgressCallback = (done: number, total: number, label?: string) => void;

export const HEADLESS_API = 'mattegraphHeadless';
export const PROGRESS_FUNCTION = 'mattegraphProgress';
