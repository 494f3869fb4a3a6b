// One Bgmv2Matte node instance: its own model session (via Bgmv2Engine). The plate is resized to
// the frame when its size differs, and checked against the frame: a plate that does not look
// like this shot gives a warning, because BGMv2 then mattes garbage without complaint. On the
// WebGPU path the pictures go in as textures and come out as textures (the engine's GPU IO);
// the node's facts say which path a frame took.

import { Image } from '../../src/gpu/image.ts';
import type { EvalContext, NodeInstance, NodeStatus } from '../../src/graph/types.ts';
import { isPadded } from '../../src/ml/bgmv2-frame-layout.ts';
import { Bgmv2Engine, type Bgmv2ImageResult } from '../../src/ml/bgmv2-engine.ts';
import { describeRefiner } from '../../src/ml/bgmv2-refiner.ts';
import type { Backend } from '../../src/ml/ep-choice.ts';
import { plateMismatchWarning } from '../../src/ml/plate-match.ts';
import type { NodeServices } from '../services.ts';

const BACKENDS: readonly Backend[] = ['auto', 'webgpu', 'wasm'];

export class Bgmv2MatteNode implements NodeInstance<NodeServices> {
  private engine?: Bgmv2Engine;
  private engineServices?: NodeServices;

  async evaluate(ctx: EvalContext<NodeServices>): Promise<Record<string, unknown>> {
    const source = ctx.inputs.source;
    const plate = ctx.inputs.plate;
    if (!(source instanceof Image)) throw new Error('connect an image to "source"');
    if (!(plate instanceof Image)) throw new Error('connect a clean plate of this shot to "plate"');
    const backend = String(ctx.params.backend ?? 'auto') as Backend;
    if (!BACKENDS.includes(backend)) throw new Error(`backend must be auto, webgpu or wasm, not "${backend}"`);
    const engine = this.engineFor(ctx.services);

    if (!engine.model) ctx.report({ state: 'working', message: 'loading model…' });
    await engine.prepare({ model: String(ctx.params.model ?? 'auto') || 'auto', backend, preferredEp: ctx.services.preferredEp }, ctx.signal);
    ctx.signal.throwIfAborted();
    const result = await engine.runImages({ source, plate });
    const { width, height } = source;
    const resized = plate.width !== width || plate.height !== height;
    const warnings = [
      plateMismatchWarning(result.plateMatch),
      resized ? `plate resized from ${plate.width}x${plate.height} to the frame's ${width}x${height}` : undefined,
      engine.warning,
    ].filter((w): w is string => Boolean(w));
    const facts = this.facts(engine, result);
    const status: NodeStatus = warnings.length ? { state: 'warning', message: warnings.join('; '), facts } : { state: 'ready', facts };
    ctx.report(status);
    return { pha: result.pha, fgr: result.fgr, err: result.err, ref: result.ref };
  }

  reset(): void {} // stateless: every frame stands alone

  dispose(): void {
    this.engine?.dispose();
    this.engine = undefined;
  }

  private facts(engine: Bgmv2Engine, r: Bgmv2ImageResult): Record<string, string> {
    const model = engine.model!;
    const { layout } = r;
    const facts: Record<string, string> = {
      EP: r.ep === 'webgpu' && r.cpuOps.length ? `WebGPU + CPU for ${r.cpuOps.join(', ')}` : r.ep,
      precision: model.precision,
      model: model.label,
      refiner: describeRefiner(engine.refiner!),
      scale: fraction(r.backboneScale),
      'refined patches': String(r.refinedPatches),
      'plate match': `${Math.round(r.plateMatch * 100)}%`,
      'ms/frame': String(Math.round(r.ms)),
      IO: ioFact(r),
    };
    if (r.ep === 'webgpu' && r.io === 'cpu' && engine.ioNote) facts['IO note'] = engine.ioNote;
    if (engine.preset) facts.preset = `${engine.preset.refineMode}, scale ${fraction(engine.preset.backboneScale)}`;
    if (isPadded(layout)) {
      facts.padded = `${layout.width}x${layout.height} → ${layout.paddedWidth}x${layout.paddedHeight} for the model, cropped back`;
    }
    if (engine.note) facts['EP note'] = engine.note;
    return facts;
  }

  private engineFor(services: NodeServices): Bgmv2Engine {
    if (!this.engine || this.engineServices !== services) {
      this.engine?.dispose();
      this.engine = new Bgmv2Engine(services.models, () => services.gpu());
      this.engineServices = services;
    }
    return this.engine;
  }
}

/** 0.25 → "1/4"; anything not 1/n as a decimal. */
function fraction(scale: number): string {
  const n = Math.round(1 / scale);
  return Math.abs(n * scale - 1) < 1e-6 ? `1/${n}` : String(Math.round(scale * 1000) / 1000);
}

/** Where the frame went: kept on the GPU, copied through the CPU around a WebGPU run, or the CPU. */
function ioFact(r: Bgmv2ImageResult): string {
  if (r.ep === 'wasm') return 'CPU';
  if (r.io === 'cpu') return 'CPU copy';
  // onnxruntime's own copies around the refiner's CPU ops are in the EP fact.
  return 'GPU-resident (no frame readback)';
}
