// The Color Key's model and settings in plain TypeScript: the screen basis, the property the key
// rests on (a mix of a grey foreground with the screen reads back its exact alpha), the checked
// settings and the uniform layout the shaders read.

import { describe, expect, it } from 'vitest';
import { readSettings } from '../../nodes/color-key/color-key-settings.ts';
import { PLATE, screenBasis, screenness } from '../../nodes/color-key/key-model.ts';
import { KEY_PARAMS_BYTES, keyParamsBytes, plateLevels } from '../../nodes/color-key/key-uniforms.ts';
import { colorKeyReference, defaultSettings } from './color-key-reference.ts';

const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i], 0);

describe('screen basis', () => {
  it('gives a unit hue direction free of grey, and edge measures that are 1 at the screen', () => {
    for (const screen of [[40, 190, 70], [0, 177, 64], [0, 71, 187], [101, 206, 0], [200, 30, 180]]) {
      const b = screenBasis(screen);
      expect(Math.hypot(...b.hue)).toBeCloseTo(1, 12);
      expect(dot(b.hue, [1, 1, 1])).toBeCloseTo(0, 12);
      for (const e of b.edges) {
        expect(dot(e, b.screen)).toBeCloseTo(1, 12);
        expect(dot(e, [1, 1, 1])).toBeCloseTo(0, 12); // greys are on every edge line: screen-ness 0
        expect(dot(e, b.hue)).toBeGreaterThan(0);
      }
      expect(screenness(b, b.screen)).toBeCloseTo(1, 12);
    }
  });

  it('centres a 150° wedge on the screen hue, kept within 70° of the screen\'s primary', () => {
    const round = (a: { screen: number; warm: number; cool: number }) => [a.screen, a.warm, a.cool].map(Math.round);
    expect(round(screenBasis([40, 190, 70]).angles)).toEqual([131, 56, 190]);
    expect(round(screenBasis([0, 71, 187]).angles)).toEqual([218, 170, 293]);
    // A yellowish green: the warm edge stops short of skin tones.
    expect(round(screenBasis([101, 206, 0]).angles)).toEqual([91, 46, 166]);
  });

  it('reads the alpha of a grey over the screen exactly, at any screen brightness', () => {
    for (const screen of [[40, 190, 70], [0, 71, 187]]) {
      const b = screenBasis(screen);
      for (const grey of [0, 0.3, 0.92]) {
        for (const light of [0.6, 1, 1.1]) {
          for (const alpha of [0, 0.25, 0.5, 0.9, 1]) {
            const c = b.screen.map((s) => alpha * grey + (1 - alpha) * light * s);
            expect(1 - screenness(b, c) / light).toBeCloseTo(alpha, 12);
          }
        }
      }
    }
  });

  it('counts skin, hair, red, blue (and golden yellow) as foreground (outside the wedge) on green screens', () => {
    const golden: number[][] = [[240, 190, 40], [230, 200, 120]];
    const screens: [number[], number[][]][] = [[[40, 190, 70], golden], [[0, 177, 64], golden], [[101, 206, 0], []]];
    // A yellowish green screen (91°) reaches golden yellow (45°), not skin.
    for (const [screen, extra] of screens) {
      const b = screenBasis(screen);
      for (const rgb of [[224, 172, 140], [60, 40, 30], [255, 0, 0], [0, 0, 255], ...extra]) {
        expect(screenness(b, rgb.map((v) => v / 255)), `${rgb} on ${screen}`).toBeLessThanOrEqual(0);
      }
    }
  });

  it('refuses a grey screen colour with a reason', () => {
    expect(() => screenBasis([128, 128, 128])).toThrow('the screen colour is almost grey');
  });
});

describe('settings', () => {
  it('fills defaults and reads hex colours', () => {
    expect(readSettings({ screenColor: '#28BE46' })).toEqual({
      screen: [40, 190, 70], tolerance: 0.08, softness: 1, clipBlack: 0, clipWhite: 1, despillAmount: 1, despillBias: 0,
      choke: 0, blur: 0, mode: 'final',
    });
    expect(readSettings({}).screen).toEqual([0, 177, 64]);
  });

  it('names the setting that is out of range or not a number', () => {
    expect(() => readSettings({ blur: -1 })).toThrow('matte blur must be between 0 and 50 (it is -1)');
    expect(() => readSettings({ softness: 'x' })).toThrow('softness must be a number, not "x"');
    expect(() => readSettings({ outputMode: 'rgb' })).toThrow('output mode must be one of final, matte, status');
  });
});

describe('uniforms', () => {
  it('packs nine vec4s with the output mode and prior flag as integers', () => {
    const bytes = keyParamsBytes(readSettings({ screenColor: '#28be46', outputMode: 'status', tolerance: 0.1 }), true);
    expect(bytes.byteLength).toBe(KEY_PARAMS_BYTES);
    const f = new Float32Array(bytes);
    expect(f[0]).toBeCloseTo(40 / 255, 6);
    expect(f[16]).toBeCloseTo(0.1, 6);
    expect(f[26]).toBe(PLATE.cell);
    expect([...new Uint32Array(bytes, 128, 4)]).toEqual([2, 1, 0, 0]);
  });

  it('sizes the plate pyramid from 16-pixel cells down to one cell', () => {
    expect(plateLevels(320, 240)).toEqual([
      { width: 20, height: 15 }, { width: 10, height: 8 }, { width: 5, height: 4 }, { width: 3, height: 2 },
      { width: 2, height: 1 }, { width: 1, height: 1 },
    ]);
    expect(plateLevels(8, 8)).toEqual([{ width: 1, height: 1 }]);
  });
});

describe('reference key', () => {
  it('follows a screen that darkens across the frame without leaking into the matte', () => {
    // A 160x64 screen from 65% to 100% brightness, a grey square at 60% alpha in the middle.
    const width = 160;
    const height = 64;
    const rgba = new Uint8Array(width * height * 4);
    const screen = [40, 190, 70];
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const inside = x >= 72 && x < 88 && y >= 24 && y < 40;
        const a = inside ? 0.6 : 0;
        const light = 1 - 0.35 * (x / width);
        for (let c = 0; c < 3; c++) rgba[(y * width + x) * 4 + c] = Math.round(a * 128 + (1 - a) * light * screen[c]);
        rgba[(y * width + x) * 4 + 3] = 255;
      }
    }
    const { alpha } = colorKeyReference({ width, height, rgba }, defaultSettings([40, 190, 70]));
    expect(Math.max(...alpha.filter((_, i) => i % width < 60 || i % width > 100))).toBe(0);
    expect(alpha[32 * width + 80]).toBeCloseTo(0.6, 1);
  });
});
