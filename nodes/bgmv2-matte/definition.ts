// Bgmv2Matte node: Background Matting V2 pulls the subject out of a shot by comparing each frame
// with a clean plate of the same shot (the same fixed camera, without the subject). A coarse
// pass finds where it is unsure (err); only those 4x4 patches (ref) are refined at full size.

import type { NodeDefinition } from '../../src/graph/types.ts';
import type { NodeServices } from '../services.ts';
import { Bgmv2MatteNode } from './bgmv2-matte-node.ts';

export const bgmv2Matte: NodeDefinition<NodeServices> = {
  type: 'Bgmv2Matte',
  version: 1,
  label: 'BGMv2 matte',
  category: 'Matte',
  description:
    'Background Matting V2: alpha (pha) and foreground (fgr) from the shot and a clean plate of it — the same camera ' +
    'position without the subject, not the new background. Also gives its error map (err) and the 4x4 patches it ' +
    'refined at full resolution (ref), both frame-sized.',
  inputs: [
    { id: 'source', label: 'Source', types: ['image'] },
    { id: 'plate', label: 'Clean plate of this shot', types: ['image'] },
  ],
  outputs: [
    { id: 'pha', label: 'Alpha', types: ['matte'] },
    { id: 'fgr', label: 'Foreground', types: ['image'] },
    { id: 'err', label: 'Error map', types: ['matte'] },
    { id: 'ref', label: 'Refined patches', types: ['matte'] },
  ],
  params: {
    model: {
      kind: 'model',
      family: 'bgmv2',
      label: 'Model',
      default: 'auto',
      help: 'A BackgroundMattingV2 ONNX export (e.g. onnx_mobilenetv2_hd.onnx); `auto` takes the installed one.',
    },
    backend: {
      kind: 'enum',
      label: 'Backend',
      default: 'auto',
      options: [
        { value: 'auto', label: 'Auto (WebGPU on a real GPU, else WASM)' },
        { value: 'webgpu', label: 'WebGPU (refiner ops on the CPU)' },
        { value: 'wasm', label: 'WASM (CPU)' },
      ],
    },
  },
  create: () => new Bgmv2MatteNode(),
};
