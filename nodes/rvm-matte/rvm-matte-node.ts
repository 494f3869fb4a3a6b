// One RvmMatte node instance: its own model session and recurrent state (via RvmEngine), so two
// RVM nodes in a graph never mix their states. The source image goes in (from its texture on the
// WebGPU path, its pixels on WASM); pha comes out as a matte image, fgr as an image. Pre-roll
// frames (ctx.preRollFor, run by the evaluator after a jump) only move the state on.

import type { EvalContext, NodeInstance } from '../../src/graph/types.ts';
import { Image } from '../../src/gpu/image.ts';
import { resolveDownsampleRatio } from '../../src/ml/auto-ratio.ts';
import type { Backend } from '../../src/ml/ep-choice.ts';
import { RvmEngine, type RvmImageResult } from '../../src/ml/rvm-engine.ts';
import type { NodeServices } from '../services.ts';

const BACKENDS: readonly Backend[] = ['auto', 'webgpu', 'wasm'];

export class RvmMatteNode implements NodeInstance<NodeServices> {
  private engine?: RvmEngine;
  private engineServices?: NodeServices;
  /** Pre-roll frames run since the state last started over, and their time. */
  private preRolled = { frames: 0, ms: 0 };

  async evaluate(ctx: EvalContext<NodeServices>): Promise<Record<string, unknown>> {
    const source = ctx.inputs.source;
    if (!(source instanceof Image)) throw new Error('connect an image to "source"');
    const backend = String(ctx.params.backend ?? 'auto') as Backend;
    if (!BACKENDS.includes(backend)) throw new Error(`backend must be auto, webgpu or wasm, not "${backend}"`);
    const engine = this.engineFor(ctx.services);

    if (!engine.model) ctx.report({ state: 'working', message: 'loading model…' });
    await engine.prepare(
      { model: String(ctx.params.model ?? 'auto') || 'auto', backend, preferredEp: ctx.services.preferredEp },
      ctx.signal,
    );
    const ratio = resolveDownsampleRatio(ctx.params.downsampleRatio, source.width, source.height);
    const preRoll = ctx.preRollFor !== undefined;
    if (!ctx.sequential) this.preRolled = { frames: 0, ms: 0 };
    if (preRoll) ctx.report({ state: 'working', message: `pre-roll before frame ${ctx.preRollFor}: frame ${ctx.frame}` });
    ctx.signal.throwIfAborted();
    const result = await engine.runImage({ image: source, ratio, sequential: ctx.sequential, wantOutputs: !preRoll });
    if (preRoll) {
      this.preRolled = { frames: this.preRolled.frames + 1, ms: this.preRolled.ms + result.ms };
      return {};
    }
    this.reportDone(ctx, engine, result, ratio);
    this.preRolled = { frames: 0, ms: 0 };
    return { pha: result.pha, fgr: result.fgr };
  }

  reset(): void {
    this.engine?.reset();
  }

  dispose(): void {
    this.engine?.dispose();
    this.engine = undefined;
  }

  private reportDone(ctx: EvalContext<NodeServices>, engine: RvmEngine, result: RvmImageResult, ratio: number) {
    const model = engine.model!;
    const facts: Record<string, string> = {
      EP: result.ep,
      precision: model.precision,
      model: model.label,
      ratio: String(ratio),
      'ms/frame': String(Math.round(result.ms)),
      IO: ioFact(result, engine.session?.cpuOps ?? []),
    };
    if (engine.note) facts['EP note'] = engine.note;
    const rewrites = result.ep === 'webgpu' ? engine.session?.clipRewrites ?? 0 : 0;
    if (rewrites) facts['WebGPU graph'] = `${rewrites} Min/Max run as Clip`;
    if (result.ep === 'webgpu' && result.io === 'cpu' && engine.ioNote) facts['IO note'] = engine.ioNote;
    if (this.preRolled.frames > 0) {
      facts['pre-roll'] = `${this.preRolled.frames} frames, ${(this.preRolled.ms / 1000).toFixed(1)} s`;
    }
    ctx.report(engine.warning ? { state: 'warning', message: engine.warning, facts } : { state: 'ready', facts });
  }

  private engineFor(services: NodeServices): RvmEngine {
    if (!this.engine || this.engineServices !== services) {
      this.engine?.dispose();
      this.engine = new RvmEngine(services.models, () => services.gpu());
      this.engineServices = services;
    }
    return this.engine;
  }
}

/** Where frames and results went: GPU-resident, with CPU copies for ops lacking a WebGPU kernel, or the CPU. */
function ioFact(result: RvmImageResult, cpuOps: readonly string[]): string {
  if (result.ep === 'wasm') return 'CPU';
  if (result.io === 'cpu') return 'CPU copy';
  return cpuOps.length ? `GPU (CPU copies for ${cpuOps.join(', ')})` : 'GPU (no readback)';
}
