// VideoSource: decodes a video file (MP4/MOV) frame by frame. Its clip timing drives the graph:
// frame count, frame rate and per-frame timestamps come from here.

import type { NodeDefinition } from '../../src/graph/types.ts';
import type { NodeServices } from '../services.ts';
import { VideoSourceNode } from './video-source-node.ts';

export const videoSource: NodeDefinition<NodeServices> = {
  type: 'VideoSource',
  version: 1,
  label: 'Video',
  category: 'Source',
  description: 'Decodes a video file (MP4 or MOV; H.264, VP9 or AV1) into frames.',
  inputs: [],
  outputs: [{ id: 'image', label: 'Image', types: ['image'] }],
  params: {
    file: {
      kind: 'file',
      label: 'File',
      default: '',
      accept: 'video/mp4,video/quicktime,.mp4,.m4v,.mov',
      help: 'An MP4 or MOV video.',
    },
  },
  create: () => new VideoSourceNode(),
};
