// Runs the Color Key on the GPU: estimates the screen plate (two rounds of cell sums, pull and
// push), keys against it, chokes and blurs the matte when asked, and writes the two outputs.
// Shaders: shaders/color-key-*.wgsl, matte-choke.wgsl, matte-blur.wgsl.

import type { GpuContext } from '../../src/gpu/context.ts';
import { Image } from '../../src/gpu/image.ts';
import gridSampleWgsl from '../../shaders/grid-sample.wgsl?raw';
import commonWgsl from '../../shaders/color-key-common.wgsl?raw';
import cellsWgsl from '../../shaders/color-key-plate-cells.wgsl?raw';
import reduceWgsl from '../../shaders/color-key-plate-reduce.wgsl?raw';
import fillWgsl from '../../shaders/color-key-plate-fill.wgsl?raw';
import matteWgsl from '../../shaders/color-key-matte.wgsl?raw';
import outputWgsl from '../../shaders/color-key-output.wgsl?raw';
import chokeWgsl from '../../shaders/matte-choke.wgsl?raw';
import blurWgsl from '../../shaders/matte-blur.wgsl?raw';
import type { ColorKeySettings } from './color-key-settings.ts';
import { keyParamsBytes, plateLevels } from './key-uniforms.ts';
import { KeyPasses } from './key-passes.ts';
import { PLATE } from './key-model.ts';

const keyed = (wgsl: string) => [gridSampleWgsl, commonWgsl, wgsl].join('\n');

function pipelines(gpu: GpuContext) {
  return {
    cells: gpu.computePipeline('color-key-plate-cells', keyed(cellsWgsl)),
    reduce: gpu.computePipeline('color-key-plate-reduce', reduceWgsl),
    fill: gpu.computePipeline('color-key-plate-fill', [gridSampleWgsl, fillWgsl].join('\n')),
    matte: gpu.computePipeline('color-key-matte', keyed(matteWgsl)),
    output: gpu.computePipeline('color-key-output', keyed(outputWgsl)),
    choke: gpu.computePipeline('matte-choke', chokeWgsl),
    blur: gpu.computePipeline('matte-blur', blurWgsl),
  };
}

export interface ColorKeyResult {
  image: Image;
  matte: Image;
}

/** Keys `source`; masks may be any size (they are resized to the frame). The caller owns the result. */
export async function runColorKey(
  gpu: GpuContext,
  source: Image,
  settings: ColorKeySettings,
  masks: { garbage?: Image; holdout?: Image } = {},
): Promise<ColorKeyResult> {
  const { device } = gpu;
  const { width, height } = source;
  const p = pipelines(gpu);
  const passes = new KeyPasses(gpu);
  const outMatte = passes.output(width, height, 'color key matte');
  const outImage = passes.output(width, height, 'color key image');
  // Validation errors surface asynchronously in WebGPU; the scope turns them into a thrown error.
  device.pushErrorScope('validation');
  try {
    const src = source.texture(gpu);
    const garbage = masks.garbage?.texture(gpu) ?? passes.zeros('rgba8unorm', 'no garbage mask');
    const holdout = masks.holdout?.texture(gpu) ?? passes.zeros('rgba8unorm', 'no holdout mask');
    const firstRound = passes.uniform(keyParamsBytes(settings, false), 'key params');
    const secondRound = passes.uniform(keyParamsBytes(settings, true), 'key params with prior');

    const levels = plateLevels(width, height);
    const sums = levels.map((l, i) => passes.scratch(l.width, l.height, 'rg32float', `plate sums ${i}`));
    const filled = levels.map((l, i) => passes.scratch(l.width, l.height, 'r32float', `plate ${i}`));
    const fillLevels = levels.map((_, i) => {
      const bytes = new ArrayBuffer(16);
      new Float32Array(bytes, 0, 1)[0] = PLATE.minShare * PLATE.cell * PLATE.cell * 4 ** i;
      new Uint32Array(bytes, 4, 1)[0] = i === levels.length - 1 ? 1 : 0;
      return passes.uniform(bytes, `plate fill level ${i}`);
    });
    const noPrior = passes.zeros('r32float', 'no prior plate');
    const estimatePlate = (params: GPUBuffer, prior: GPUTexture) => {
      passes.dispatch(p.cells, [params, src, garbage, holdout, prior, sums[0]], levels[0].width, levels[0].height);
      for (let i = 1; i < levels.length; i++) passes.dispatch(p.reduce, [sums[i - 1], sums[i]], levels[i].width, levels[i].height);
      for (let i = levels.length - 1; i >= 0; i--) {
        const parent = i === levels.length - 1 ? noPrior : filled[i + 1];
        passes.dispatch(p.fill, [fillLevels[i], sums[i], parent, filled[i]], levels[i].width, levels[i].height);
      }
    };
    estimatePlate(firstRound, noPrior);
    // The second round reads the first plate (cells pass) before refilling the levels over it.
    estimatePlate(secondRound, filled[0]);
    const plate = filled[0];

    let matte = passes.scratch(width, height, 'r32float', 'key matte');
    passes.dispatch(p.matte, [firstRound, src, plate, matte], width, height);
    if (settings.choke !== 0) {
      const choked = passes.scratch(width, height, 'r32float', 'choked matte');
      passes.dispatch(p.choke, [passes.uniform(new Float32Array([settings.choke, 0, 0, 0]).buffer, 'choke'), matte, choked], width, height);
      matte = choked;
    }
    if (settings.blur > 0) {
      const sigma = settings.blur / 2;
      const taps = Math.ceil(3 * sigma);
      for (const [dx, dy] of [[1, 0], [0, 1]]) {
        const bytes = new ArrayBuffer(16);
        new Float32Array(bytes, 0, 1)[0] = sigma;
        new Int32Array(bytes, 4, 3).set([taps, dx, dy]);
        const blurred = passes.scratch(width, height, 'r32float', 'blurred matte');
        passes.dispatch(p.blur, [passes.uniform(bytes, 'blur'), matte, blurred], width, height);
        matte = blurred;
      }
    }
    passes.dispatch(p.output, [firstRound, src, plate, matte, garbage, holdout, outMatte, outImage], width, height);
    passes.submit();
  } catch (e) {
    passes.release();
    await device.popErrorScope();
    outMatte.destroy();
    outImage.destroy();
    throw e;
  }
  const error = await device.popErrorScope();
  if (error) {
    outMatte.destroy();
    outImage.destroy();
    throw new Error(`the Color Key shader failed: ${error.message}`);
  }
  return { image: Image.fromTexture(outImage, 'image'), matte: Image.fromTexture(outMatte, 'matte') };
}
