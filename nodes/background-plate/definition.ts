// BackgroundPlate node: the new background to composite onto: a solid colour, a picture file,
// a video file (looped or held at its end), or a blurred copy of the source (the video-call
// background blur). Params added after the first two modes all have defaults that leave older
// graphs as they were, so no migration is needed.

import type { FileParam, NodeDefinition } from '../../src/graph/types.ts';
import type { NodeServices } from '../services.ts';
import { videoSource } from '../video-source/definition.ts';
import { BackgroundPlateNode } from './plate-node.ts';

/** The plate video takes what a Video Source takes. */
const videoAccept = (videoSource.params.file as FileParam).accept;

export const backgroundPlate: NodeDefinition<NodeServices> = {
  type: 'BackgroundPlate',
  version: 1,
  label: 'Background plate',
  category: 'Source',
  description: 'A solid colour, a picture (PNG, JPEG, WebP), a video (looped or held on its last frame) or a blurred copy of the source, to put behind the foreground. Composite resizes it to the frame.',
  inputs: [{ id: 'source', label: 'Source', types: ['image'], optional: true }],
  outputs: [{ id: 'image', label: 'Image', types: ['image'] }],
  params: {
    mode: {
      kind: 'enum',
      label: 'Mode',
      default: 'color',
      options: [
        { value: 'color', label: 'Colour' },
        { value: 'image', label: 'Picture' },
        { value: 'video', label: 'Video' },
        { value: 'blur', label: 'Blurred source' },
      ],
    },
    color: { kind: 'color', label: 'Colour', default: '#00ff00', help: 'Used in Colour mode.', shownWhen: { param: 'mode', is: ['color'] } },
    file: {
      kind: 'file',
      label: 'Picture',
      default: '',
      accept: 'image/png,image/jpeg,image/webp',
      help: 'Used in Picture mode. Its colour profile is ignored, as for video.',
      shownWhen: { param: 'mode', is: ['image'] },
    },
    video: {
      kind: 'file',
      label: 'Video',
      default: '',
      accept: videoAccept,
      help: 'Used in Video mode; read as a Video Source reads it. It follows the clip by time, so another frame rate plays at its own speed.',
      shownWhen: { param: 'mode', is: ['video'] },
    },
    videoEnd: {
      kind: 'enum',
      label: 'After the video ends',
      default: 'loop',
      options: [
        { value: 'loop', label: 'Loop' },
        { value: 'hold', label: 'Hold the last frame' },
      ],
      help: 'Used in Video mode when the plate video is shorter than the clip.',
      shownWhen: { param: 'mode', is: ['video'] },
    },
    blurRadius: {
      kind: 'number',
      label: 'Blur radius (px)',
      default: 16,
      min: 0,
      max: 100,
      step: 1,
      help: 'Used in Blurred source mode: a Gaussian blur of the "source" input, σ = radius / 2. 0 passes the source as it is.',
      shownWhen: { param: 'mode', is: ['blur'] },
    },
  },
  create: () => new BackgroundPlateNode(),
};
