// WebcamSource: a live camera (getUserMedia) as the graph's source. Each evaluation takes the
// newest camera picture, so a viewer that keeps asking for the next frame shows the camera live
// through the whole graph; an export records from the camera in real time.

import type { NodeDefinition } from '../../src/graph/types.ts';
import type { NodeServices } from '../services.ts';
import { WebcamSourceNode } from './webcam-source-node.ts';

export const webcamSource: NodeDefinition<NodeServices> = {
  type: 'WebcamSource',
  version: 1,
  label: 'Webcam',
  category: 'Source',
  description: 'The live picture of a camera. Every frame the graph asks for is the camera\'s newest picture.',
  inputs: [],
  outputs: [{ id: 'image', label: 'Image', types: ['image'] }],
  params: {
    device: { kind: 'string', label: 'Camera', default: '', help: 'Part of the camera\'s name, or empty for the default camera.' },
    width: { kind: 'number', label: 'Width', default: 640, min: 64, max: 3840, step: 1 },
    height: { kind: 'number', label: 'Height', default: 480, min: 48, max: 2160, step: 1 },
    fps: { kind: 'number', label: 'Frame rate', default: 30, min: 1, max: 120, step: 1 },
    mirror: { kind: 'boolean', label: 'Mirror', default: false, help: 'Flip left and right, like a mirror (selfie view).' },
  },
  create: () => new WebcamSourceNode(),
};
