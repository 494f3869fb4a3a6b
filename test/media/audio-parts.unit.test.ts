import { describe, expect, it } from 'vitest';
import { audioPacketSamples, flacBlockSize, opusPacketSamples } from '../../src/media/audio-packet-samples.ts';
import { Resampler } from '../../src/media/audio-resample.ts';
import { downmixToStereo } from '../../src/media/audio-opus-encode.ts';

describe('audio packet lengths from their bytes', () => {
  it('reads FLAC block sizes, coded and explicit (16-bit after a 1-byte frame number)', () => {
    // ffmpeg's FLAC in Matroska: full blocks of 4608, and a last one of 1920.
    expect(flacBlockSize(Uint8Array.from([0xff, 0xf8, 0x5a, 0x08, 0x00, 0x81, 0x4e]))).toBe(4608);
    expect(flacBlockSize(Uint8Array.from([0xff, 0xf8, 0x7a, 0x08, 0x0a, 0x07, 0x7f, 0x51]))).toBe(1920);
    // 8-bit size after a 2-byte frame number.
    expect(flacBlockSize(Uint8Array.from([0xff, 0xf8, 0x6a, 0x08, 0xc2, 0x80, 0x3f, 0x00]))).toBe(64);
    expect(flacBlockSize(Uint8Array.from([0x12, 0x34, 0x56, 0x78, 0, 0, 0]))).toBeUndefined();
  });
  it('reads Opus frame counts and sizes from the TOC byte', () => {
    expect(opusPacketSamples(Uint8Array.from([0xfc, 0]))).toBe(960); // CELT 20 ms, one frame
    expect(opusPacketSamples(Uint8Array.from([0x19, 0]))).toBe(2 * 2880); // SILK 60 ms, code 1: two frames
    expect(opusPacketSamples(Uint8Array.from([0xeb, 0x03]))).toBe(3 * 240); // CELT 5 ms, code 3, 3 frames
  });
  it('counts PCM frames by size, and leaves fixed-frame codecs to the container', () => {
    expect(audioPacketSamples('pcm-s24', new Uint8Array(6 * 100), 2)).toBe(100);
    expect(audioPacketSamples('pcm-s16', new Uint8Array(12 * 10), 6)).toBe(10);
    expect(audioPacketSamples('aac', new Uint8Array(300), 2)).toBeUndefined();
  });
});

describe('Resampler to 48 kHz', () => {
  for (const rate of [44_100, 22_050]) {
    it(`keeps a ${rate} Hz tone's phase and level, and its length, fed in pieces`, () => {
      const n = rate; // 1 s
      const tone = (t: number) => 0.5 * Math.sin(2 * Math.PI * 1000 * t);
      const input = Float32Array.from({ length: n }, (_, i) => tone(i / rate));
      const r = new Resampler(rate, 48_000, 1);
      const parts: Float32Array[] = [];
      for (let i = 0; i < n; i += 1000) parts.push(r.push([input.subarray(i, Math.min(n, i + 1000))])[0]);
      parts.push(r.finish()[0]);
      const out = Float32Array.from(parts.flatMap((p) => [...p]));
      expect(out.length).toBe(48_000);
      let worst = 0;
      for (let j = 2000; j < 46_000; j++) worst = Math.max(worst, Math.abs(out[j] - tone(j / 48_000)));
      expect(worst).toBeLessThan(0.005);
    });
  }
});

describe('downmixToStereo', () => {
  it('puts 5.1 centre in both sides, surrounds on their own side, leaves out LFE, and cannot clip', () => {
    const one = (v: number) => Float32Array.of(v);
    const [l, r] = downmixToStereo([one(1), one(0), one(1), one(1), one(0), one(0)]);
    const norm = 1 / (1 + 2 * Math.SQRT1_2);
    expect(l[0]).toBeCloseTo((1 + Math.SQRT1_2) * norm, 5);
    expect(r[0]).toBeCloseTo(Math.SQRT1_2 * norm, 5);
    const [fl, fr] = downmixToStereo([one(1), one(1), one(1), one(1), one(1), one(1)]);
    expect(fl[0]).toBeCloseTo(1, 5);
    expect(fr[0]).toBeCloseTo(1, 5);
  });
});
