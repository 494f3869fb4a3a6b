// The browser half of `npm run bench`: RVM ms/frame on each execution provider, through the
// same RvmEngine the RVM node uses, on frames the CLI decoded with ffmpeg (RGBA, served raw).

import type { ModelLibrary } from '../ml/model-library.ts';
import { RvmEngine } from '../ml/rvm-engine.ts';
import { probeWebGpu } from '../ml/webgpu-probe.ts';
import type { BenchEpResult, HeadlessBenchJob, HeadlessBenchResult, ProgressCallback } from './headless-protocol.ts';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

async function benchEp(
  models: ModelLibrary,
  job: HeadlessBenchJob,
  frames: Uint8ClampedArray[],
  ep: 'wasm' | 'webgpu',
  tick: ProgressCallback,
): Promise<BenchEpResult> {
  const probe = await probeWebGpu();
  if (ep === 'webgpu' && !probe.available) return { ep, skipped: probe.reason ?? 'no WebGPU' };
  const software = ep === 'webgpu' && probe.software;
  const count = software ? Math.min(job.webgpuSoftwareFrames, frames.length) : frames.length;
  const warmup = software ? 1 : job.warmup;
  const engine = new RvmEngine(models);
  try {
    const loadStarted = performance.now();
    await engine.prepare({ model: job.modelId, backend: ep });
    const loadMs = performance.now() - loadStarted;
    let runs = 0;
    const label = `RVM ${ep === 'wasm' ? 'WASM' : 'WebGPU'} run`;
    const run = async (i: number, sequential: boolean) => {
      const r = await engine.run({ rgba: frames[i], width: job.width, height: job.height, ratio: job.ratio, sequential });
      tick(++runs, warmup + count, label);
      if (r.ep !== ep) throw new Error(`RVM ran on ${r.ep} instead of ${ep}: ${engine.warning ?? ''}`);
      return r.ms;
    };
    const warmupMs: number[] = [];
    for (let i = 0; i < warmup; i++) warmupMs.push(await run(i % frames.length, i > 0));
    engine.reset();
    const ms: number[] = [];
    for (let i = 0; i < count; i++) ms.push(await run(i, i > 0));
    return {
      ep,
      frames: count,
      msPerFrame: mean(ms),
      medianMs: median(ms),
      warmupMs,
      loadMs,
      note: software ? `software WebGPU adapter (${probe.description}): timed on ${count} frame(s) only` : undefined,
    };
  } catch (e) {
    return { ep, skipped: (e instanceof Error ? e.message : String(e)).split('\n')[0] };
  } finally {
    engine.dispose();
  }
}

export async function runBench(models: ModelLibrary, job: HeadlessBenchJob, tick: ProgressCallback): Promise<HeadlessBenchResult> {
  const res = await fetch(job.framesPath);
  if (!res.ok) throw new Error(`bench frames missing (HTTP ${res.status})`);
  const all = new Uint8ClampedArray(await res.arrayBuffer());
  const frameBytes = job.width * job.height * 4;
  const frames: Uint8ClampedArray[] = [];
  for (let at = 0; at + frameBytes <= all.length; at += frameBytes) frames.push(all.subarray(at, at + frameBytes));
  if (frames.length === 0) throw new Error('no bench frames');
  const results: BenchEpResult[] = [];
  for (const ep of job.eps) results.push(await benchEp(models, job, frames, ep, tick));
  const probe = await probeWebGpu();
  return { eps: results, adapter: probe.available ? probe.description : `none (${probe.reason})`, threads: navigator.hardwareConcurrency, isolated: crossOriginIsolated };
}
