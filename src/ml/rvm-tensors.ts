// Conversions between RGBA8 pixels and RVM's tensors: src as NCHW RGB in 0..1 (float32 or
// float16), pha/fgr back to RGBA8. fp16 tensors hold a Float16Array in browsers that have one
// (onnxruntime-web then returns Float16Array too); only without it are they raw half bits.

import type { Precision } from './model-library.ts';
import type { Ort, OrtTensor } from './ort-env.ts';

type Float16ArrayCtor = new (length: number) => ArrayLike<number> & { [i: number]: number };
const Float16ArrayImpl = (globalThis as { Float16Array?: Float16ArrayCtor }).Float16Array;

/** NCHW [1,3,H,W] RGB in 0..1 from RGBA8 (alpha dropped). */
export function rgbaToSrcTensor(ort: Ort, rgba: Uint8ClampedArray, width: number, height: number, precision: Precision): OrtTensor {
  const plane = width * height;
  const dims = [1, 3, height, width];
  if (precision === 'fp32') {
    const out = new Float32Array(3 * plane);
    for (let i = 0; i < plane; i++) {
      out[i] = rgba[i * 4] / 255;
      out[plane + i] = rgba[i * 4 + 1] / 255;
      out[2 * plane + i] = rgba[i * 4 + 2] / 255;
    }
    return new ort.Tensor('float32', out, dims);
  }
  if (Float16ArrayImpl) {
    const out = new Float16ArrayImpl(3 * plane);
    for (let i = 0; i < plane; i++) {
      out[i] = rgba[i * 4] / 255;
      out[plane + i] = rgba[i * 4 + 1] / 255;
      out[2 * plane + i] = rgba[i * 4 + 2] / 255;
    }
    return new ort.Tensor('float16', out as unknown as Uint16Array, dims);
  }
  const out = new Uint16Array(3 * plane);
  for (let i = 0; i < plane; i++) {
    out[i] = toHalfBits(rgba[i * 4] / 255);
    out[plane + i] = toHalfBits(rgba[i * 4 + 1] / 255);
    out[2 * plane + i] = toHalfBits(rgba[i * 4 + 2] / 255);
  }
  return new ort.Tensor('float16', out, dims);
}

/** Zeros [1,1,1,1]: RVM's recurrent input on the first frame after a reset. */
export function zeroState(ort: Ort, precision: Precision): OrtTensor {
  return precision === 'fp32'
    ? new ort.Tensor('float32', new Float32Array(1), [1, 1, 1, 1])
    : new ort.Tensor('float16', Float16ArrayImpl ? (new Float16ArrayImpl(1) as unknown as Uint16Array) : new Uint16Array(1), [1, 1, 1, 1]);
}

/** The values of a float32/float16 CPU tensor as numbers. */
export function tensorValues(t: OrtTensor): ArrayLike<number> {
  const data = t.data;
  if (t.type === 'float32') return data as Float32Array;
  if (t.type !== 'float16') throw new Error(`expected a float tensor, got ${t.type}`);
  // Float16Array (Chromium has it): already numbers. Only a Uint16Array carries half bits.
  if (Float16ArrayImpl && data instanceof Float16ArrayImpl) return data as ArrayLike<number>;
  if (data instanceof Uint16Array) return Float32Array.from(data, fromHalfBits);
  return data as ArrayLike<number>;
}

/** pha [1,1,H,W] → matte RGBA8 (value in R, G and B; A = 255). */
export function phaToMatteRgba(pha: ArrayLike<number>, width: number, height: number): Uint8ClampedArray {
  const plane = width * height;
  const out = new Uint8ClampedArray(plane * 4);
  for (let i = 0; i < plane; i++) {
    const v = Math.round(pha[i] * 255); // Uint8ClampedArray clamps to 0..255
    out[i * 4] = v;
    out[i * 4 + 1] = v;
    out[i * 4 + 2] = v;
    out[i * 4 + 3] = 255;
  }
  return out;
}

/** fgr [1,3,H,W] → RGBA8 image (A = 255; the matte is on its own wire). */
export function fgrToRgba(fgr: ArrayLike<number>, width: number, height: number): Uint8ClampedArray {
  const plane = width * height;
  const out = new Uint8ClampedArray(plane * 4);
  for (let i = 0; i < plane; i++) {
    out[i * 4] = Math.round(fgr[i] * 255);
    out[i * 4 + 1] = Math.round(fgr[plane + i] * 255);
    out[i * 4 + 2] = Math.round(fgr[2 * plane + i] * 255);
    out[i * 4 + 3] = 255;
  }
  return out;
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** IEEE half bits of a number (round to nearest even), for browsers without Float16Array. */
export function toHalfBits(value: number): number {
  f32[0] = value;
  const x = u32[0];
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    const half = mant >>> shift;
    const rest = mant & ((1 << shift) - 1);
    const mid = 1 << (shift - 1);
    return sign | (half + (rest > mid || (rest === mid && half & 1) ? 1 : 0));
  }
  const half = (e << 10) | (mant >>> 13);
  const rest = mant & 0x1fff;
  return sign | (half + (rest > 0x1000 || (rest === 0x1000 && half & 1) ? 1 : 0));
}

export function fromHalfBits(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >>> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 0x1f) return mant ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}
