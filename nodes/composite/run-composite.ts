// The Composite on the GPU: places the plate in the frame, reads the foreground into
// premultiplied form, runs the edge treatments that are switched on (decontaminate, despill,
// light wrap, in that order) and puts the result over the plate. Every pass is one shader in
// shaders/composite-*.wgsl; intermediates are rgba32float so only the output is rounded to 8 bits.

import type { GpuContext } from '../../src/gpu/context.ts';
import { Image } from '../../src/gpu/image.ts';
import { createOutputTexture } from '../../src/gpu/output-texture.ts';
import placementWgsl from '../../shaders/composite-plate-placement.wgsl?raw';
import foregroundWgsl from '../../shaders/composite-foreground.wgsl?raw';
import decontaminateWgsl from '../../shaders/composite-decontaminate.wgsl?raw';
import despillWgsl from '../../shaders/composite-despill.wgsl?raw';
import lightWrapWgsl from '../../shaders/composite-light-wrap.wgsl?raw';
import blurWgsl from '../../shaders/composite-color-blur.wgsl?raw';
import overWgsl from '../../shaders/composite-over.wgsl?raw';
import { CompositePasses } from './composite-passes.ts';
import { despillHue, type CompositeSettings } from './composite-settings.ts';
import { plateLayout } from './plate-layout.ts';

function pipelines(gpu: GpuContext) {
  return {
    placement: gpu.computePipeline('composite-plate-placement', placementWgsl),
    foreground: gpu.computePipeline('composite-foreground', foregroundWgsl),
    decontaminateWeigh: gpu.computePipeline('composite-decontaminate-weigh', decontaminateWgsl, 'weigh'),
    decontaminate: gpu.computePipeline('composite-decontaminate', decontaminateWgsl),
    despill: gpu.computePipeline('composite-despill', despillWgsl),
    lightWrapPack: gpu.computePipeline('composite-light-wrap-pack', lightWrapWgsl, 'pack'),
    lightWrap: gpu.computePipeline('composite-light-wrap', lightWrapWgsl),
    blur: gpu.computePipeline('composite-color-blur', blurWgsl),
    over: gpu.computePipeline('composite-over', overWgsl),
  };
}

export interface CompositeInputs {
  fgr: Image;
  /** Absent: alpha is the foreground's own A channel. */
  pha?: Image;
  plate: Image;
}

/** Below this the screen colour is a grey and has no hue to remove. */
const MIN_SCREEN_CHROMA = 0.02;

function checkInputs({ fgr, pha }: CompositeInputs, s: CompositeSettings): void {
  if (pha && (fgr.width !== pha.width || fgr.height !== pha.height)) {
    throw new Error(
      `fgr is ${fgr.width}x${fgr.height} but pha is ${pha.width}x${pha.height}: the foreground and matte must be the same size`,
    );
  }
  if (s.despill > 0 && Math.hypot(...despillHue(s.despillScreen)) < MIN_SCREEN_CHROMA) {
    const hex = `#${s.despillScreen.map((v) => Math.round(v * 255).toString(16).padStart(2, '0')).join('')}`;
    throw new Error(`Despill: the screen colour ${hex} is a grey, so there is no screen hue to remove; pick the screen's colour`);
  }
}

/** A new opaque image the size of `fgr`; the caller owns it. Inputs are only read. */
export async function runComposite(gpu: GpuContext, inputs: CompositeInputs, s: CompositeSettings): Promise<Image> {
  checkInputs(inputs, s);
  const { fgr, pha, plate } = inputs;
  const { width, height } = fgr;
  const { device } = gpu;
  const p = pipelines(gpu);
  const passes = new CompositePasses(gpu);
  const out = createOutputTexture(gpu, width, height, 'composite output');
  const dispatch = (pipeline: GPUComputePipeline, bindings: Record<number, GPUBuffer | GPUTexture>) =>
    passes.dispatch(pipeline, bindings, width, height);
  // Two passes of the colour blur, σ = radius / 2, taps to 3σ.
  const blurred = (src: GPUTexture, radius: number, label: string) => {
    const sigma = radius / 2;
    const taps = Math.ceil(3 * sigma);
    const across = passes.scratch(width, height, `${label} (horizontal)`);
    const done = passes.scratch(width, height, label);
    dispatch(p.blur, { 0: passes.uniform([sigma, taps, 1, 0], ['f32', 'i32', 'i32', 'i32'], 'blur x'), 1: src, 2: across });
    dispatch(p.blur, { 0: passes.uniform([sigma, taps, 0, 1], ['f32', 'i32', 'i32', 'i32'], 'blur y'), 1: across, 2: done });
    return done;
  };
  // Validation errors surface asynchronously in WebGPU; the scope turns them into a thrown error.
  device.pushErrorScope('validation');
  try {
    const layout = plateLayout(plate, fgr, s.plateFit, s.plateAlign, s.plateX, s.plateY);
    const placed = passes.scratch(width, height, 'placed plate');
    dispatch(p.placement, {
      0: passes.uniform([layout.scaleX, layout.scaleY, layout.left, layout.top, layout.width, layout.height], 'f32', 'placement'),
      1: plate.texture(gpu),
      2: placed,
    });

    let fg = passes.scratch(width, height, 'foreground');
    dispatch(p.foreground, {
      0: passes.uniform([s.premultiplied ? 1 : 0, pha ? 0 : 1], 'u32', 'foreground convention'),
      1: fgr.texture(gpu),
      2: pha ? pha.texture(gpu) : passes.placeholder('no matte'),
      3: fg,
    });
    const next = (label: string) => passes.scratch(width, height, label);

    if (s.decontaminate > 0) {
      const weighted = next('solid colour weights');
      dispatch(p.decontaminateWeigh, { 1: fg, 3: weighted });
      const sums = blurred(weighted, s.decontaminateRadius, 'solid colour nearby');
      const clean = next('decontaminated foreground');
      dispatch(p.decontaminate, { 0: passes.uniform([s.decontaminate], 'f32', 'decontaminate'), 1: fg, 2: sums, 3: clean });
      fg = clean;
    }
    if (s.despill > 0) {
      const clean = next('despilled foreground');
      dispatch(p.despill, { 0: passes.uniform([...despillHue(s.despillScreen), s.despill], 'f32', 'despill'), 1: fg, 2: clean });
      fg = clean;
    }
    if (s.lightWrap > 0) {
      const packed = next('plate and alpha');
      dispatch(p.lightWrapPack, { 1: fg, 2: placed, 3: packed });
      const wrap = blurred(packed, s.lightWrapWidth, 'blurred plate and alpha');
      const wrapped = next('light-wrapped foreground');
      dispatch(p.lightWrap, { 0: passes.uniform([s.lightWrap], 'f32', 'light wrap'), 1: fg, 2: wrap, 3: wrapped });
      fg = wrapped;
    }
    dispatch(p.over, { 0: fg, 1: placed, 2: out });
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
    throw new Error(`the composite shader failed: ${error.message}`);
  }
  return Image.fromTexture(out, 'image');
}
