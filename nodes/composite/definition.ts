// Composite node: puts the matted foreground over a new background plate on the GPU.
// The frame size is the foreground's; the matte must match it, the plate is resized.

import type { GpuContext } from '../../src/gpu/context.ts';
import { Image } from '../../src/gpu/image.ts';
import type { EvalContext, NodeDefinition, NodeInstance } from '../../src/graph/types.ts';
import type { NodeServices } from '../services.ts';
import { compositeOver } from './composite-over.ts';

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

class CompositeNode implements NodeInstance<NodeServices> {
  async evaluate(ctx: EvalContext<NodeServices>): Promise<Record<string, unknown>> {
    const fgr = inputImage(ctx, 'fgr');
    const pha = inputImage(ctx, 'pha');
    const plate = inputImage(ctx, 'plate');
    const gpu = await gpuFor(ctx.services);
    const image = await compositeOver(gpu, fgr, pha, plate);
    const resized = plate.width !== fgr.width || plate.height !== fgr.height;
    ctx.report({
      state: 'ready',
      facts: { size: `${fgr.width}x${fgr.height}`, ...(resized ? { plate: `resized from ${plate.width}x${plate.height}` } : {}) },
    });
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
  description: 'Puts the foreground over the plate using the matte: fgr·pha + plate·(1 − pha). The plate is resized to the frame.',
  inputs: [
    { id: 'fgr', label: 'Foreground', types: ['image'] },
    { id: 'pha', label: 'Matte', types: ['matte'] },
    { id: 'plate', label: 'Plate', types: ['image'] },
  ],
  outputs: [{ id: 'image', label: 'Image', types: ['image'] }],
  params: {},
  create: () => new CompositeNode(),
};
