// The plate's colour param: what colour pickers write is read exactly, anything else is refused.

import { describe, expect, it } from 'vitest';
import { parseHexColor, solidPixels } from '../../nodes/background-plate/parse-color.ts';

describe('parseHexColor', () => {
  it('reads #rrggbb in either case and the #rgb shorthand', () => {
    expect(parseHexColor('#00ff00')).toEqual([0, 255, 0]);
    expect(parseHexColor('#3366CC')).toEqual([0x33, 0x66, 0xcc]);
    expect(parseHexColor('#abc')).toEqual([0xaa, 0xbb, 0xcc]);
    expect(parseHexColor(' #102030 ')).toEqual([0x10, 0x20, 0x30]);
  });

  it('refuses names, partial and over-long values with the fix in the message', () => {
    for (const bad of ['green', '#12345', '#1234567', '#ggg000', '']) {
      expect(() => parseHexColor(bad)).toThrow(`"${bad}" is not a colour: use a hex colour like #00ff00`);
    }
  });
});

describe('solidPixels', () => {
  it('fills every pixel with the opaque colour', () => {
    const px = solidPixels(3, 2, [1, 2, 3]);
    expect([...px]).toEqual(Array.from({ length: 6 }, () => [1, 2, 3, 255]).flat());
  });
});
