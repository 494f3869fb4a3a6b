// The Color Key instance: reads its params, keys the source on the GPU and hands out the
// foreground image and the matte. Nothing temporal: every frame is keyed on its own.

import type { GpuContext } from '../../src/gpu/context.ts';
import { Image } from '../../src/gpu/image.ts';
import type { EvalContext, NodeInstance } from '../../src/graph/types.ts';
import type { NodeServices } from '../services.ts';
import { readSettings } from './color-key-settings.ts';
import { runColorKey } from './run-color-key.ts';

function optionalMask(ctx: EvalContext<NodeServices>, port: string): Image | undefined {
  const value = ctx.inputs[port];
  if (value === undefined) return undefined;
  if (!(value instanceof Image)) throw new Error(`the "${port}" input must be a matte`);
  return value;
}

async function gpuFor(services: NodeServices): Promise<GpuContext> {
  try {
    return await services.gpu();
  } catch (e) {
    throw new Error(`Color Key needs WebGPU: ${e instanceof Error ? e.message : String(e)}`);
  }
}

const hex = (rgb: readonly number[]) => `#${rgb.map((v) => v.toString(16).padStart(2, '0')).join('')}`;

export class ColorKeyNode implements NodeInstance<NodeServices> {
  async evaluate(ctx: EvalContext<NodeServices>): Promise<Record<string, unknown>> {
    const source = ctx.inputs.source;
    if (!(source instanceof Image)) throw new Error('connect an image to the "source" input');
    const settings = readSettings(ctx.params);
    const garbage = optionalMask(ctx, 'garbage');
    const holdout = optionalMask(ctx, 'holdout');
    const gpu = await gpuFor(ctx.services);
    const { image, matte } = await runColorKey(gpu, source, settings, { garbage, holdout });
    ctx.report({
      state: 'ready',
      facts: { size: `${source.width}×${source.height}`, screen: hex(settings.screen), view: settings.mode },
    });
    return { image, matte };
  }

  reset(): void {}

  dispose(): void {}
}
