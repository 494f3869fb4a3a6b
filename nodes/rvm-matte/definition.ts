// RvmMatte node: Robust Video Matting pulls people out of ordinary video, no green screen or
// clean plate needed. Recurrent: it carries state from frame to frame, reset on a jump and then
// settled by a pre-roll of the frames before it (run by the evaluator, see NodeDefinition.preRoll).

import type { NodeDefinition } from '../../src/graph/types.ts';
import type { NodeServices } from '../services.ts';
import { RvmMatteNode } from './rvm-matte-node.ts';

const PRE_ROLL_DEFAULT = 15;

/** The pre-roll param as a frame count in 0..60 (files written before it existed get the default). */
export function preRollFrames(value: unknown): number {
  const n = typeof value === 'number' && Number.isFinite(value) ? Math.round(value) : PRE_ROLL_DEFAULT;
  return Math.min(60, Math.max(0, n));
}

export const rvmMatte: NodeDefinition<NodeServices> = {
  type: 'RvmMatte',
  version: 1,
  label: 'RVM matte',
  category: 'Matte',
  description:
    'Robust Video Matting: the alpha matte (pha) and foreground colours (fgr) of the people in a video. ' +
    'Its quality settles over the first ~15 frames after a state reset, so a jump first runs a pre-roll.',
  inputs: [{ id: 'source', label: 'Source', types: ['image'] }],
  outputs: [
    { id: 'pha', label: 'Alpha', types: ['matte'] },
    { id: 'fgr', label: 'Foreground', types: ['image'] },
  ],
  params: {
    model: {
      kind: 'model',
      family: 'rvm',
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
    preRoll: {
      kind: 'number',
      label: 'Pre-roll frames',
      default: PRE_ROLL_DEFAULT,
      min: 0,
      max: 60,
      step: 1,
      help: 'After a jump (a seek, a scrub, a change), run this many frames before it first, so the jumped-to frame ' +
        'looks as it does when played. 0: the frame starts from an empty state (faster, rougher).',
    },
  },
  preRoll: (params) => preRollFrames(params.preRoll),
  create: () => new RvmMatteNode(),
};
