import { describe, expect, it } from 'vitest';
import { applyChannel, composeView, probeAt } from '../../src/app/viewer/compose-view.ts';
import { PictureCache } from '../../src/app/viewer/picture-cache.ts';
import type { Picture } from '../../src/app/viewer/picture.ts';

const pic = (width: number, height: number, kind: Picture['kind'], px: number[]): Picture => {
  const pixels = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) pixels.set(px, i * 4);
  return { width, height, kind, pixels };
};
const first = (a: Uint8ClampedArray) => [...a.slice(0, 4)];

describe('viewer channel modes', () => {
  const image = pic(2, 1, 'image', [200, 100, 50, 128]);
  const matte = pic(2, 1, 'matte', [64, 64, 64, 255]);
  it('show one channel as grey', () => {
    expect(first(applyChannel({ picture: image }, 'rgb'))).toEqual([200, 100, 50, 255]);
    expect(first(applyChannel({ picture: image }, 'r'))).toEqual([200, 200, 200, 255]);
    expect(first(applyChannel({ picture: image }, 'g'))).toEqual([100, 100, 100, 255]);
    expect(first(applyChannel({ picture: image }, 'b'))).toEqual([50, 50, 50, 255]);
  });
  it('take alpha from an image A channel and from a matte value', () => {
    expect(first(applyChannel({ picture: image }, 'alpha'))).toEqual([128, 128, 128, 255]);
    expect(first(applyChannel({ picture: matte }, 'alpha'))).toEqual([64, 64, 64, 255]);
  });
  it('tint the source red where the matte is transparent (overlay)', () => {
    const source = pic(2, 1, 'image', [0, 0, 200, 255]);
    const clear = pic(2, 1, 'matte', [0, 0, 0, 255]);
    const solid = pic(2, 1, 'matte', [255, 255, 255, 255]);
    expect(first(applyChannel({ picture: clear, colour: source }, 'overlay'))).toEqual([128, 24, 124, 255]);
    expect(first(applyChannel({ picture: solid, colour: source }, 'overlay'))).toEqual([0, 0, 200, 255]);
  });
  it('put the source over a checkerboard by the matte (checker)', () => {
    const source = pic(16, 1, 'image', [250, 0, 0, 255]);
    const clear = pic(16, 1, 'matte', [0, 0, 0, 255]);
    const out = applyChannel({ picture: clear, colour: source }, 'checker');
    expect([out[0], out[8 * 4]]).toEqual([96, 160]); // squares of 8 px alternate
    const solid = pic(16, 1, 'matte', [255, 255, 255, 255]);
    expect(first(applyChannel({ picture: solid, colour: source }, 'checker'))).toEqual([250, 0, 0, 255]);
  });
});

describe('A/B wipe and probe', () => {
  it('shows A left of the divider and B (resampled) right of it', () => {
    const a = pic(4, 2, 'image', [255, 0, 0, 255]);
    const b = pic(2, 1, 'image', [0, 0, 255, 255]);
    const { pixels } = composeView({ picture: a }, 'rgb', { picture: b }, 0.5);
    const at = (x: number, y: number) => [...pixels.slice((y * 4 + x) * 4, (y * 4 + x) * 4 + 3)];
    expect([at(0, 0), at(1, 1), at(2, 0), at(3, 1)]).toEqual([[255, 0, 0], [255, 0, 0], [0, 0, 255], [0, 0, 255]]);
    expect(probeAt(b, 4, 2, 3, 1)).toEqual([0, 0, 255, 255]);
  });
});

describe('picture cache', () => {
  it('keeps recent pictures within its byte budget', () => {
    const cache = new PictureCache<Picture>(3 * 16);
    for (const k of ['a', 'b', 'c']) cache.set(k, pic(2, 2, 'image', [0, 0, 0, 0]));
    cache.get('a'); // used: b is now the oldest
    cache.set('d', pic(2, 2, 'image', [0, 0, 0, 0]));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.size).toBe(3);
    expect(cache.byteSize).toBe(48);
  });
});
