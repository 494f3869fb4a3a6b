// VideoSource: decodes a video file (MP4/MOV/WebM/MKV) frame by frame. Its clip timing drives the graph:
// frame count, frame rate and per-frame timestamps come from here. A still picture (PNG, JPEG,
// WebP) is a clip of one frame.

import type { NodeDefinition } from '../../src/graph/types.ts';
import type { NodeServices } from '../services.ts';
import { VideoSourceNode } from './video-source-node.ts';

export const videoSource: NodeDefinition<NodeServices> = {
  type: 'VideoSource',
  version: 1,
  label: 'Video',
  category: 'Source',
  description: 'Decodes a video file (MP4, MOV, WebM or MKV; H.264, VP8, VP9 or AV1) into frames, or reads a still picture (PNG, JPEG or WebP) as a one-frame clip.',
  inputs: [],
  outputs: [{ id: 'image', label: 'Image', types: ['image'] }],
  params: {
    file: {
      kind: 'file',
      label: 'File',
      default: '',
      accept: 'video/mp4,video/quicktime,video/webm,video/x-matroska,.mp4,.m4v,.mov,.webm,.mkv,image/png,image/jpeg,image/webp,.png,.jpg,.jpeg,.webp',
      help: 'An MP4, MOV, WebM or MKV video, or a PNG, JPEG or WebP picture (one frame).',
    },
  },
  create: () => new VideoSourceNode(),
};
