// What the viewer puts on screen, from the pictures it fetched: a channel mode applied to A
// (and B), and the A/B wipe (A left of the divider, B right, B sampled to A's size).
// Plain CPU code over RGBA8 arrays; the viewer's pictures are small enough for that.

import type { ChannelMode } from '../store/viewer-store.ts';
import { alphaAt, type Picture } from './picture.ts';

/** A picture and, for a matte, the picture it was pulled from (overlay and checker modes). */
export interface ViewedPicture {
  picture: Picture;
  colour?: Picture;
}

const TINT = [255, 48, 48];
const CHECK = 8;
const CHECK_DARK = 96;
const CHECK_LIGHT = 160;

/** One picture in one channel mode, at its own size. */
export function applyChannel(v: ViewedPicture, mode: ChannelMode): Uint8ClampedArray<ArrayBuffer> {
  const { picture: p } = v;
  const src = p.pixels;
  const n = p.width * p.height;
  const out = new Uint8ClampedArray(n * 4);
  // For a matte, colour comes from its source picture when the sizes agree.
  const colour = v.colour && v.colour.width === p.width && v.colour.height === p.height ? v.colour.pixels : undefined;
  const base = p.kind === 'matte' ? colour : src;
  for (let i = 0; i < n; i++) {
    const o = i * 4;
    const a = alphaAt(p, i);
    let r: number, g: number, b: number;
    switch (mode) {
      case 'rgb':
        r = src[o]; g = src[o + 1]; b = src[o + 2];
        break;
      case 'r': case 'g': case 'b': {
        const c = src[o + (mode === 'r' ? 0 : mode === 'g' ? 1 : 2)];
        r = g = b = c;
        break;
      }
      case 'alpha':
        r = g = b = a;
        break;
      case 'overlay': {
        const [br, bg, bb] = base ? [base[o], base[o + 1], base[o + 2]] : [src[o], src[o + 1], src[o + 2]];
        // Where alpha is 0 the picture is tinted half red; where it is 1, untouched.
        const t = (255 - a) / 510;
        r = br + (TINT[0] - br) * t; g = bg + (TINT[1] - bg) * t; b = bb + (TINT[2] - bb) * t;
        break;
      }
      case 'checker': {
        const x = i % p.width;
        const y = (i / p.width) | 0;
        const bgc = ((x / CHECK) ^ (y / CHECK)) & 1 ? CHECK_LIGHT : CHECK_DARK;
        const [fr, fg, fb] = base ? [base[o], base[o + 1], base[o + 2]] : [255, 255, 255];
        const k = a / 255;
        r = fr * k + bgc * (1 - k); g = fg * k + bgc * (1 - k); b = fb * k + bgc * (1 - k);
        break;
      }
    }
    out[o] = r; out[o + 1] = g; out[o + 2] = b; out[o + 3] = 255;
  }
  return out;
}

/**
 * The screen picture at A's size: A in `mode`, and with `b` and `wipe` (0..1), B right of the
 * divider at column round(wipe * width).
 */
export function composeView(
  a: ViewedPicture,
  mode: ChannelMode,
  b?: ViewedPicture,
  wipe?: number,
): { width: number; height: number; pixels: Uint8ClampedArray<ArrayBuffer> } {
  const { width, height } = a.picture;
  const pixels = applyChannel(a, mode);
  if (!b || wipe === undefined) return { width, height, pixels };
  const bp = applyChannel(b, mode);
  const bw = b.picture.width;
  const bh = b.picture.height;
  const split = Math.round(Math.max(0, Math.min(1, wipe)) * width);
  for (let y = 0; y < height; y++) {
    const sy = Math.min(bh - 1, Math.floor(((y + 0.5) * bh) / height));
    for (let x = split; x < width; x++) {
      const sx = Math.min(bw - 1, Math.floor(((x + 0.5) * bw) / width));
      const o = (y * width + x) * 4;
      const s = (sy * bw + sx) * 4;
      pixels[o] = bp[s]; pixels[o + 1] = bp[s + 1]; pixels[o + 2] = bp[s + 2]; pixels[o + 3] = 255;
    }
  }
  return { width, height, pixels };
}

/** The raw RGBA of picture `v` under A-picture coordinate (x, y) (B is sampled like the wipe). */
export function probeAt(v: Picture, aWidth: number, aHeight: number, x: number, y: number): [number, number, number, number] {
  const sx = Math.min(v.width - 1, Math.floor(((x + 0.5) * v.width) / aWidth));
  const sy = Math.min(v.height - 1, Math.floor(((y + 0.5) * v.height) / aHeight));
  const o = (sy * v.width + sx) * 4;
  return [v.pixels[o], v.pixels[o + 1], v.pixels[o + 2], v.pixels[o + 3]];
}
