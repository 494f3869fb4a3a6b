import { describe, expect, it } from 'vitest';
import { h264CodecString, h264LevelFor } from '../../src/media/h264-level.ts';
import { constantFrameRate } from '../../src/media/frame-rate.ts';
import { evenSize } from '../../src/media/rgba-to-i420.ts';
import { quantizerFor } from '../../src/media/video-encoder-config.ts';

describe('h264LevelFor', () => {
  it('picks the smallest level the size, rate and bitrate fit', () => {
    expect(h264LevelFor(1920, 1080, 24, 8e6, 'high')).toBe(40);
    expect(h264LevelFor(1920, 1080, 60, 8e6, 'high')).toBe(42);
    expect(h264LevelFor(768, 432, 10, 8e6, 'high')).toBe(30); // 2.2 fits the size but not 8 Mbit/s
    expect(h264LevelFor(320, 180, 30, 1e6, 'high')).toBe(20);
    expect(h264LevelFor(3840, 2160, 30, 20e6, 'high')).toBe(51);
  });
  it('respects the longest-side limit of a level', () => {
    // 4096x256 has few macroblocks but is too wide for level 3.0.
    expect(h264LevelFor(4096, 256, 10, 1e6, 'high')).toBeGreaterThan(30);
  });
  it('has no level for pictures larger than H.264 allows', () => {
    expect(h264LevelFor(16384, 16384, 30, 1e6, 'high')).toBeUndefined();
  });
  it('writes WebCodecs codec strings', () => {
    expect(h264CodecString('high', 40)).toBe('avc1.640028');
    expect(h264CodecString('baseline', 31)).toBe('avc1.42e01f');
  });
});

describe('constantFrameRate', () => {
  it('recognises integer and NTSC rates from microsecond durations', () => {
    expect(constantFrameRate([41667, 41666, 41667, 41667, 41666, 41667])).toBe(24);
    expect(constantFrameRate(Array(30).fill(33367).map((d, i) => (i % 3 === 0 ? d - 1 : d)))).toBeCloseTo(30000 / 1001, 9);
    expect(constantFrameRate([100000, 100000])).toBe(10);
  });
  it('says nothing for variable frame rate', () => {
    expect(constantFrameRate([40000, 40000, 80000])).toBeUndefined();
  });
});

describe('evenSize', () => {
  it('rounds odd sizes up for 4:2:0', () => {
    expect(evenSize(319, 179)).toEqual({ width: 320, height: 180 });
    expect(evenSize(320, 180)).toEqual({ width: 320, height: 180 });
  });
});

describe('quantizerFor', () => {
  it('maps quality 1..100 onto H.264 QP 51..0', () => {
    expect(quantizerFor(100, 'h264')).toBe(0);
    expect(quantizerFor(1, 'h264')).toBe(51);
    expect(quantizerFor(50, 'h264')).toBe(26);
  });
  it('maps quality 1..100 onto VP9 and AV1 quantizer 63..0', () => {
    for (const codec of ['vp9', 'av1'] as const) {
      expect(quantizerFor(100, codec)).toBe(0);
      expect(quantizerFor(1, codec)).toBe(63);
    }
  });
  it('never gives a higher quantizer for a higher quality', () => {
    for (const codec of ['h264', 'vp9', 'av1'] as const) {
      for (let q = 2; q <= 100; q++) expect(quantizerFor(q, codec)).toBeLessThanOrEqual(quantizerFor(q - 1, codec));
    }
  });
});
