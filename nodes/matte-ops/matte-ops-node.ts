// The Matte Ops instance: checks its inputs against the chosen stages, passes A through
// untouched when no stage is active, and otherwise runs the chain on the GPU.

import type { GpuContext } from '../../src/gpu/context.ts';
import { Image } from '../../src/gpu/image.ts';
import type { EvalContext, NodeInstance } from '../../src/graph/types.ts';
import type { NodeServices } from '../services.ts';
import { activeStages, combineLabel, readSettings } from './matte-ops-settings.ts';
import { runMatteOps } from './run-matte-ops.ts';

function matteInput(ctx: EvalContext<NodeServices>, port: string): Image | undefined {
  const value = ctx.inputs[port];
  if (value === undefined) return undefined;
  if (!(value instanceof Image)) throw new Error(`the "${port.toUpperCase()}" input must be a matte`);
  return value;
}

async function gpuFor(services: NodeServices): Promise<GpuContext> {
  try {
    return await services.gpu();
  } catch (e) {
    throw new Error(`Matte Ops needs WebGPU: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export class MatteOpsNode implements NodeInstance<NodeServices> {
  async evaluate(ctx: EvalContext<NodeServices>): Promise<Record<string, unknown>> {
    const a = matteInput(ctx, 'a');
    if (!a) throw new Error('connect a matte to the "A" input');
    const b = matteInput(ctx, 'b');
    const settings = readSettings(ctx.params);
    if (settings.combine !== 'off' && !b) {
      throw new Error(`combine "${combineLabel(settings.combine)}" needs a second matte: connect one to the "B" input, or set combine to Off`);
    }
    const stages = activeStages(settings);
    const facts: Record<string, string> = {
      size: `${a.width}×${a.height}`,
      ops: stages.length > 0 ? stages.join(', ') : 'none (passes A through)',
    };
    if (b && settings.combine !== 'off' && (b.width !== a.width || b.height !== a.height)) {
      facts.B = `resized from ${b.width}×${b.height}`;
    }
    // Nothing to do: hand A on as it is (shared, not copied), exactly unchanged.
    const matte = stages.length === 0 ? a.retain() : await runMatteOps(await gpuFor(ctx.services), a, b, settings);
    if (b && settings.combine === 'off') {
      ctx.report({ state: 'warning', message: 'B is connected but combine is Off: B is not used', facts });
    } else {
      ctx.report({ state: 'ready', facts });
    }
    return { matte };
  }

  reset(): void {}

  dispose(): void {}
}
