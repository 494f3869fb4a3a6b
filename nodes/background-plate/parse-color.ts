// Reads a colour param ('#rgb' or '#rrggbb', as colour pickers write them) into 0..255 channels.

export function parseHexColor(value: string): [number, number, number] {
  const hex = value.trim().replace(/^#/, '');
  const full = /^[0-9a-f]{3}$/i.test(hex) ? [...hex].map((c) => c + c).join('') : hex;
  if (!/^[0-9a-f]{6}$/i.test(full)) {
    throw new Error(`"${value}" is not a colour: use a hex colour like #00ff00`);
  }
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
}

/** width x height opaque pixels of one colour. */
export function solidPixels(width: number, height: number, [r, g, b]: readonly number[]): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < rgba.length; i += 4) {
    rgba[i] = r;
    rgba[i + 1] = g;
    rgba[i + 2] = b;
    rgba[i + 3] = 255;
  }
  return rgba;
}
