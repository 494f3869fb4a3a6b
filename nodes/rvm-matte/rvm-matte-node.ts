// One RvmMatte node instance: its own model session and recurrent state (via RvmEngine). Source
// pixels go in as float NCHW RGB; pha comes out as a matte image, fgr as an image.

import type { EvalContext, NodeInstance } from '../../src/graph/types.ts';
import { Image } from '../../src/gpu/image.ts';
import { resolveDownsampleRatio } from '../../src/ml/auto-ratio.ts';
import type { Backend } from '../../src/ml/ep-choice.ts';
import { RvmEngine } from '../../src/ml/rvm-engine.ts';
import type { NodeServices } from '../services.ts';

const BACKENDS: readonly Backend[] = ['auto', 'webgpu', 'wasm'];

export class RvmMatteNode implements NodeInstance<NodeServices> {
  private engine?: RvmEngine;
  private engineModels?: NodeServices['models'];

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
    const { width, height } = source;
    const ratio = resolveDownsampleRatio(ctx.params.downsampleRatio, width, height);
    const rgba = await pixelsOf(source, ctx.services);
    ctx.signal.throwIfAborted();
    const result = await engine.run({ rgba, width, height, ratio, sequential: ctx.sequential });

    const model = engine.model!;
    const facts: Record<string, string> = {
      EP: result.ep,
      precision: model.precision,
      model: model.label,
      ratio: String(ratio),
      'ms/frame': String(Math.round(result.ms)),
    };
    if (engine.note) facts['EP note'] = engine.note;
    ctx.report(engine.warning ? { state: 'warning', message: engine.warning, facts } : { state: 'ready', facts });
    return {
      pha: Image.fromPixels(width, height, 'matte', result.pha),
      fgr: Image.fromPixels(width, height, 'image', result.fgr),
    };
  }

  reset(): void {
    this.engine?.reset();
  }

  dispose(): void {
    this.engine?.dispose();
    this.engine = undefined;
  }

  private engineFor(services: NodeServices): RvmEngine {
    if (!this.engine || this.engineModels !== services.models) {
      this.engine?.dispose();
      this.engine = new RvmEngine(services.models);
      this.engineModels = services.models;
    }
    return this.engine;
  }
}

/** CPU pixels of an image; GPU-only images are read back on the graph's device. */
async function pixelsOf(image: Image, services: NodeServices): Promise<Uint8ClampedArray> {
  try {
    return await image.pixels();
  } catch {
    return image.pixels(await services.gpu());
  }
}
