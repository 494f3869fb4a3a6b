import { describe, expect, it } from 'vitest';
import { exportSettings, filenameFor, matteFilename, pngFilename } from '../../src/media/export-settings.ts';
import { codecString, quantizerFor } from '../../src/media/video-encoder-config.ts';
import { alphaPlaneI420, rgbaWithAlpha } from '../../src/media/export-pixels.ts';

describe('exportSettings', () => {
  it('defaults to H.264 MP4 with the audio kept (old graphs with only codec/bitrate/filename)', () => {
    const s = exportSettings({ codec: 'h264', bitrateMbps: 8, filename: 'mattegraph-export.mp4' });
    expect(s).toMatchObject({ format: 'mp4', container: 'mp4', codec: 'h264', bitrate: 8e6, alpha: 'none', audio: 'keep', filename: 'mattegraph-export.mp4' });
    expect(exportSettings({}).format).toBe('mp4');
  });
  it('takes VP9 for WebM when the codec is left at H.264, and says so', () => {
    const s = exportSettings({ format: 'webm', filename: 'clip.mp4' });
    expect(s).toMatchObject({ container: 'webm', codec: 'vp9', filename: 'clip.webm' });
    expect(s.notes).toEqual(['codec VP9: WebM cannot hold H.264']);
    expect(exportSettings({ format: 'webm', codec: 'av1' }).codec).toBe('av1');
  });
  it('refuses combinations that cannot work, naming the way out', () => {
    expect(() => exportSettings({ format: 'mp4', codec: 'vp8' })).toThrow(/VP8 cannot go into MP4.*WebM/);
    expect(() => exportSettings({ format: 'webm-alpha', codec: 'av1' })).toThrow(/needs VP9 or VP8/);
    expect(() => exportSettings({ format: 'gif' })).toThrow(/unknown/);
    expect(() => exportSettings({ codec: 'hevc' })).toThrow(/not supported/);
    expect(() => exportSettings({ quality: 0 })).toThrow(/1\.\.100/);
    expect(() => exportSettings({ audio: 'mute' })).toThrow(/keep or drop/);
  });
  it('describes each transparent format, straight colour unless premultiplied is asked for', () => {
    expect(exportSettings({ format: 'webm-alpha' })).toMatchObject({ alpha: 'stream', codec: 'vp9', colour: 'straight' });
    expect(exportSettings({ format: 'matte-pair' })).toMatchObject({ alpha: 'separate-video', container: 'mp4' });
    expect(exportSettings({ format: 'png-sequence', alphaColour: 'premultiplied' })).toMatchObject({ alpha: 'png', container: 'png', colour: 'premultiplied', filename: 'mattegraph-export.zip' });
  });
  it('warns that premultiplied colour is not what transparent formats expect; straight needs no note', () => {
    for (const format of ['webm-alpha', 'matte-pair', 'png-sequence']) {
      expect(exportSettings({ format, alphaColour: 'premultiplied' }).notes.join('\n')).toMatch(/premultiplied by alpha, as asked: .* expect straight colour/);
      expect(exportSettings({ format, codec: 'vp9' }).notes).toEqual([]);
    }
    // Opaque formats have no alpha to multiply by: the setting does not apply, nothing is said.
    expect(exportSettings({ format: 'mp4', alphaColour: 'premultiplied' }).notes).toEqual([]);
  });
});

describe('file names', () => {
  it('match the format', () => {
    expect(filenameFor('shot.mp4', 'webm')).toBe('shot.webm');
    expect(filenameFor('shot', 'mp4')).toBe('shot.mp4');
    expect(filenameFor('.mp4', 'mp4')).toBe('mattegraph-export.mp4');
    expect(matteFilename('shot.mp4')).toBe('shot-matte.mp4');
    expect(pngFilename('shot.zip', 12, 6)).toBe('shot_000012.png');
  });
});

describe('encoder settings', () => {
  it('writes VP9 and AV1 codec strings at the level the picture needs', () => {
    expect(codecString('vp9', 320, 180, 30)).toBe('vp09.00.11.08');
    expect(codecString('vp9', 1920, 1080, 30)).toBe('vp09.00.40.08');
    expect(codecString('av1', 1920, 1080, 30)).toBe('av01.0.08M.08');
    expect(codecString('av1', 3840, 2160, 60)).toBe('av01.0.13M.08');
    expect(codecString('vp8', 64, 64, 30)).toBe('vp8');
    expect(codecString('vp9', 20000, 20000, 30)).toBeUndefined();
  });
  it('maps quality 1..100 to quantizers 63..0', () => {
    expect(quantizerFor(100)).toBe(0);
    expect(quantizerFor(1)).toBe(63);
    expect(quantizerFor(50)).toBe(32);
  });
});

describe('alpha pixels', () => {
  const colour = new Uint8ClampedArray([200, 100, 50, 255, 10, 20, 30, 255]);
  const matte = new Uint8ClampedArray([128, 128, 128, 255, 0, 0, 0, 255]);
  it('keeps straight colour and takes alpha from the matte', () => {
    expect([...rgbaWithAlpha(colour, matte, 'straight')]).toEqual([200, 100, 50, 128, 10, 20, 30, 0]);
  });
  it('multiplies colour by alpha for premultiplied', () => {
    expect([...rgbaWithAlpha(colour, matte, 'premultiplied')]).toEqual([100, 50, 25, 128, 0, 0, 0, 0]);
  });
  it('uses the picture\'s own alpha without a matte', () => {
    expect([...rgbaWithAlpha(new Uint8ClampedArray([1, 2, 3, 77]), undefined, 'straight')]).toEqual([1, 2, 3, 77]);
  });
  it('stores alpha as the luma of an even-sized grey picture', () => {
    // 3x1: padded to 4x2 by repeating the last column and row.
    const px = new Uint8ClampedArray([0, 0, 0, 10, 0, 0, 0, 20, 0, 0, 0, 30]);
    expect([...alphaPlaneI420(px, 3, 1)]).toEqual([10, 20, 30, 30, 10, 20, 30, 30, 128, 128, 128, 128]);
  });
});
