// Test-only node types for the media test pages: they shape what reaches the Export node
// (a matte, an odd-sized picture, a GPU-resident picture). Real code paths, tiny nodes.

import { Image } from '../../../src/gpu/image.ts';
import type { NodeDefinition } from '../../../src/graph/types.ts';
import type { NodeServices } from '../../../nodes/services.ts';

/** A test-only node: the picture's luma (BT.709 weights) as a matte, to export a matte input. */
export const lumaMatte: NodeDefinition<NodeServices> = {
  type: 'TestLumaMatte',
  version: 1,
  label: 'Luma matte (test)',
  category: 'Matte',
  description: 'test helper',
  inputs: [{ id: 'source', label: 'Source', types: ['image'] }],
  outputs: [{ id: 'pha', label: 'Matte', types: ['matte'] }],
  params: {},
  create: () => ({
    async evaluate(ctx) {
      const src = ctx.inputs.source as Image;
      const px = await src.pixels();
      const out = new Uint8ClampedArray(px.length);
      for (let i = 0; i < px.length; i += 4) {
        const l = Math.round(0.2126 * px[i] + 0.7152 * px[i + 1] + 0.0722 * px[i + 2]);
        out[i] = out[i + 1] = out[i + 2] = l;
        out[i + 3] = 255;
      }
      return { pha: Image.fromPixels(src.width, src.height, 'matte', out) };
    },
    reset() {},
    dispose() {},
  }),
};

/** A test-only node: drops the last column and row, so the picture has odd dimensions. */
export const cropOdd: NodeDefinition<NodeServices> = {
  type: 'TestCropOdd',
  version: 1,
  label: 'Crop to odd size (test)',
  category: 'Composite',
  description: 'test helper',
  inputs: [{ id: 'source', label: 'Source', types: ['image'] }],
  outputs: [{ id: 'image', label: 'Image', types: ['image'] }],
  params: {},
  create: () => ({
    async evaluate(ctx) {
      const src = ctx.inputs.source as Image;
      const px = await src.pixels();
      const w = src.width - 1 - (src.width % 2 === 0 ? 0 : 1);
      const h = src.height - 1 - (src.height % 2 === 0 ? 0 : 1);
      const out = new Uint8ClampedArray(w * h * 4);
      for (let y = 0; y < h; y++) out.set(px.subarray(y * src.width * 4, (y * src.width + w) * 4), y * w * 4);
      return { image: Image.fromPixels(w, h, 'image', out) };
    },
    reset() {},
    dispose() {},
  }),
};

/** A test-only node: moves the picture to a fresh GPU texture (like shader nodes' outputs). */
export const toGpu: NodeDefinition<NodeServices> = {
  type: 'TestToGpu',
  version: 1,
  label: 'To GPU (test)',
  category: 'Composite',
  description: 'test helper',
  inputs: [{ id: 'source', label: 'Source', types: ['image'] }],
  outputs: [{ id: 'image', label: 'Image', types: ['image'] }],
  params: {},
  create: () => ({
    async evaluate(ctx) {
      const src = ctx.inputs.source as Image;
      const gpu = await ctx.services.gpu();
      const tex = gpu.device.createTexture({
        size: [src.width, src.height],
        format: 'rgba8unorm',
        usage: GPUTextureUsage.TEXTURE_BINDING | GPUTextureUsage.COPY_DST | GPUTextureUsage.COPY_SRC,
      });
      const enc = gpu.device.createCommandEncoder();
      enc.copyTextureToTexture({ texture: src.texture(gpu) }, { texture: tex }, [src.width, src.height]);
      gpu.device.queue.submit([enc.finish()]);
      return { image: Image.fromTexture(tex, 'image') };
    },
    reset() {},
    dispose() {},
  }),
};

/**
 * A test-only node: a matte that ramps from 0 at the left edge to 255 at the right, plus the
 * frame index in the top-left 8x8 block (so alpha differs per frame): a known alpha to export.
 */
export const rampAlpha: NodeDefinition<NodeServices> = {
  type: 'TestRampAlpha',
  version: 1,
  label: 'Ramp alpha (test)',
  category: 'Matte',
  description: 'test helper',
  inputs: [{ id: 'source', label: 'Source', types: ['image'] }],
  outputs: [{ id: 'pha', label: 'Matte', types: ['matte'] }],
  params: {},
  create: () => ({
    async evaluate(ctx) {
      const { width: w, height: h } = ctx.inputs.source as Image;
      const out = new Uint8ClampedArray(w * h * 4);
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const v = x < 8 && y < 8 ? (ctx.frame * 8) & 255 : Math.round((255 * x) / (w - 1));
          const i = (y * w + x) * 4;
          out[i] = out[i + 1] = out[i + 2] = v;
          out[i + 3] = 255;
        }
      }
      return { pha: Image.fromPixels(w, h, 'matte', out) };
    },
    reset() {},
    dispose() {},
  }),
};
