// What the Node side of the CLI and the headless page (headless-page.ts) say to each other.
// The page exposes `window.mattegraphHeadless`; the CLI exposes `window.mattegraphProgress`.

import type { NodeStatus } from '../graph/types.ts';
import type { ParamKind } from './param-value.ts';

/** Param kinds by node type and param key, from the page's node registry. */
export type ParamKinds = Record<string, Record<string, ParamKind>>;

export interface HeadlessRenderJob {
  /** The graph file's JSON with --set values applied and file paths made absolute. */
  graphText: string;
  /** Local file path (as written in the graph) -> URL path on the CLI's server. */
  media: Record<string, string>;
  /** Frame indices [start, end). */
  range?: { start: number; end: number };
  ep?: 'wasm' | 'webgpu';
  /** Chunks of the MP4 are POSTed here, `?position=N` giving their byte offset. */
  sinkPath: string;
}

export type HeadlessRenderResult =
  | { ok: true; frames: number; exportMs: number; statuses: Record<string, NodeStatus> }
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
  render(job: HeadlessRenderJob): Promise<HeadlessRenderResult>;
  bench(job: HeadlessBenchJob): Promise<HeadlessBenchResult>;
}

/** Progress: `done` of `total` (frames of a render, or runs of a bench step named by `label`). */
export type ProgressCallback = (done: number, total: number, label?: string) => void;

export const HEADLESS_API = 'mattegraphHeadless';
export const PROGRESS_FUNCTION = 'mattegraphProgress';
