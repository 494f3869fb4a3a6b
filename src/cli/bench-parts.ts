// The RVM and BGMv2 parts of the bench: native reference(s) on onnxruntime-node, then the browser
// cases in the bench's page session, turned into report lines with their ratio to the native
// time at the same size.

import { autoDownsampleRatio } from '../ml/auto-ratio.ts';
import type { BenchOptions } from './bench-args.ts';
import { buildTestModel, installedBgmv2, nativeBgmv2 } from './bench-bgmv2.ts';
import type { BenchCase, BenchCaseResult } from './bench-protocol.ts';
import { withRatios, type ModelSection, type TimedLine } from './bench-report.ts';
import { nativeRvm, type BrowserBenchSession } from './bench-runs.ts';
import { CliError } from './cli-error.ts';
import { installedModelFile } from './installed-model.ts';
import type { ProgressLine } from './progress.ts';
import { modelsDirFor } from './project-paths.ts';

export interface FrameSet {
  width: number;
  height: number;
  frames: Uint8Array[];
}

export interface PartContext {
  opts: BenchOptions;
  session: BrowserBenchSession;
  progress: ProgressLine;
  /** WASM runs on the bench frames. */
  main: FrameSet;
  /** WebGPU runs on these (small on a software adapter). */
  webgpu: FrameSet;
  softwareAdapter: boolean;
  adapter: string;
  work: string;
}

export const NATIVE = 'onnxruntime-node (CPU)';
export const RUNTIMES = {
  wasm: 'onnxruntime-web WASM',
  'webgpu-cpu': 'onnxruntime-web WebGPU, frames via CPU',
  'webgpu-gpu': 'onnxruntime-web WebGPU, GPU-resident',
} as const;

const sizeKey = (s: FrameSet) => `${s.width}x${s.height}`;
const sameSize = (a: FrameSet, b: FrameSet) => a.width === b.width && a.height === b.height;

/** A browser case's report line. */
export function caseLine(r: BenchCaseResult, runtime: string, note?: string): TimedLine {
  const size = { width: r.width ?? 0, height: r.height ?? 0 };
  if (r.skipped !== undefined) return { runtime, ...size, skipped: r.skipped };
  return { runtime, ...size, frames: r.frames, msPerFrame: r.msPerFrame, medianMs: r.medianMs, warmupMs: r.warmupMs, loadMs: r.loadMs, note };
}

function webgpuNote(ctx: PartContext, extra?: string): string | undefined {
  const software = ctx.softwareAdapter ? `software adapter (${ctx.adapter}): ${ctx.webgpu.frames.length} frames, 1 warm-up` : undefined;
  return [software, extra].filter(Boolean).join('; ') || undefined;
}

function casesOf(ctx: PartContext, base: Omit<BenchCase, 'id' | 'ep' | 'io' | 'frames' | 'count' | 'warmup'>, framePaths: { main: string; webgpu: string }, gpuResident: boolean): BenchCase[] {
  const { opts, main, webgpu } = ctx;
  const webgpuWarmup = ctx.softwareAdapter ? 1 : opts.warmup;
  const cases: BenchCase[] = [{
    ...base, id: `${base.model}-wasm`, ep: 'wasm', io: 'cpu', count: main.frames.length, warmup: opts.warmup,
    frames: { path: framePaths.main, width: main.width, height: main.height },
  }];
  if (!opts.webgpu) return cases;
  const small = { path: framePaths.webgpu, width: webgpu.width, height: webgpu.height };
  cases.push({ ...base, id: `${base.model}-webgpu-cpu`, ep: 'webgpu', io: 'cpu', count: webgpu.frames.length, warmup: webgpuWarmup, frames: small });
  if (gpuResident) cases.push({ ...base, id: `${base.model}-webgpu-gpu`, ep: 'webgpu', io: 'gpu', count: webgpu.frames.length, warmup: webgpuWarmup, frames: small });
  return cases;
}

export async function rvmPart(ctx: PartContext): Promise<ModelSection> {
  const { opts, main, webgpu, progress, session } = ctx;
  let model;
  try {
    model = installedModelFile(modelsDirFor(opts.modelsDir), opts.model);
  } catch (e) {
    if (e instanceof CliError) return { skipped: e.message, lines: [] };
    throw e;
  }
  const ratioFor = (s: { width: number; height: number }) => opts.ratio ?? autoDownsampleRatio(s.width, s.height);
  const lines: TimedLine[] = [];
  progress.log(`RVM on onnxruntime-node: ${opts.warmup} warm-up runs, then ${main.frames.length} frames at ${sizeKey(main)}...`);
  lines.push({ runtime: NATIVE, reference: true, ...size(main), ...(await nativeRvm(model.path, main.frames, main.width, main.height, ratioFor(main), opts.warmup)) });
  const smallReference = opts.webgpu && !sameSize(main, webgpu);
  if (smallReference) {
    progress.log(`RVM on onnxruntime-node at the WebGPU size ${sizeKey(webgpu)}...`);
    lines.push({ runtime: NATIVE, reference: true, ...size(webgpu), ...(await nativeRvm(model.path, webgpu.frames, webgpu.width, webgpu.height, ratioFor(webgpu), opts.warmup)) });
  }
  progress.log(`RVM in the browser: WASM${opts.webgpu ? ', then WebGPU with frames via the CPU, then GPU-resident' : ''}...`);
  const paths = { main: session.serveFrames('rvm-main.rgba', main.frames), webgpu: session.serveFrames('rvm-webgpu.rgba', webgpu.frames) };
  const cases = casesOf(ctx, { model: 'rvm', modelId: model.entry.id }, paths, true).map((c) => ({ ...c, ratio: ratioFor(c.frames) }));
  const results = (await session.run(cases)).eps;
  for (const [i, r] of results.entries()) {
    const io = cases[i].ep === 'wasm' ? 'wasm' : cases[i].io === 'gpu' ? 'webgpu-gpu' : 'webgpu-cpu';
    lines.push(caseLine(r, RUNTIMES[io], cases[i].ep === 'webgpu' ? webgpuNote(ctx) : undefined));
  }
  const ratios: Record<string, number> = { [sizeKey(main)]: ratioFor(main) };
  if (smallReference) ratios[sizeKey(webgpu)] = ratioFor(webgpu);
  return { model: { id: model.entry.id, precision: model.entry.precision, file: model.path }, lines: withRatios(order(lines)), ratios };
}

export async function bgmv2Part(ctx: PartContext, plate: { main: Uint8Array; webgpu: Uint8Array }): Promise<ModelSection> {
  const { opts, main, webgpu, progress, session } = ctx;
  const model = installedBgmv2(modelsDirFor(opts.modelsDir), opts.bgmv2Model) ?? (await buildTestModel(ctx.work));
  if (!model.ok) return { skipped: `no BGMv2 model: ${model.reason}`, lines: [] };
  const lines: TimedLine[] = [];
  progress.log(`BGMv2 (${model.label}) on onnxruntime-node at ${sizeKey(main)}...`);
  const nativeLine = async (s: FrameSet, p: Uint8Array): Promise<TimedLine> => {
    const r = await nativeBgmv2(model.path, s.frames, p, s.width, s.height, opts.warmup);
    const note = r.padded.width !== s.width || r.padded.height !== s.height ? `run padded to ${r.padded.width}x${r.padded.height}` : undefined;
    return { runtime: NATIVE, reference: true, ...size(s), frames: r.frames, msPerFrame: r.msPerFrame, medianMs: r.medianMs, warmupMs: r.warmupMs, note };
  };
  lines.push(await nativeLine(main, plate.main));
  if (opts.webgpu && !sameSize(main, webgpu)) lines.push(await nativeLine(webgpu, plate.webgpu));
  progress.log(`BGMv2 in the browser: WASM${opts.webgpu ? ', then WebGPU' : ''}...`);
  const paths = { main: session.serveFrames('bgmv2-main.rgba', main.frames), webgpu: session.serveFrames('bgmv2-webgpu.rgba', webgpu.frames) };
  const plates = { main: session.serveFrames('plate-main.rgba', [plate.main]), webgpu: session.serveFrames('plate-webgpu.rgba', [plate.webgpu]) };
  const modelIndexUrl = model.source === 'test-model' ? session.serveModelList(model.entry, model.path) : undefined;
  const cases = casesOf(ctx, { model: 'bgmv2', modelId: model.entry.id, modelIndexUrl }, paths, true)
    .map((c) => ({ ...c, platePath: c.ep === 'wasm' ? plates.main : plates.webgpu }));
  const results = (await session.run(cases)).eps;
  for (const [i, r] of results.entries()) {
    const split = r.cpuOps?.length ? `${r.cpuOps.join(', ')} on the CPU beside WebGPU` : undefined;
    const patches = r.refinedPatches !== undefined ? `${r.refinedPatches} patches refined` : undefined;
    const note = cases[i].ep === 'webgpu' ? webgpuNote(ctx, [split, patches].filter(Boolean).join(', ')) : patches;
    lines.push(caseLine(r, cases[i].ep === 'wasm' ? RUNTIMES.wasm : RUNTIMES[cases[i].io === 'gpu' ? 'webgpu-gpu' : 'webgpu-cpu'], note));
  }
  return {
    model: { id: model.entry.id, precision: model.entry.precision, file: model.path, label: model.label },
    lines: withRatios(order(lines)),
  };
}

const size = (s: FrameSet) => ({ width: s.width, height: s.height });

/** Lines grouped by frame size, the reference first in each group. */
function order(lines: TimedLine[]): TimedLine[] {
  const sizes = [...new Set(lines.map((l) => `${l.width}x${l.height}`))];
  return sizes.flatMap((s) => {
    const group = lines.filter((l) => `${l.width}x${l.height}` === s);
    return [...group.filter((l) => l.reference), ...group.filter((l) => !l.reference)];
  });
}
