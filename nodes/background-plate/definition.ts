// BackgroundPlate node: the new background to composite onto, a solid colour or a picture file.

import type { NodeDefinition } from '../../src/graph/types.ts';
import type { NodeServices } from '../services.ts';
import { BackgroundPlateNode } from './plate-node.ts';

export const backgroundPlate: NodeDefinition<NodeServices> = {
  type: 'BackgroundPlate',
  version: 1,
  label: 'Background plate',
  category: 'Source',
  description: 'A solid colour or a picture (PNG, JPEG, WebP) to put behind the foreground. Composite resizes it to the frame.',
  inputs: [],
  outputs: [{ id: 'image', label: 'Image', types: ['image'] }],
  params: {
    mode: {
      kind: 'enum',
      label: 'Mode',
      default: 'color',
      options: [
        { value: 'color', label: 'Colour' },
        { value: 'image', label: 'Picture' },
      ],
    },
    color: { kind: 'color', label: 'Colour', default: '#00ff00', help: 'Used in Colour mode.' },
    file: {
      kind: 'file',
      label: 'Picture',
      default: '',
      accept: 'image/png,image/jpeg,image/webp',
      help: 'Used in Picture mode. Its colour profile is ignored, as for video.',
    },
  },
  create: () => new BackgroundPlateNode(),
};
