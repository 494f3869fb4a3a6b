// The browser half of `npm run bench`: ms/frame of RVM and BGMv2 on each execution provider,
// through the same engines the nodes use, on frames the CLI decoded with ffmpeg (RGBA, served
// raw). RVM on WebGPU is timed both ways: frames through the CPU (pixels in, pixels out) and
// GPU-resident (frame texture -> tensor by WGSL, outputs kept on onnxruntime's device as the
// graph's shader nodes get them). An empty case list only reports the adapter (the CLI's probe).

import { gpuContextOnDevice, type GpuContext } from '../gpu/context.ts';
import { Image } from '../gpu/image.ts';
import { Bgmv2Engine } from '../ml/bgmv2-engine.ts';
import { InstalledModelLibrary } from '../ml/installed-models.ts';
import type { ModelLibrary } from '../ml/model-library.ts';
import { ortWebGpuDevice } from '../ml/ort-device.ts';
import { RvmEngine } from '../ml/rvm-engine.ts';
import { probeWebGpu } from '../ml/webgpu-probe.ts';
import type { BenchCase, BenchCaseResult, BenchPageJob, BenchPageResult } from './bench-protocol.ts';
import type { ProgressCallback } from './headless-protocol.ts';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const message = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0];

async function fetchFrames(path: string, width: number, height: number): Promise<Uint8ClampedArray[]> {
  const res = await fetch(path);
  if (!res.ok) throw new Error(`bench frames missing (HTTP ${res.status})`);
  const all = new Uint8ClampedArray(await res.arrayBuffer());
  const frameBytes = width * height * 4;
  const frames: Uint8ClampedArray[] = [];
  for (let at = 0; at + frameBytes <= all.length; at += frameBytes) frames.push(all.subarray(at, at + frameBytes));
  if (frames.length === 0) throw new Error('no bench frames');
  return frames;
}

/** Times `run` on warm-up then timed frames; `run` returns the frame's ms. */
async function timeRuns(c: BenchCase, frames: Uint8ClampedArray[], tick: ProgressCallback, run: (frame: Uint8ClampedArray, sequential: boolean) => Promise<number>, reset?: () => void) {
  const count = Math.min(c.count, frames.length);
  let runs = 0;
  const label = `${c.model === 'rvm' ? 'RVM' : 'BGMv2'} ${c.ep === 'wasm' ? 'WASM' : 'WebGPU'}${c.io === 'gpu' ? ' GPU-resident' : ''} run`;
  const warmupMs: number[] = [];
  for (let i = 0; i < c.warmup; i++) {
    warmupMs.push(await run(frames[i % frames.length], i > 0));
    tick(++runs, c.warmup + count, label);
  }
  reset?.();
  const ms: number[] = [];
  for (let i = 0; i < count; i++) {
    ms.push(await run(frames[i], i > 0));
    tick(++runs, c.warmup + count, label);
  }
  return { frames: count, msPerFrame: mean(ms), medianMs: median(ms), warmupMs };
}

async function rvmCase(models: ModelLibrary, c: BenchCase, frames: Uint8ClampedArray[], tick: ProgressCallback): Promise<BenchCaseResult> {
  const { width, height } = c.frames;
  const ratio = c.ratio ?? 1;
  let gpu: GpuContext | undefined;
  if (c.io === 'gpu') gpu = gpuContextOnDevice(await ortWebGpuDevice());
  const engine = new RvmEngine(models, gpu ? () => Promise.resolve(gpu) : undefined);
  try {
    const loadStarted = performance.now();
    await engine.prepare({ model: c.modelId, backend: c.ep });
    const loadMs = performance.now() - loadStarted;
    if (c.io === 'gpu' && engine.ioNote) throw new Error(engine.ioNote);
    const cpuRun = async (rgba: Uint8ClampedArray, sequential: boolean) => {
      const r = await engine.run({ rgba, width, height, ratio, sequential });
      if (r.ep !== c.ep) throw new Error(`RVM ran on ${r.ep} instead of ${c.ep}: ${engine.warning ?? ''}`);
      return r.ms;
    };
    // The frame arrives as a texture (as from a decoder or a shader node): uploaded before timing.
    const gpuRun = async (rgba: Uint8ClampedArray, sequential: boolean) => {
      const image = Image.fromPixels(width, height, 'image', rgba);
      try {
        image.texture(gpu!);
        await gpu!.device.queue.onSubmittedWorkDone();
        const r = await engine.runImage({ image, ratio, sequential, wantOutputs: true });
        r.pha?.dispose();
        r.fgr?.dispose();
        if (r.ep !== 'webgpu' || r.io !== 'gpu') throw new Error(`RVM ran on ${r.ep} with ${r.io} IO: ${engine.warning ?? engine.ioNote ?? ''}`);
        return r.ms;
      } finally {
        image.dispose();
      }
    };
    const timed = await timeRuns(c, frames, tick, c.io === 'gpu' ? gpuRun : cpuRun, () => engine.reset());
    return { ep: c.ep, ...timed, loadMs, id: c.id, model: 'rvm', io: c.io, width, height };
  } finally {
    engine.dispose();
  }
}

async function bgmv2Case(models: ModelLibrary, c: BenchCase, frames: Uint8ClampedArray[], tick: ProgressCallback): Promise<BenchCaseResult> {
  const { width, height } = c.frames;
  if (!c.platePath) throw new Error('no clean plate given');
  const [plate] = await fetchFrames(c.platePath, width, height);
  const library = c.modelIndexUrl ? new InstalledModelLibrary({ indexUrl: c.modelIndexUrl }) : models;
  let gpu: GpuContext | undefined;
  if (c.io === 'gpu') gpu = gpuContextOnDevice(await ortWebGpuDevice());
  const engine = new Bgmv2Engine(library, gpu ? () => Promise.resolve(gpu) : undefined);
  const plateImage = gpu ? Image.fromPixels(width, height, 'image', plate) : undefined;
  try {
    const loadStarted = performance.now();
    await engine.prepare({ model: c.modelId, backend: c.ep });
    const loadMs = performance.now() - loadStarted;
    if (c.io === 'gpu' && engine.ioNote) throw new Error(engine.ioNote);
    let facts: { cpuOps: string[]; refinedPatches: number } | undefined;
    const cpuRun = async (source: Uint8ClampedArray) => {
      const r = await engine.run({ source, plate, width, height });
      if (r.ep !== c.ep) throw new Error(`BGMv2 ran on ${r.ep} instead of ${c.ep}: ${engine.warning ?? ''}`);
      facts = { cpuOps: [...r.cpuOps], refinedPatches: r.refinedPatches };
      return r.ms;
    };
    // Source and plate arrive as textures (as from a decoder): uploaded before timing.
    const gpuRun = async (rgba: Uint8ClampedArray) => {
      const source = Image.fromPixels(width, height, 'image', rgba);
      try {
        source.texture(gpu!);
        plateImage!.texture(gpu!);
        await gpu!.device.queue.onSubmittedWorkDone();
        const r = await engine.runImages({ source, plate: plateImage! });
        for (const p of [r.pha, r.fgr, r.err, r.ref]) p.dispose();
        if (r.ep !== 'webgpu' || r.io !== 'gpu-resident') throw new Error(`BGMv2 ran on ${r.ep} with ${r.io} IO: ${engine.warning ?? engine.ioNote ?? ''}`);
        facts = { cpuOps: [...r.cpuOps], refinedPatches: r.refinedPatches };
        return r.ms;
      } finally {
        source.dispose();
      }
    };
    const timed = await timeRuns(c, frames, tick, c.io === 'gpu' ? gpuRun : cpuRun);
    return { ep: c.ep, ...timed, loadMs, id: c.id, model: 'bgmv2', io: c.io, width, height, ...facts };
  } finally {
    plateImage?.dispose();
    engine.dispose();
  }
}

async function runCase(models: ModelLibrary, c: BenchCase, tick: ProgressCallback): Promise<BenchCaseResult> {
  const facts = { id: c.id, model: c.model, io: c.io, width: c.frames.width, height: c.frames.height };
  const probe = await probeWebGpu();
  if (c.ep === 'webgpu' && !probe.available) return { ep: c.ep, skipped: probe.reason ?? 'no WebGPU', ...facts };
  try {
    const frames = await fetchFrames(c.frames.path, c.frames.width, c.frames.height);
    return await (c.model === 'rvm' ? rvmCase(models, c, frames, tick) : bgmv2Case(models, c, frames, tick));
  } catch (e) {
    return { ep: c.ep, skipped: message(e), ...facts };
  }
}

/** A job without cases: RVM on `eps` at the job's size, frames through the CPU, few on a software adapter. */
async function plainCases(job: BenchPageJob): Promise<BenchCase[]> {
  const software = (await probeWebGpu()).software;
  return job.eps.map((ep) => ({
    id: `rvm-${ep}-cpu`, model: 'rvm', modelId: job.modelId, ep, io: 'cpu', ratio: job.ratio,
    frames: { path: job.framesPath, width: job.width, height: job.height },
    count: ep === 'webgpu' && software ? job.webgpuSoftwareFrames : Number.MAX_SAFE_INTEGER,
    warmup: ep === 'webgpu' && software ? 1 : job.warmup,
  }));
}

export async function runBench(models: ModelLibrary, job: BenchPageJob, tick: ProgressCallback): Promise<BenchPageResult> {
  const results: BenchCaseResult[] = [];
  for (const c of job.cases ?? (await plainCases(job))) results.push(await runCase(models, c, tick));
  const probe = await probeWebGpu();
  return {
    eps: results,
    adapter: probe.available ? probe.description : `none (${probe.reason})`,
    softwareAdapter: probe.available && probe.software,
    threads: navigator.hardwareConcurrency,
    isolated: crossOriginIsolated,
  };
}
