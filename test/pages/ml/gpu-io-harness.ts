// Test page for RVM's GPU tensor IO shaders (src/ml/rvm-gpu-io.ts), float32 and packed float16,
// on the real WebGPU device, next to the CPU conversions they replace (src/ml/rvm-tensors.ts).
// The page reads the GPU results back itself, which the node never does.

import { createGpuContext, type GpuContext } from '../../../src/gpu/context.ts';
import { Image, liveImageCount } from '../../../src/gpu/image.ts';
import type { Precision } from '../../../src/ml/model-library.ts';
import { configuredOrt } from '../../../src/ml/ort-env.ts';
import { RvmGpuIo } from '../../../src/ml/rvm-gpu-io.ts';
import { fgrToRgba, fromHalfBits, phaToMatteRgba, rgbaToSrcTensor, tensorValues, toHalfBits } from '../../../src/ml/rvm-tensors.ts';

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

/** A deterministic test picture: every 8-bit level appears, in each channel. */
function testPicture(width: number, height: number): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    rgba[i * 4] = i % 256;
    rgba[i * 4 + 1] = (i * 7 + 3) % 256;
    rgba[i * 4 + 2] = (255 - (i % 256) + (i >> 8)) % 256;
    rgba[i * 4 + 3] = 255;
  }
  return rgba;
}

const harness = {
  /**
   * The src tensor the GPU writes vs the one the CPU builds, for a test picture: how many
   * elements differ, and by how much at most (in the precision's own bits for fp16).
   */
  async srcTensor(width: number, height: number, precision: Precision) {
    const g = await context();
    const ort = configuredOrt();
    const rgba = testPicture(width, height);
    const image = Image.fromPixels(width, height, 'image', rgba.slice());
    const io = new RvmGpuIo(g);
    try {
      const tensor = await io.srcTensor(ort, image, precision);
      const count = 3 * width * height;
      const raw = await readBuffer(g, tensor.gpuBuffer as GPUBuffer, count * (precision === 'fp32' ? 4 : 2));
      const cpu = tensorValues(rgbaToSrcTensor(ort, rgba, width, height, precision));
      let differing = 0;
      let maxDiff = 0;
      if (precision === 'fp32') {
        const got = new Float32Array(raw);
        for (let i = 0; i < count; i++) {
          const d = Math.abs(got[i] - cpu[i]);
          if (d > 0) differing++;
          maxDiff = Math.max(maxDiff, d);
        }
      } else {
        const got = new Uint16Array(raw);
        for (let i = 0; i < count; i++) {
          const d = Math.abs(got[i] - toHalfBits(cpu[i])); // in units of the last place
          if (d > 0) differing++;
          maxDiff = Math.max(maxDiff, d);
        }
      }
      return { count, differing, maxDiff, dims: [...tensor.dims], type: tensor.type, location: tensor.location };
    } finally {
      io.dispose();
      image.dispose();
    }
  },

  /** pha (1 channel) or fgr (3) from float values through the GPU shader vs the CPU conversion. */
  async toImage(width: number, height: number, channels: 1 | 3, precision: Precision) {
    const g = await context();
    const ort = configuredOrt();
    const count = channels * width * height;
    // Values around every rounding edge, and out of range ones that must clamp.
    const values = Float32Array.from({ length: count }, (_, i) => ((i % 530) - 10) / 510 + (i % 3 === 0 ? 0.5 / 255 : 0));
    const half = new Uint16Array(Math.ceil(count / 2) * 2); // whole words: writeBuffer takes multiples of 4 bytes
    half.set(Uint16Array.from(values, toHalfBits));
    const data = precision === 'fp32' ? new Uint8Array(values.buffer) : new Uint8Array(half.buffer);
    const buffer = g.device.createBuffer({ size: Math.ceil(data.byteLength / 16) * 16, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
    g.device.queue.writeBuffer(buffer, 0, data);
    const tensor = ort.Tensor.fromGpuBuffer(buffer, { dataType: precision === 'fp32' ? 'float32' : 'float16', dims: [1, channels, height, width] });
    const io = new RvmGpuIo(g);
    const kind = channels === 1 ? 'matte' : 'image';
    const image = await io.toImage(tensor, kind);
    try {
      const got = await image.pixels(g);
      // What the CPU path makes of the same values (fp16: of the values the GPU saw).
      const seen = precision === 'fp32' ? values : Float32Array.from(half.subarray(0, count), fromHalfBits);
      const want = kind === 'matte' ? phaToMatteRgba(seen, width, height) : fgrToRgba(seen, width, height);
      // Exact ties (x.5 levels) may round either way: f32 on the GPU, f64 on the CPU.
      const plane = width * height;
      let differing = 0;
      let offTie = 0;
      let maxDiff = 0;
      for (let i = 0; i < want.length; i++) {
        if (got[i] === want[i]) continue;
        differing++;
        maxDiff = Math.max(maxDiff, Math.abs(got[i] - want[i]));
        const c = i % 4 < 3 && channels === 3 ? i % 4 : 0;
        const level = seen[c * plane + Math.floor(i / 4)] * 255;
        if (Math.abs(level - Math.floor(level) - 0.5) > 1e-3) offTie++;
      }
      return { differing, offTie, maxDiff, bytes: want.length, kind: image.kind, size: [image.width, image.height] };
    } finally {
      image.dispose();
      io.dispose();
      buffer.destroy();
    }
  },

  liveImages: () => liveImageCount(),
};

declare global {
  interface Window {
    gpuIo: typeof harness;
  }
}
window.gpuIo = harness;
document.getElementById('ready')!.textContent = 'ready';
