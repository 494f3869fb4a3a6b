// RvmMatte node: Robust Video Matting pulls people out of ordinary video, no green screen or
// clean plate needed. Recurrent: it carries state from frame to frame (reset on a jump).

import type { NodeDefinition } from '../../src/graph/types.ts';
import type { NodeServices } from '../services.ts';
import { RvmMatteNode } from './rvm-matte-node.ts';

export const rvmMatte: NodeDefinition<NodeServices> = {
  type: 'RvmMatte',
  version: 1,
  label: 'RVM matte',
  category: 'Matte',
  description:
    'Robust Video Matting: the alpha matte (pha) and foreground colours (fgr) of the people in a video. ' +
    'Its quality settles over the first ~15 frames after a jump.',
  inputs: [{ id: 'source', label: 'Source', types: ['image'] }],
  outputs: [
    { id: 'pha', label: 'Alpha', types: ['matte'] },
    { id: 'fgr', label: 'Foreground', types: ['image'] },
  ],
  params: {
    model: {
      kind: 'string',
      label: 'Model',
      default: 'auto',
      help: '`auto` takes the official MobileNetV3 fp32 file when installed, else the best installed build.',
    },
    downsampleRatio: {
      kind: 'numberOrAuto',
      label: 'Downsample ratio',
      default: 'auto',
      min: 0.05,
      max: 1,
      step: 0.005,
      help: 'Size the network sees. `auto` makes the long side 480 px (720p → 0.375, 1080p → 0.25). Changing it restarts the state.',
    },
    backend: {
      kind: 'enum',
      label: 'Backend',
      default: 'auto',
      options: [
        { value: 'auto', label: 'Auto (WebGPU on a real GPU, else WASM)' },
        { value: 'webgpu', label: 'WebGPU' },
        { value: 'wasm', label: 'WASM (CPU)' },
      ],
    },
  },
  create: () => new RvmMatteNode(),
};
