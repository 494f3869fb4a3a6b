// Export: the sink a render pulls frames from. The encoding itself is done by the export job
// (src/media/export-job.ts), which evaluates this node frame by frame; the node only declares
// its inputs and settings. A matte on `image` is written as a grey video; a matte on `alpha`
// makes the export transparent (WebM with alpha, PNG sequence) or becomes a second video.

import type { EvalContext, NodeDefinition, NodeInstance } from '../../src/graph/types.ts';
import { EXPORT_FORMATS, VIDEO_CODECS } from '../../src/media/export-settings.ts';
import type { NodeServices } from '../services.ts';

class ExportNode implements NodeInstance<NodeServices> {
  async evaluate(ctx: EvalContext<NodeServices>): Promise<Record<string, unknown>> {
    // The evaluator hands the values on our inputs to whoever pulls from this sink; nothing to make.
    if (ctx.inputs.image === undefined) throw new Error('nothing is connected to the Export input');
    return {};
  }
  reset(): void {}
  dispose(): void {}
}

export const exportNode: NodeDefinition<NodeServices> = {
  type: 'Export',
  version: 1,
  label: 'Export',
  category: 'Output',
  description: 'Writes its input to a video file (MP4 or WebM; H.264, VP9, AV1 or VP8) with the source\'s audio, ' +
    'or a transparent WebM, a colour + matte pair, or an RGBA PNG sequence using the alpha input.',
  sink: true,
  inputs: [
    { id: 'image', label: 'Image', types: ['image', 'matte'] },
    { id: 'alpha', label: 'Alpha', types: ['matte'], optional: true },
  ],
  outputs: [],
  params: {
    format: {
      kind: 'enum',
      label: 'Format',
      default: 'mp4',
      options: EXPORT_FORMATS,
      help: 'Transparent formats take their alpha from the Alpha input, else from the image\'s own alpha (a transparent WebM source keeps its alpha). ' +
        'MP4 and WebM video have no alpha: they get the colour as it is (straight), not darkened by alpha or put over black.',
    },
    codec: {
      kind: 'enum',
      label: 'Codec',
      default: 'h264',
      options: VIDEO_CODECS,
      help: 'MP4 takes H.264, VP9 or AV1; WebM takes VP9, VP8 or AV1 (H.264 becomes VP9 there).',
    },
    bitrateMbps: {
      kind: 'number', label: 'Bitrate (Mbit/s)', default: 8, min: 0.5, max: 100, step: 0.5,
      help: "The video's upper limit. Chromium's H.264 encoder stays well below it on quiet footage (it never codes finer than QP 12), so a smaller file is normal.",
    },
    quality: {
      kind: 'numberOrAuto',
      label: 'Quality',
      default: 'auto',
      min: 1,
      max: 100,
      step: 1,
      help: 'Constant quality (1 smallest .. 100 best) instead of a bitrate, where the encoder offers it (VP9, AV1).',
    },
    alphaColour: {
      kind: 'enum',
      label: 'Alpha colour',
      default: 'auto',
      options: [
        { value: 'auto', label: 'Auto (straight)' },
        { value: 'straight', label: 'Straight' },
        { value: 'premultiplied', label: 'Premultiplied' },
      ],
      help: 'Colour of transparent exports: straight (what WebM with alpha, PNG and colour + matte readers expect; the export says which it wrote) ' +
        'or multiplied by alpha, for a tool that wants premultiplied colour (the export warns that players show it darker at soft edges).',
    },
    audio: {
      kind: 'enum',
      label: 'Audio',
      default: 'keep',
      options: [
        { value: 'keep', label: 'Keep the source\'s audio' },
        { value: 'drop', label: 'No audio' },
      ],
      help: 'Copied unchanged when the format can hold its codec, else re-encoded to Opus (the export says so).',
    },
    filename: { kind: 'string', label: 'File name', default: 'mattegraph-export.mp4' },
  },
  create: () => new ExportNode(),
};
