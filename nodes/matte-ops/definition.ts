// Matte Ops node: combines and cleans mattes (e.g. an RVM matte united with a Color Key matte).
// One node runs a fixed chain, each stage off at its default, so a fresh node passes A through:
// combine with B → threshold → choke / grow → blur → invert.

import type { NodeDefinition } from '../../src/graph/types.ts';
import type { NodeServices } from '../services.ts';
import { MatteOpsNode } from './matte-ops-node.ts';
import { COMBINE_MODES, RANGES } from './matte-ops-settings.ts';

const range = (name: keyof typeof RANGES) => ({ default: RANGES[name].default, min: RANGES[name].min, max: RANGES[name].max });

export const matteOps: NodeDefinition<NodeServices> = {
  type: 'MatteOps',
  version: 1,
  label: 'Matte Ops',
  category: 'Matte',
  description:
    'Combines two mattes and cleans the result, in this order: combine A with B, threshold, choke / grow, blur, invert. ' +
    'Every step is off by default, so the node passes A through until you turn one on.',
  inputs: [
    { id: 'a', label: 'A', types: ['matte'] },
    { id: 'b', label: 'B', types: ['matte'], optional: true },
  ],
  outputs: [{ id: 'matte', label: 'Matte', types: ['matte'] }],
  params: {
    combine: {
      kind: 'enum', label: 'Combine with B', default: 'off',
      options: COMBINE_MODES.map((m) => ({ value: m.value, label: m.label })),
      help: 'How A and B are merged, per pixel, with B resized to A\'s size. Off uses A alone; every other mode needs B connected.',
    },
    threshold: { kind: 'boolean', label: 'Threshold', default: false, help: 'Turns the matte into in (1) or out (0) around the level.' },
    level: { kind: 'number', label: 'Threshold level', step: 0.01, ...range('level'), help: 'Values at or above it become 1, below it 0.' },
    softness: {
      kind: 'number', label: 'Threshold softness', step: 0.01, ...range('softness'),
      help: 'Width of a linear ramp centred on the level instead of a hard step (0: hard).',
    },
    choke: {
      kind: 'number', label: 'Choke / grow (px)', step: 0.5, ...range('choke'),
      help: 'Shrinks (below 0) or grows (above 0) the matte by this many pixels.',
    },
    blur: { kind: 'number', label: 'Blur (px)', step: 0.5, ...range('blur'), help: 'Softens the matte (Gaussian, σ = half of it).' },
    invert: { kind: 'boolean', label: 'Invert', default: false, help: 'Swaps in and out (1 − matte), last in the chain.' },
  },
  create: () => new MatteOpsNode(),
};
