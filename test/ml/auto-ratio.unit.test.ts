import { describe, expect, it } from 'vitest';
import { autoDownsampleRatio, resolveDownsampleRatio } from '../../src/ml/auto-ratio.ts';

describe('auto downsample ratio', () => {
  it("reproduces the RVM authors' guideline (network long side 480 px)", () => {
    expect(autoDownsampleRatio(1280, 720)).toBe(0.375);
    expect(autoDownsampleRatio(1920, 1080)).toBe(0.25);
    expect(autoDownsampleRatio(3840, 2160)).toBe(0.125);
    expect(autoDownsampleRatio(720, 1280)).toBe(0.375); // portrait: the long side counts
  });

  it('keeps the downsampled long side within the recommended 256–512 px band', () => {
    for (const [w, h] of [[768, 432], [640, 480], [1024, 576], [2560, 1440], [1000, 1000]]) {
      const r = autoDownsampleRatio(w, h);
      expect(Math.max(w, h) * r).toBeGreaterThanOrEqual(256);
      expect(Math.max(w, h) * r).toBeLessThanOrEqual(512);
    }
    expect(autoDownsampleRatio(768, 432)).toBe(0.625);
  });

  it('never upsamples small frames and never goes below the minimum', () => {
    expect(autoDownsampleRatio(320, 180)).toBe(1);
    expect(autoDownsampleRatio(480, 270)).toBe(1);
    expect(autoDownsampleRatio(20000, 100)).toBe(0.05);
  });

  it('uses a number param as given, clamped to 0.05..1, and refuses nonsense', () => {
    expect(resolveDownsampleRatio(0.4, 1920, 1080)).toBe(0.4);
    expect(resolveDownsampleRatio('auto', 1920, 1080)).toBe(0.25);
    expect(resolveDownsampleRatio(3, 1920, 1080)).toBe(1);
    expect(resolveDownsampleRatio(0.001, 1920, 1080)).toBe(0.05);
    expect(() => resolveDownsampleRatio('fast', 1920, 1080)).toThrow('downsample ratio must be a number or "auto", got "fast"');
    expect(() => autoDownsampleRatio(0, 0)).toThrow('cannot choose a downsample ratio for a 0x0 frame');
  });
});
