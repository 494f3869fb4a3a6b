// A test-only source node: serves fixed RGBA pixels (fetched from a raw .rgba URL) on an image
// and a matte output, a new Image per evaluation, so graph tests can feed Composite real pictures.

import { Image } from '../../../src/gpu/image.ts';
import type { EvalContext, NodeDefinition, NodeInstance } from '../../../src/graph/types.ts';
import type { NodeServices } from '../../../nodes/services.ts';

class TestPictureNode implements NodeInstance<NodeServices> {
  private cache?: { url: string; rgba: Uint8ClampedArray };

  async evaluate(ctx: EvalContext<NodeServices>): Promise<Record<string, unknown>> {
    const url = String(ctx.params.url);
    const width = Number(ctx.params.width);
    const height = Number(ctx.params.height);
    if (this.cache?.url !== url) {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`test picture ${url}: HTTP ${res.status}`);
      this.cache = { url, rgba: new Uint8ClampedArray(await res.arrayBuffer()) };
    }
    return {
      image: Image.fromPixels(width, height, 'image', this.cache.rgba.slice()),
      matte: Image.fromPixels(width, height, 'matte', this.cache.rgba.slice()),
    };
  }

  reset(): void {}

  dispose(): void {
    this.cache = undefined;
  }
}

export const testPicture: NodeDefinition<NodeServices> = {
  type: 'TestPicture',
  version: 1,
  label: 'Test picture',
  category: 'Source',
  description: 'Raw RGBA pixels from a URL (tests only).',
  inputs: [],
  outputs: [
    { id: 'image', label: 'Image', types: ['image'] },
    { id: 'matte', label: 'Matte', types: ['matte'] },
  ],
  params: {
    url: { kind: 'string', label: 'URL', default: '' },
    width: { kind: 'number', label: 'Width', default: 1 },
    height: { kind: 'number', label: 'Height', default: 1 },
  },
  create: () => new TestPictureNode(),
};
