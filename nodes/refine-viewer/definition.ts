// RefineViewer node: shows where BGMv2 is unsure and what it refined: its error map as a heat
// map over the source, and the refined 4x4 patches outlined, with the patch count per frame.

import type { GpuContext } from '../../src/gpu/context.ts';
import { Image } from '../../src/gpu/image.ts';
import type { EvalContext, NodeDefinition, NodeInstance } from '../../src/graph/types.ts';
import type { NodeServices } from '../services.ts';
import { drawRefineOverlay, type OverlayMode } from './refine-overlay.ts';

const MODES: readonly OverlayMode[] = ['heat-outline', 'heat', 'outline'];

function inputImage(ctx: EvalContext<NodeServices>, port: string): Image {
  const value = ctx.inputs[port];
  if (!(value instanceof Image)) throw new Error(`connect ${port === 'source' ? 'an image' : 'a matte'} to "${port}"`);
  return value;
}

async function gpuFor(services: NodeServices): Promise<GpuContext> {
  try {
    return await services.gpu();
  } catch (e) {
    throw new Error(`Refine viewer needs WebGPU: ${e instanceof Error ? e.message : String(e)}`);
  }
}

class RefineViewerNode implements NodeInstance<NodeServices> {
  async evaluate(ctx: EvalContext<NodeServices>): Promise<Record<string, unknown>> {
    const source = inputImage(ctx, 'source');
    const err = inputImage(ctx, 'err');
    const ref = inputImage(ctx, 'ref');
    const mode = String(ctx.params.mode ?? 'heat-outline') as OverlayMode;
    if (!MODES.includes(mode)) throw new Error(`mode must be heat-outline, heat or outline, not "${mode}"`);
    const opacity = Math.min(1, Math.max(0, Number(ctx.params.opacity ?? 0.6)));
    if (!Number.isFinite(opacity)) throw new Error('opacity must be a number from 0 to 1');
    const gpu = await gpuFor(ctx.services);
    const { image, refinedPatches } = await drawRefineOverlay(gpu, source, err, ref, opacity, mode);
    ctx.report({ state: 'ready', facts: { 'refined patches': String(refinedPatches), size: `${source.width}x${source.height}` } });
    return { image };
  }

  reset(): void {}

  dispose(): void {}
}

export const refineViewer: NodeDefinition<NodeServices> = {
  type: 'RefineViewer',
  version: 1,
  label: 'Refine-region viewer',
  category: 'View',
  description:
    'Shows a BGMv2 error map (err) as a heat map over the source (blue = sure, red = unsure) and outlines the 4x4 ' +
    'patches it refined at full resolution (ref), with the number of refined patches per frame.',
  inputs: [
    { id: 'source', label: 'Source', types: ['image'] },
    { id: 'err', label: 'Error map', types: ['matte'] },
    { id: 'ref', label: 'Refined patches', types: ['matte'] },
  ],
  outputs: [{ id: 'image', label: 'Image', types: ['image'] }],
  params: {
    opacity: { kind: 'number', label: 'Heat-map opacity', default: 0.6, min: 0, max: 1, step: 0.05 },
    mode: {
      kind: 'enum',
      label: 'Show',
      default: 'heat-outline',
      options: [
        { value: 'heat-outline', label: 'Heat map + patch outlines' },
        { value: 'heat', label: 'Heat map' },
        { value: 'outline', label: 'Patch outlines' },
      ],
    },
  },
  create: () => new RefineViewerNode(),
};
