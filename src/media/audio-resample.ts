// Streaming windowed-sinc resampler to 48 kHz for the Opus re-encode. Chromium's Opus encoder
// takes 44.1/22.05 kHz too, but its own resampler delays the sound (0.7 ms at 44.1 kHz, 1.5 ms at
// 22.05 kHz) and drops the tail; resampled here first, the export lines up with the source to the
// sample. The filter is symmetric, so output sample j is exactly at time j / outRate: no delay.

/** Taps on each side of the output instant (in input samples, before widening for downsampling). */
const HALF_TAPS = 24;

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

export class Resampler {
  /** Input samples per output sample is num / den. */
  private readonly num: number;
  private readonly den: number;
  private readonly half: number;
  private readonly table: Float32Array; // [phase][tap], phases = den
  private readonly history: Float32Array[];
  /** Input samples received so far (per channel), and the index of history[c][0] in them. */
  private received = 0;
  private historyStart = 0;
  /** Next output sample to produce. */
  private produced = 0;

  constructor(readonly inRate: number, readonly outRate: number, readonly channels: number) {
    const g = gcd(inRate, outRate);
    this.num = inRate / g;
    this.den = outRate / g;
    const cutoff = Math.min(1, outRate / inRate) * 0.97; // of the input's Nyquist
    this.half = Math.ceil(HALF_TAPS / Math.min(1, outRate / inRate));
    const taps = 2 * this.half;
    this.table = new Float32Array(this.den * taps);
    for (let phase = 0; phase < this.den; phase++) {
      const frac = ((phase * this.num) % this.den) / this.den; // output instant minus floor, in input samples
      for (let t = 0; t < taps; t++) {
        const x = t - this.half + 1 - frac; // input sample (floor + t - half + 1) relative to the instant
        const w = Math.abs(x) >= this.half ? 0 : 0.42 + 0.5 * Math.cos((Math.PI * x) / this.half) + 0.08 * Math.cos((2 * Math.PI * x) / this.half);
        const s = x === 0 ? 1 : Math.sin(Math.PI * cutoff * x) / (Math.PI * cutoff * x);
        this.table[phase * taps + t] = cutoff * s * w;
      }
    }
    this.history = Array.from({ length: channels }, () => new Float32Array(0));
  }

  /** Adds planar input; returns the planar output that is now complete. */
  push(planes: Float32Array[]): Float32Array[] {
    const n = planes[0].length;
    for (let c = 0; c < this.channels; c++) {
      const h = new Float32Array(this.history[c].length + n);
      h.set(this.history[c]);
      h.set(planes[c], this.history[c].length);
      this.history[c] = h;
    }
    this.received += n;
    return this.drain(false);
  }

  /** Output for the rest of the input (the signal taken as silent after its end). */
  finish(): Float32Array[] {
    return this.drain(true);
  }

  /** Output samples the whole input maps to: ceil(received * outRate / inRate). */
  private get total(): number {
    return Math.ceil((this.received * this.den) / this.num);
  }

  private drain(final: boolean): Float32Array[] {
    const taps = 2 * this.half;
    // Output j needs input up to floor(j * step) + half.
    let end = final ? this.total : Math.floor(((this.received - this.half) * this.den) / this.num);
    end = Math.max(end, this.produced);
    const count = end - this.produced;
    const out = Array.from({ length: this.channels }, () => new Float32Array(count));
    for (let k = 0; k < count; k++) {
      const j = this.produced + k;
      const base = Math.floor((j * this.num) / this.den);
      const phase = j % this.den;
      const first = base - this.half + 1 - this.historyStart;
      for (let c = 0; c < this.channels; c++) {
        const h = this.history[c];
        let acc = 0;
        for (let t = 0; t < taps; t++) {
          const i = first + t;
          if (i >= 0 && i < h.length) acc += h[i] * this.table[phase * taps + t];
        }
        out[c][k] = acc;
      }
    }
    this.produced = end;
    // Keep only the input the next outputs can still reach.
    const keepFrom = Math.floor((this.produced * this.num) / this.den) - this.half + 1 - this.historyStart;
    if (keepFrom > 0) {
      for (let c = 0; c < this.channels; c++) this.history[c] = this.history[c].slice(keepFrom);
      this.historyStart += keepFrom;
    }
    return out;
  }
}
