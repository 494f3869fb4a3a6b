// Runs the Matte Ops chain on the GPU: combine with B → threshold → choke / grow → blur → invert,
// each pass only when its stage is active, then writes the matte image. Intermediates are
// r32float so the stages do not round to 8 bits in between.
// Shaders: matte-combine.wgsl (with grid-sample.wgsl), matte-threshold.wgsl, matte-choke.wgsl,
// matte-blur.wgsl (shared with the Color Key), matte-invert.wgsl, matte-to-image.wgsl.

import type { GpuContext } from '../../src/gpu/context.ts';
import { Image } from '../../src/gpu/image.ts';
import { createOutputTexture } from '../../src/gpu/output-texture.ts';
import gridSampleWgsl from '../../shaders/grid-sample.wgsl?raw';
import combineWgsl from '../../shaders/matte-combine.wgsl?raw';
import thresholdWgsl from '../../shaders/matte-threshold.wgsl?raw';
import chokeWgsl from '../../shaders/matte-choke.wgsl?raw';
import blurWgsl from '../../shaders/matte-blur.wgsl?raw';
import invertWgsl from '../../shaders/matte-invert.wgsl?raw';
import toImageWgsl from '../../shaders/matte-to-image.wgsl?raw';
import { combineCode, type MatteOpsSettings } from './matte-ops-settings.ts';
import { MattePasses } from './matte-passes.ts';

function pipelines(gpu: GpuContext) {
  return {
    combine: gpu.computePipeline('matte-combine', [gridSampleWgsl, combineWgsl].join('\n')),
    threshold: gpu.computePipeline('matte-threshold', thresholdWgsl),
    choke: gpu.computePipeline('matte-choke', chokeWgsl),
    blur: gpu.computePipeline('matte-blur', blurWgsl),
    invert: gpu.computePipeline('matte-invert', invertWgsl),
    toImage: gpu.computePipeline('matte-to-image', toImageWgsl),
  };
}

/**
 * The chain over matte `a` (and `b`, any size, when settings.combine is not 'off'). Returns a new
 * matte the size of `a`; the caller owns it. Inputs are only read.
 */
export async function runMatteOps(gpu: GpuContext, a: Image, b: Image | undefined, s: MatteOpsSettings): Promise<Image> {
  const { device } = gpu;
  const { width, height } = a;
  const p = pipelines(gpu);
  const passes = new MattePasses(gpu, width, height);
  const out = createOutputTexture(gpu, width, height, 'matte ops output');
  // Validation errors surface asynchronously in WebGPU; the scope turns them into a thrown error.
  device.pushErrorScope('validation');
  try {
    // The matte so far: A's own rgba8 texture until a stage writes a float copy.
    let matte = a.texture(gpu);
    const step = (pipeline: GPUComputePipeline, uniform: GPUBuffer | undefined, label: string, extra: GPUTexture[] = []) => {
      const next = passes.scratch(label);
      passes.dispatch(pipeline, [...(uniform ? [uniform] : []), matte, ...extra, next]);
      matte = next;
    };
    if (s.combine !== 'off') {
      if (!b) throw new Error('combine needs the B matte');
      const mode = passes.uniform(new Uint32Array([combineCode(s.combine), 0, 0, 0]).buffer, 'combine mode');
      step(p.combine, mode, 'combined matte', [b.texture(gpu)]);
    }
    if (s.threshold) {
      step(p.threshold, passes.uniform(new Float32Array([s.level, s.softness, 0, 0]).buffer, 'threshold'), 'thresholded matte');
    }
    if (s.choke !== 0) {
      step(p.choke, passes.uniform(new Float32Array([s.choke, 0, 0, 0]).buffer, 'choke'), 'choked matte');
    }
    if (s.blur > 0) {
      const sigma = s.blur / 2;
      for (const [dx, dy] of [[1, 0], [0, 1]]) {
        const bytes = new ArrayBuffer(16);
        new Float32Array(bytes, 0, 1)[0] = sigma;
        new Int32Array(bytes, 4, 3).set([Math.ceil(3 * sigma), dx, dy]);
        step(p.blur, passes.uniform(bytes, 'blur'), 'blurred matte');
      }
    }
    if (s.invert) step(p.invert, undefined, 'inverted matte');
    passes.dispatch(p.toImage, [matte, out]);
    passes.submit();
  } catch (e) {
    passes.release();
    await device.popErrorScope();
    out.destroy();
    throw e;
  }
  const error = await device.popErrorScope();
  if (error) {
    out.destroy();
    throw new Error(`the Matte Ops shader failed: ${error.message}`);
  }
  return Image.fromTexture(out, 'matte');
}
