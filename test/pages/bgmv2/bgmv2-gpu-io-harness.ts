// Test page for BGMv2's GPU IO shaders (src/ml/bgmv2-gpu-io.ts) on the real WebGPU device, each
// next to the CPU code it replaces: the src/bgr tensors (padding, plate resize) against
// rgbaToSrcTensor(padRgba(resizeRgba(...))), the plate match against plateMatchFraction, and
// the pha/fgr/err/ref pictures made from output buffers against bgmv2-maps.ts. The output
// buffers hold known values written by this page, float32 or float16. The page reads the GPU
// results back itself, which the node never does.

import { createGpuContext, type GpuContext } from '../../../src/gpu/context.ts';
import { Image, liveImageCount } from '../../../src/gpu/image.ts';
import { bgmv2Layout, padRgba } from '../../../src/ml/bgmv2-frame-layout.ts';
import { Bgmv2GpuIo } from '../../../src/ml/bgmv2-gpu-io.ts';
import { countRefinedPatches, croppedImage, croppedMatte, upsampledMatte } from '../../../src/ml/bgmv2-maps.ts';
import type { Precision } from '../../../src/ml/model-library.ts';
import { configuredOrt, type OrtTensor } from '../../../src/ml/ort-env.ts';
import { plateMatchFraction } from '../../../src/ml/plate-match.ts';
import { resizeRgba } from '../../../src/ml/resize-rgba.ts';
import { fromHalfBits, rgbaToSrcTensor, tensorValues, toHalfBits } from '../../../src/ml/rvm-tensors.ts';

let gpu: GpuContext | undefined;
const context = async () => (gpu ??= await createGpuContext());

async function readBuffer(g: GpuContext, buffer: GPUBuffer, bytes: number): Promise<ArrayBuffer> {
  const size = Math.ceil(bytes / 4) * 4;
  const staging = g.device.createBuffer({ size, usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ });
  const enc = g.device.createCommandEncoder();
  enc.copyBufferToBuffer(buffer, 0, staging, 0, size);
  g.device.queue.submit([enc.finish()]);
  await staging.mapAsync(GPUMapMode.READ);
  const copy = staging.getMappedRange().slice(0, bytes);
  staging.destroy();
  return copy;
}

/** Seeded noise (mulberry32), so a failure repeats. */
function noise(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A smooth picture with noise (every level appears); `shift` moves its pattern right of the middle. */
function picture(width: number, height: number, seed: number, shift: number): Uint8ClampedArray {
  const rnd = noise(seed);
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const u = (x + (x >= width / 2 ? shift : 0)) / width;
      const v = y / height;
      rgba[i] = 255 * u;
      rgba[i + 1] = 128 + 100 * Math.sin(6 * v + 3 * u) + rnd() * 20;
      rgba[i + 2] = 255 * v * (1 - u) + rnd() * 8;
      rgba[i + 3] = 255;
    }
  }
  return rgba;
}

/** A GPU tensor holding `values`, float32 or float16 (whole words: writeBuffer takes multiples of 4 bytes). */
function gpuTensor(g: GpuContext, values: Float32Array<ArrayBuffer>, dims: number[], precision: Precision): { tensor: OrtTensor; seen: Float32Array; buffer: GPUBuffer } {
  const half = new Uint16Array(Math.ceil(values.length / 2) * 2);
  half.set(Uint16Array.from(values, toHalfBits));
  const data = precision === 'fp32' ? new Uint8Array(values.buffer) : new Uint8Array(half.buffer);
  const buffer = g.device.createBuffer({ size: Math.ceil(data.byteLength / 16) * 16, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
  g.device.queue.writeBuffer(buffer, 0, data);
  const tensor = configuredOrt().Tensor.fromGpuBuffer(buffer, { dataType: precision === 'fp32' ? 'float32' : 'float16', dims });
  const seen = precision === 'fp32' ? values : Float32Array.from(half.subarray(0, values.length), fromHalfBits);
  return { tensor, seen, buffer };
}

const maxByteDiff = (a: Uint8ClampedArray, b: Uint8ClampedArray) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

const harness = {
  /**
   * One frame through Bgmv2GpuIo: a width x height source, a plateWidth x plateHeight plate, the
   * layout padded as the engine does (multiple 8, `samplePixels`), and output tensors with known
   * values (err_sm at 1/`scaleDiv`). Returns the largest differences from the CPU path.
   */
  async frame(width: number, height: number, plateWidth: number, plateHeight: number, samplePixels: number, scaleDiv: number, precision: Precision) {
    const g = await context();
    const ort = configuredOrt();
    const layout = bgmv2Layout(width, height, { multiple: 8, samplePixels });
    const { paddedWidth: pw, paddedHeight: ph } = layout;
    const sourcePx = picture(width, height, 1, 0);
    // The plate is the source's scene with its right half shifted: about half the cells match.
    const platePx = picture(plateWidth, plateHeight, 2, plateWidth / 6);
    const source = Image.fromPixels(width, height, 'image', sourcePx.slice());
    const plate = Image.fromPixels(plateWidth, plateHeight, 'image', platePx.slice());
    const io = new Bgmv2GpuIo(g);
    const made: { buffer: GPUBuffer }[] = [];
    let maps: Awaited<ReturnType<Awaited<ReturnType<Bgmv2GpuIo['begin']>>['finish']>> | undefined;
    try {
      const frame = await io.begin(ort, source, plate, layout, precision);
      try {
        // The input tensors, against the CPU's.
        const resizedPlate = resizeRgba(platePx, plateWidth, plateHeight, width, height);
        const inputDiff = async (t: OrtTensor, rgba: Uint8ClampedArray) => {
          const count = 3 * pw * ph;
          const raw = await readBuffer(g, t.gpuBuffer as GPUBuffer, count * (precision === 'fp32' ? 4 : 2));
          const want = tensorValues(rgbaToSrcTensor(ort, padRgba(rgba, layout), pw, ph, precision));
          const got = precision === 'fp32' ? new Float32Array(raw) : Float32Array.from(new Uint16Array(raw), fromHalfBits);
          let max = 0;
          for (let i = 0; i < count; i++) max = Math.max(max, Math.abs(got[i] - want[i]));
          return max;
        };
        const src = await inputDiff(frame.src, sourcePx);
        const bgr = await inputDiff(frame.bgr, resizedPlate);

        // Output tensors with known values: around rounding edges, out of range, a binary ref map.
        const rnd = noise(7);
        const values = (n: number) => Float32Array.from({ length: n }, (_, i) => ((i * 37) % 530 - 10) / 510 + (rnd() < 0.3 ? 0.5 / 255 : 0));
        const [ew, eh] = [pw / scaleDiv, ph / scaleDiv];
        const refValues = Float32Array.from({ length: (pw / 4) * (ph / 4) }, () => (rnd() < 0.3 ? 1 : 0));
        const pha = gpuTensor(g, values(pw * ph), [1, 1, ph, pw], precision);
        const fgr = gpuTensor(g, values(3 * pw * ph), [1, 3, ph, pw], precision);
        const err = gpuTensor(g, Float32Array.from({ length: ew * eh }, () => rnd()), [1, 1, eh, ew], precision);
        const ref = gpuTensor(g, refValues, [1, 1, ph / 4, pw / 4], precision);
        made.push(pha, fgr, err, ref);
        maps = await frame.finish({ pha: pha.tensor, fgr: fgr.tensor, err_sm: err.tensor, ref_sm: ref.tensor });
        const got = await Promise.all([maps.pha, maps.fgr, maps.err, maps.ref].map((m) => m.pixels(g)));
        return {
          layout,
          inputs: { src, bgr },
          maps: {
            pha: maxByteDiff(got[0], croppedMatte(pha.seen, layout)),
            fgr: maxByteDiff(got[1], croppedImage(fgr.seen, layout)),
            err: maxByteDiff(got[2], upsampledMatte(err.seen, ew, eh, layout, 'bilinear')),
            ref: maxByteDiff(got[3], upsampledMatte(ref.seen, pw / 4, ph / 4, layout, 'nearest')),
          },
          kinds: [maps.pha.kind, maps.fgr.kind, maps.err.kind, maps.ref.kind],
          sizes: [maps.pha, maps.fgr, maps.err, maps.ref].map((m) => [m.width, m.height]),
          refinedPatches: { gpu: maps.refinedPatches, cpu: countRefinedPatches(ref.seen, pw / 4, layout) },
          plateMatch: { gpu: maps.plateMatch, cpu: plateMatchFraction(sourcePx, resizedPlate, width, height) },
        };
      } finally {
        frame.release();
      }
    } finally {
      for (const m of [maps?.pha, maps?.fgr, maps?.err, maps?.ref]) m?.dispose();
      for (const m of made) m.buffer.destroy();
      io.dispose();
      source.dispose();
      plate.dispose();
    }
  },

  liveImages: () => liveImageCount(),
};

declare global {
  interface Window {
    bgmv2GpuIo: typeof harness;
  }
}
window.bgmv2GpuIo = harness;
document.getElementById('ready')!.textContent = 'ready';
