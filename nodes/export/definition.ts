// Export: the sink a render pulls frames from. The encoding itself is done by the export job
// (src/media/export-job.ts), which evaluates this node frame by frame; the node only declares
// its input and settings. A matte input is written as a grey video.

import type { EvalContext, NodeDefinition, NodeInstance } from '../../src/graph/types.ts';
import type { NodeServices } from '../services.ts';

class ExportNode implements NodeInstance<NodeServices> {
  async evaluate(ctx: EvalContext<NodeServices>): Promise<Record<string, unknown>> {
    // The evaluator hands the value on our input to whoever pulls from this sink; nothing to make.
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
  description: 'Writes its input to an MP4 file (H.264). A matte becomes a grey video.',
  sink: true,
  inputs: [{ id: 'image', label: 'Image', types: ['image', 'matte'] }],
  outputs: [],
  params: {
    codec: {
      kind: 'enum',
      label: 'Codec',
      default: 'h264',
      options: [{ value: 'h264', label: 'H.264 (MP4)' }],
    },
    bitrateMbps: { kind: 'number', label: 'Bitrate (Mbit/s)', default: 8, min: 0.5, max: 100, step: 0.5 },
    filename: { kind: 'string', label: 'File name', default: 'mattegraph-export.mp4' },
  },
  create: () => new ExportNode(),
};
