// Chroma upsampling the way ffmpeg's swscale general scaler does it (bicubic, its integer
// arithmetic, edge handling and tap widths), so odd-height and deeper-sample frames convert to the
// same RGB as ffmpeg's decode. Used by yuv-to-rgba.ts where ffmpeg interpolates.

import type { YuvPlanes } from './yuv-to-rgba.ts';

type Samples = Uint8Array | Uint16Array;

/**
 * The chroma planes as ffmpeg's general scaler feeds them to its RGB writer: rows at full height;
 * columns at full width for an odd width (it then interpolates every pixel's chroma), else kept
 * at half width (each sample then serves two pixels). Values are in sample units, with the
 * fractions ffmpeg keeps: 9 bits where it interpolates across, none where it does not.
 */
export function interpolateChroma(p: YuvPlanes, depth: number) {
  const srcW = (p.width + p.chromaShiftX) >> p.chromaShiftX;
  const srcH = (p.height + p.chromaShiftY) >> p.chromaShiftY;
  const across = p.chromaShiftX === 1 && p.width % 2 === 1;
  const dstW = across ? p.width : srcW;
  const dstH = p.height;
  const hf = bicubicFilter(srcW, dstW, 14, 4);
  const vf = twoTapShortcut(bicubicFilter(srcH, dstH, 12, 2));
  // Sample units: 8-bit levels with 9 fractional bits (full-width chroma), or whole 8-bit levels
  // (half width: swscale's table-driven writer rounds them), scaled to the samples' depth.
  const unit = (across ? 1 / 512 : 1) * 2 ** (depth - 8);
  const resample = (plane: Samples) =>
    verticalPass(horizontalPass(plane, p.uvStride, p.uvStep, srcH, hf, dstW, depth), vf, dstW, dstH, across ? 10 : 19, unit);
  return { u: resample(p.u), v: resample(p.v), stride: dstW, step: 1 as const, shiftX: across ? 0 : 1, shiftY: 0 };
}

/** Each chroma row through `f`, into 15-bit intermediates (sample << (15 - depth)) as swscale keeps them. */
function horizontalPass(plane: Samples, stride: number, step: number, rows: number, f: ResampleFilter, dstW: number, depth: number): Int32Array {
  const out = new Int32Array(rows * dstW);
  const { taps, start, weights } = f;
  const down = depth - 1;
  for (let r = 0; r < rows; r++) {
    const base = r * stride;
    const o = r * dstW;
    for (let i = 0; i < dstW; i++) {
      const at = base + start[i] * step;
      const k = i * taps;
      let acc = 0;
      if (taps === 4) {
        acc = plane[at] * weights[k] + plane[at + step] * weights[k + 1] + plane[at + 2 * step] * weights[k + 2] + plane[at + 3 * step] * weights[k + 3];
      } else {
        for (let t = 0; t < taps; t++) acc += plane[at + t * step] * weights[k + t];
      }
      out[o + i] = Math.min(acc >> down, 32767);
    }
  }
  return out;
}

/** Each column of `rows` through `f`, rounded off below bit `shift` (swscale's), times `unit`. */
function verticalPass(rows: Int32Array, f: ResampleFilter, width: number, dstH: number, shift: number, unit: number): Float32Array {
  const out = new Float32Array(dstH * width);
  const { taps, start, weights } = f;
  const round = 1 << (shift - 1);
  for (let r = 0; r < dstH; r++) {
    const o = r * width;
    const from = start[r] * width;
    const k = r * taps;
    if (taps === 4) {
      // The usual case (any picture over ~10 rows), unrolled: four source rows a pixel.
      const [w0, w1, w2, w3] = [weights[k], weights[k + 1], weights[k + 2], weights[k + 3]];
      const [a, b, c, d] = [from, from + width, from + 2 * width, from + 3 * width];
      for (let i = 0; i < width; i++) {
        out[o + i] = ((rows[a + i] * w0 + rows[b + i] * w1 + rows[c + i] * w2 + rows[d + i] * w3 + round) >> shift) * unit;
      }
      continue;
    }
    for (let i = 0; i < width; i++) {
      let acc = round;
      for (let t = 0; t < taps; t++) if (weights[k + t] !== 0) acc += rows[from + t * width + i] * weights[k + t];
      out[o + i] = (acc >> shift) * unit;
    }
  }
  return out;
}

interface ResampleFilter {
  /** Weights per output sample (some may be zero). */
  taps: number;
  /** First input sample each output reads. */
  start: Int32Array;
  /** `taps` integer weights per output, summing to 2^bits. */
  weights: Int32Array;
}

const filters = new Map<string, ResampleFilter>();

/**
 * swscale's default (bicubic, B=0 C=0.6) filter from `srcN` up to `dstN` samples, centres aligned,
 * with its integer arithmetic, so results match to the last bit: taps trimmed where they are near
 * zero, rounded up to a multiple of `align` (x86's SIMD widths: 4 across, 2 down), folded in at
 * the picture's edges, and quantised to `bits` with the rounding error carried along.
 */
function bicubicFilter(srcN: number, dstN: number, bits: number, align: number): ResampleFilter {
  const key = `${srcN}>${dstN}/${bits}/${align}`;
  const known = filters.get(key);
  if (known) return known;
  let built: ResampleFilter;
  if (srcN === dstN) {
    built = { taps: 1, start: Int32Array.from({ length: dstN }, (_, i) => i), weights: new Int32Array(dstN).fill(1 << bits) };
  } else {
    built = narrow(quantise(trim(bicubicWeights(srcN, dstN), srcN, dstN, align), bits), srcN);
  }
  filters.set(key, built);
  return built;
}

// Upsampling only (chroma to luma size). Weights are fixed point with 2^54 for one (swscale's
// scale when upsampling); BigInt keeps them exact.
function bicubicWeights(srcN: number, dstN: number) {
  const step = BigInt(Math.floor((srcN * 65536 + (dstN >> 1)) / dstN)); // source samples per output, 16.16
  const taps = Math.max(Math.min(5, srcN - 2), 1);
  const C = BigInt(Math.trunc(0.6 * 2 ** 24));
  const U24 = 1n << 24n;
  const U30 = 1n << 30n;
  const start = new Int32Array(dstN);
  const w: bigint[] = new Array(dstN * taps);
  // Output i's centre in source samples, in 1/2^17 units: (i + 0.5) * step - 0.5.
  let centre = step - 65536n;
  for (let i = 0; i < dstN; i++) {
    let x = (centre - BigInt(taps - 2) * 65536n) / 131072n; // truncates toward zero, as C does
    start[i] = Number(x);
    for (let t = 0; t < taps; t++, x++) {
      let d = x * 131072n - centre;
      if (d < 0n) d = -d;
      d <<= 13n; // distance, 2^30 to a sample
      let coeff = 0n;
      if (d < 2n * U30) {
        const dd = (d * d) >> 30n;
        const ddd = (dd * d) >> 30n;
        coeff = d < U30
          ? (12n * U24 - 6n * C) * ddd + (-18n * U24 + 6n * C) * dd + 6n * U24 * U30
          : -6n * C * ddd + 30n * C * dd - 48n * C * d + 24n * C * U30;
      }
      w[i * taps + t] = coeff;
    }
    centre += 2n * step;
  }
  return { taps, start, w };
}

function trim(f: { taps: number; start: Int32Array; w: bigint[] }, srcN: number, dstN: number, align: number) {
  const { taps, start, w } = f;
  const cutoff = BigInt(Math.floor(0.002 * 2 ** 54));
  const abs = (x: bigint) => (x < 0n ? -x : x);
  let needed = 0;
  for (let i = dstN - 1; i >= 0; i--) {
    const row = i * taps;
    // Drop near-zero weights on the left (keeping starts in order), count those on the right.
    let sum = 0n;
    for (let j = 0; j < taps; j++) {
      sum += abs(w[row]);
      if (sum > cutoff) break;
      if (i < dstN - 1 && start[i] >= start[i + 1]) break;
      for (let k = 1; k < taps; k++) w[row + k - 1] = w[row + k];
      w[row + taps - 1] = 0n;
      start[i]++;
    }
    let keep = taps;
    sum = 0n;
    for (let j = taps - 1; j > 0; j--) {
      sum += abs(w[row + j]);
      if (sum > cutoff) break;
      keep--;
    }
    needed = Math.max(needed, keep);
  }
  // A one-tap filter stays one tap wide (swscale's special case for unscaled vertical filtering).
  const size = needed === 1 && align === 2 ? 1 : Math.ceil(needed / align) * align;
  const out: bigint[] = new Array(dstN * size).fill(0n);
  for (let i = 0; i < dstN; i++) {
    for (let j = 0; j < Math.min(size, taps); j++) out[i * size + j] = w[i * taps + j];
    foldEdges(out, i * size, size, start, i, srcN);
  }
  return { taps: size, start, w: out };
}

/** Moves weights that fall outside the picture onto its first or last sample. */
function foldEdges(w: bigint[], row: number, size: number, start: Int32Array, i: number, srcN: number) {
  if (start[i] < 0) {
    for (let j = 1; j < size; j++) {
      const to = Math.max(j + start[i], 0);
      if (to === j) continue;
      w[row + to] += w[row + j];
      w[row + j] = 0n;
    }
    start[i] = 0;
  }
  if (start[i] + size > srcN) {
    const shift = start[i] + Math.min(size - srcN, 0);
    let beyond = 0n;
    for (let j = size - 1; j >= 0; j--) {
      if (start[i] + j >= srcN) {
        beyond += w[row + j];
        w[row + j] = 0n;
      }
    }
    for (let j = size - 1; j >= 0; j--) w[row + j] = j < shift ? 0n : w[row + j - shift];
    start[i] -= shift;
    w[row + srcN - 1 - start[i]] += beyond;
  }
}

function quantise(f: { taps: number; start: Int32Array; w: bigint[] }, bits: number): ResampleFilter {
  const { taps, start, w } = f;
  const one = 1n << BigInt(bits);
  const weights = new Int32Array(w.length);
  for (let i = 0; i < start.length; i++) {
    let sum = 0n;
    for (let j = 0; j < taps; j++) sum += w[i * taps + j];
    sum = (sum + one / 2n) / one;
    if (sum === 0n) sum = 1n;
    let error = 0n;
    for (let j = 0; j < taps; j++) {
      const v = w[i * taps + j] + error;
      const q = (v >= 0n ? v + sum / 2n : v - sum / 2n) / sum; // rounds half away from zero
      weights[i * taps + j] = Number(q);
      error = v - q * sum;
    }
  }
  return { taps, start, weights };
}

/**
 * Two-tap vertical filters (pictures under ~11 rows) take swscale's shortcut instead: the nearer
 * row where the second weight is under half, else the mean of the two (where neither is negative).
 */
function twoTapShortcut(f: ResampleFilter): ResampleFilter {
  if (f.taps !== 2) return f;
  const weights = f.weights.slice();
  for (let i = 0; i < f.start.length; i++) {
    const [a, b] = [weights[2 * i], weights[2 * i + 1]];
    if (a + b !== 4096 || b < 0 || b > 4096) continue;
    weights.set(b < 2048 ? [4096, 0] : [2048, 2048], 2 * i);
  }
  return { ...f, weights };
}

/** A filter wider than a tiny picture starts at 0 with zeros past its end: drop those taps. */
function narrow(f: ResampleFilter, srcN: number): ResampleFilter {
  if (f.taps <= srcN) return f;
  const weights = new Int32Array(f.start.length * srcN);
  for (let i = 0; i < f.start.length; i++) weights.set(f.weights.subarray(i * f.taps, i * f.taps + srcN), i * srcN);
  return { taps: srcN, start: f.start, weights };
}
