// Composite node: puts the matted foreground over a new background plate on the GPU. The frame
// size is the foreground's; the matte must match it; the plate is stretched, fitted, filled or
// left unscaled and placed by an anchor and an offset. Optional edge treatments: despill,
// colour decontamination and light wrap (see run-composite.ts).

import type { GpuContext } from '../../src/gpu/context.ts';
import { Image } from '../../src/gpu/image.ts';
import type { EvalContext, NodeDefinition, NodeInstance } from '../../src/graph/types.ts';
import type { NodeServices } from '../services.ts';
import { compositeParams, readCompositeSettings, type CompositeSettings } from './composite-settings.ts';
import { runComposite } from './run-composite.ts';

function inputImage(ctx: EvalContext<NodeServices>, port: string): Image {
  const value = ctx.inputs[port];
  if (!(value instanceof Image)) throw new Error(`connect an image to the "${port}" input`);
  return value;
}

async function gpuFor(services: NodeServices): Promise<GpuContext> {
  try {
    return await services.gpu();
  } catch (e) {
    throw new Error(`Composite needs WebGPU: ${e instanceof Error ? e.message : String(e)}`);
  }
}

const PLACED = { stretch: 'resized', fit: 'fitted', fill: 'filled', none: 'placed' } as const;

function facts(fgr: Image, pha: Image | undefined, plate: Image, s: CompositeSettings): Record<string, string> {
  const out: Record<string, string> = { size: `${fgr.width}x${fgr.height}` };
  const moved = s.plateX !== 0 || s.plateY !== 0;
  if (plate.width !== fgr.width || plate.height !== fgr.height || s.plateFit !== 'stretch' || moved) {
    out.plate = `${PLACED[s.plateFit]} from ${plate.width}x${plate.height}`;
  }
  if (!pha) out.alpha = "foreground's own";
  return out;
}

class CompositeNode implements NodeInstance<NodeServices> {
  async evaluate(ctx: EvalContext<NodeServices>): Promise<Record<string, unknown>> {
    const fgr = inputImage(ctx, 'fgr');
    const pha = ctx.inputs.pha === undefined ? undefined : inputImage(ctx, 'pha');
    const plate = inputImage(ctx, 'plate');
    const settings = readCompositeSettings(ctx.params);
    const gpu = await gpuFor(ctx.services);
    const image = await runComposite(gpu, { fgr, pha, plate }, settings);
    ctx.report({ state: 'ready', facts: facts(fgr, pha, plate, settings) });
    return { image };
  }

  reset(): void {}

  dispose(): void {}
}

export const composite: NodeDefinition<NodeServices> = {
  type: 'Composite',
  version: 1,
  label: 'Composite',
  category: 'Composite',
  description:
    'Puts the foreground over the plate using the matte: fgr·pha + plate·(1 − pha), or premultiplied RGBA over the plate. ' +
    'Places the plate in the frame, and can despill, clean edge colour and wrap the plate\'s light onto the edges.',
  inputs: [
    { id: 'fgr', label: 'Foreground', types: ['image'] },
    { id: 'pha', label: 'Matte', types: ['matte'], optional: true },
    { id: 'plate', label: 'Plate', types: ['image'] },
  ],
  outputs: [{ id: 'image', label: 'Image', types: ['image'] }],
  params: compositeParams,
  create: () => new CompositeNode(),
};
