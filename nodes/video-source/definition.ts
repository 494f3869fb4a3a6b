// VideoSource: decodes a video file (MP4/MOV/WebM/MKV) frame by frame. Its clip timing drives the graph:
// frame count, frame rate and per-frame timestamps come from here. A still picture (PNG, JPEG,
// WebP) is a clip of one frame; a numbered image sequence (`frame_%04d.png 1-120`) is a clip of
// one frame per file, at the sequence frame rate.

import type { NodeDefinition } from '../../src/graph/types.ts';
import type { NodeServices } from '../services.ts';
import { DEFAULT_SEQUENCE_FPS } from '../../src/media/image-sequence.ts';
import { VideoSourceNode } from './video-source-node.ts';

export const videoSource: NodeDefinition<NodeServices> = {
  type: 'VideoSource',
  version: 1,
  label: 'Video',
  category: 'Source',
  description: 'Decodes a video file (MP4, MOV, WebM or MKV; H.264, VP8, VP9 or AV1) into frames, reads a numbered image sequence (PNG, JPEG or WebP), or a still picture as a one-frame clip.',
  inputs: [],
  outputs: [{ id: 'image', label: 'Image', types: ['image'] }],
  params: {
    file: {
      kind: 'file',
      label: 'File',
      default: '',
      accept: 'video/mp4,video/quicktime,video/webm,video/x-matroska,.mp4,.m4v,.mov,.webm,.mkv,image/png,image/jpeg,image/webp,.png,.jpg,.jpeg,.webp',
      help: 'An MP4, MOV, WebM or MKV video, a PNG, JPEG or WebP picture (one frame), or a numbered image sequence (pick or drop its files together, or its folder): frame_%04d.png 1-120.',
    },
    sequenceFps: {
      kind: 'number',
      label: 'Sequence fps',
      default: DEFAULT_SEQUENCE_FPS,
      min: 1,
      max: 240,
      step: 0.001,
      help: 'Frame rate of an image sequence (24 as in Nuke and Resolve; 23.976 is 24000/1001). Videos keep their own rate.',
    },
  },
  create: () => new VideoSourceNode(),
};
