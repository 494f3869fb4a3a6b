// What the bench asks of the headless page beyond the render protocol (headless-protocol.ts):
// a list of timed cases, each one model on one execution provider with its frames kept on the
// CPU or on the GPU. The job and result extend the render page's HeadlessBenchJob/Result, so the
// page's `bench` entry point takes either.

import type { BenchEpResult, HeadlessBenchJob, HeadlessBenchResult } from './headless-protocol.ts';

export interface BenchFrameSet {
  /** Raw RGBA frames, width*height*4 bytes each, back to back. */
  path: string;
  width: number;
  height: number;
}

export interface BenchCase {
  /** e.g. `rvm-webgpu-gpu`: names the case in the report. */
  id: string;
  model: 'rvm' | 'bgmv2';
  modelId: string;
  /** Installed list to load the model from (a bench-built test model); absent: /models/installed.json. */
  modelIndexUrl?: string;
  ep: 'wasm' | 'webgpu';
  /** `gpu`: frame texture -> tensor by WGSL, outputs kept on the GPU (RVM on WebGPU only). */
  io: 'cpu' | 'gpu';
  frames: BenchFrameSet;
  /** BGMv2's clean plate (one RGBA frame of the same size). */
  platePath?: string;
  /** RVM's downsample ratio. */
  ratio?: number;
  /** Frames timed (at most the set's). */
  count: number;
  warmup: number;
}

export interface BenchPageJob extends HeadlessBenchJob {
  /** When given, these are run instead of RVM on `eps` at the job's size. */
  cases?: BenchCase[];
}

export interface CaseFacts {
  id: string;
  model: 'rvm' | 'bgmv2';
  io: 'cpu' | 'gpu';
  width: number;
  height: number;
  /** Ops run on the CPU next to WebGPU (BGMv2's refiner). */
  cpuOps?: string[];
  refinedPatches?: number;
}

export type BenchCaseResult = BenchEpResult & Partial<CaseFacts>;

export interface BenchPageResult extends HeadlessBenchResult {
  eps: BenchCaseResult[];
  /** The adapter is a software one (SwiftShader): WebGPU figures say nothing about a real GPU. */
  softwareAdapter: boolean;
}
