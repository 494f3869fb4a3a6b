// Color Key node: a colour-difference keyer against a picked screen colour, with a screen plate
// estimated per frame so uneven light does not leak into the matte (see key-model.ts).

import type { NodeDefinition } from '../../src/graph/types.ts';
import type { NodeServices } from '../services.ts';
import { ColorKeyNode } from './color-key-node.ts';
import { DEFAULT_SCREEN_COLOR, RANGES } from './color-key-settings.ts';

const range = (name: keyof typeof RANGES) => ({ default: RANGES[name].default, min: RANGES[name].min, max: RANGES[name].max });

export const colorKey: NodeDefinition<NodeServices> = {
  type: 'ColorKey',
  version: 1,
  label: 'Color Key',
  category: 'Matte',
  description:
    'Keys out a green or blue screen: pick the screen colour and the key follows uneven light on the screen by itself. ' +
    'Outputs the despilled foreground (alpha = matte) and the matte.',
  inputs: [
    { id: 'source', label: 'Source', types: ['image'] },
    { id: 'garbage', label: 'Garbage mask', types: ['matte'], optional: true },
    { id: 'holdout', label: 'Holdout mask', types: ['matte'], optional: true },
  ],
  outputs: [
    { id: 'image', label: 'Image', types: ['image'] },
    { id: 'matte', label: 'Matte', types: ['matte'] },
  ],
  params: {
    screenColor: {
      kind: 'color', label: 'Screen colour', default: DEFAULT_SCREEN_COLOR,
      help: 'The colour of the screen; pick it from a well-lit part of the screen.',
    },
    tolerance: {
      kind: 'number', label: 'Tolerance', step: 0.01, ...range('tolerance'),
      help: 'How close to the screen colour (as lit there) a pixel must be to key out fully; partly transparent pixels are hardly touched. Raise it when noise leaves speckles.',
    },
    softness: {
      kind: 'number', label: 'Softness', step: 0.05, ...range('softness'),
      help: 'Width of the edge transition: 1 follows the physical mix of foreground and screen (the most accurate); lower values harden edges.',
    },
    clipBlack: { kind: 'number', label: 'Clip black', step: 0.01, ...range('clipBlack'), help: 'Matte values below this become 0.' },
    clipWhite: { kind: 'number', label: 'Clip white', step: 0.01, ...range('clipWhite'), help: 'Matte values above this become 1.' },
    despillAmount: {
      kind: 'number', label: 'Despill', step: 0.05, ...range('despillAmount'),
      help: 'How much screen colour spilled onto the foreground is removed (0 keeps it).',
    },
    despillBias: {
      kind: 'number', label: 'Despill bias', step: 0.01, ...range('despillBias'),
      help: 'Above 0 leaves that much of the screen colour in the foreground (0.1 = a tenth of the screen\'s own); below 0 removes more (tints towards the opposite hue).',
    },
    choke: {
      kind: 'number', label: 'Choke (px)', step: 0.5, ...range('choke'),
      help: 'Shrinks (below 0) or grows (above 0) the matte by this many pixels.',
    },
    blur: { kind: 'number', label: 'Matte blur (px)', step: 0.5, ...range('blur'), help: 'Softens the matte (Gaussian, σ = half of it).' },
    outputMode: {
      kind: 'enum', label: 'Output', default: 'final',
      options: [
        { value: 'final', label: 'Final (foreground)' },
        { value: 'matte', label: 'Matte' },
        { value: 'status', label: 'Status (in / out / between)' },
      ],
      help: 'What the Image output shows. Status: white is fully in, black fully out, grey in between.',
    },
  },
  create: () => new ColorKeyNode(),
};
