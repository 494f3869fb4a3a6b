// Decodes 8-bit (and paletted) non-interlaced PNGs exactly, alpha included. The browser's
// decoders hand out premultiplied pixels: soft alpha loses colour precision and the colour
// under alpha 0 is lost, while matting tools write straight RGBA PNGs (ours too) whose values
// must come back as written. Other PNGs (16-bit, interlaced, a tRNS colour key) are left to the
// browser: `undefined` says so.

export interface PngPixels {
  width: number;
  height: number;
  rgba: Uint8ClampedArray;
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

export async function decodePngExact(bytes: Uint8Array, name: string): Promise<PngPixels | undefined> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let width = 0;
  let height = 0;
  let depth = 0;
  let colour = 0;
  let palette: Uint8Array | undefined;
  let paletteAlpha: Uint8Array | undefined;
  const idat: Uint8Array[] = [];
  for (let at = 8; at + 12 <= bytes.length; ) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    // Not chunks at all (or no IHDR first): not a PNG we read; the browser's decoder says why.
    if (!/^[A-Za-z]{4}$/.test(type) || (at === 8 && type !== 'IHDR')) return undefined;
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (data.length < length) throw new Error(`${name} is cut short (its ${type} chunk ends early)`);
    if (type === 'IHDR') {
      width = view.getUint32(at + 8);
      height = view.getUint32(at + 12);
      depth = data[8];
      colour = data[9];
      if (data[12] !== 0) return undefined; // interlaced
    } else if (type === 'PLTE') {
      palette = data;
    } else if (type === 'tRNS') {
      if (colour !== 3) return undefined;
      paletteAlpha = data;
    } else if (type === 'IDAT') {
      idat.push(data);
    } else if (type === 'IEND') {
      break;
    }
    at += 12 + length;
  }
  const channels = CHANNELS[colour];
  if (!channels || !(depth === 8 || (colour === 3 && depth < 8) || (colour === 0 && depth < 8))) return undefined;
  if (!width || !height) throw new Error(`${name} has no PNG header`);
  if (colour === 3 && !palette) throw new Error(`${name} is a paletted PNG without a palette`);
  const bitsPerPixel = channels * depth;
  const stride = Math.ceil((width * bitsPerPixel) / 8);
  const raw = await inflate(idat, name);
  if (raw.length < (stride + 1) * height) throw new Error(`${name} is cut short: its image data ends early`);
  const rows = unfilter(raw, stride, height, Math.max(1, bitsPerPixel >> 3), name);
  return { width, height, rgba: toRgba(rows, width, height, stride, colour, depth, palette, paletteAlpha) };
}

async function inflate(parts: Uint8Array[], name: string): Promise<Uint8Array> {
  const stream = new Blob(parts as BlobPart[]).stream().pipeThrough(new DecompressionStream('deflate'));
  try {
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch {
    throw new Error(`${name} is damaged: its image data does not decompress`);
  }
}

/** Undoes the per-row filters (None, Sub, Up, Average, Paeth) in place; returns the rows without filter bytes. */
function unfilter(raw: Uint8Array, stride: number, height: number, bpp: number, name: string): Uint8Array {
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = out.subarray(y * stride, (y + 1) * stride);
    const up = y > 0 ? out.subarray((y - 1) * stride, y * stride) : undefined;
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? row[x - bpp] : 0;
      const b = up ? up[x] : 0;
      const c = up && x >= bpp ? up[x - bpp] : 0;
      let v: number;
      switch (filter) {
        case 0: v = src[x]; break;
        case 1: v = src[x] + a; break;
        case 2: v = src[x] + b; break;
        case 3: v = src[x] + ((a + b) >> 1); break;
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a);
          const pb = Math.abs(p - b);
          const pc = Math.abs(p - c);
          v = src[x] + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
          break;
        }
        default: throw new Error(`${name} is damaged: row ${y} has an unknown filter (${filter})`);
      }
      row[x] = v & 0xff;
    }
  }
  return out;
}

function toRgba(
  rows: Uint8Array, width: number, height: number, stride: number, colour: number, depth: number,
  palette?: Uint8Array, paletteAlpha?: Uint8Array,
): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(width * height * 4);
  const scale = 255 / ((1 << depth) - 1);
  for (let y = 0; y < height; y++) {
    const row = rows.subarray(y * stride, (y + 1) * stride);
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      if (depth < 8) {
        const bit = x * depth;
        const v = (row[bit >> 3] >> (8 - depth - (bit & 7))) & ((1 << depth) - 1);
        if (colour === 3) {
          setPalette(rgba, o, v, palette!, paletteAlpha);
        } else {
          rgba[o] = rgba[o + 1] = rgba[o + 2] = Math.round(v * scale);
          rgba[o + 3] = 255;
        }
        continue;
      }
      switch (colour) {
        case 0: rgba[o] = rgba[o + 1] = rgba[o + 2] = row[x]; rgba[o + 3] = 255; break;
        case 2: rgba[o] = row[x * 3]; rgba[o + 1] = row[x * 3 + 1]; rgba[o + 2] = row[x * 3 + 2]; rgba[o + 3] = 255; break;
        case 3: setPalette(rgba, o, row[x], palette!, paletteAlpha); break;
        case 4: rgba[o] = rgba[o + 1] = rgba[o + 2] = row[x * 2]; rgba[o + 3] = row[x * 2 + 1]; break;
        case 6: rgba.set(row.subarray(x * 4, x * 4 + 4), o); break;
      }
    }
  }
  return rgba;
}

function setPalette(rgba: Uint8ClampedArray, o: number, index: number, palette: Uint8Array, alpha?: Uint8Array) {
  rgba[o] = palette[index * 3] ?? 0;
  rgba[o + 1] = palette[index * 3 + 1] ?? 0;
  rgba[o + 2] = palette[index * 3 + 2] ?? 0;
  rgba[o + 3] = alpha && index < alpha.length ? alpha[index] : 255;
}
