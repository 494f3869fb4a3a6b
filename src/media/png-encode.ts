// Encodes RGBA8 pixels as a PNG (colour type 6, 8 bits, straight alpha as PNG defines it), exact
// to the byte value: no canvas, so nothing premultiplies or colour-manages the pixels. Rows use
// the filter that makes them smallest (the usual heuristic); zlib is the platform's
// CompressionStream('deflate'), in browsers and Node alike.

import { crc32 } from './crc32.ts';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export async function encodePng(rgba: ArrayLike<number>, width: number, height: number): Promise<Uint8Array> {
  if (rgba.length !== width * height * 4) throw new Error(`PNG: ${rgba.length} bytes is not ${width}x${height} RGBA`);
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, width);
  v.setUint32(4, height);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, adaptive filtering, no interlace
  const idat = await deflate(filterRows(rgba, width, height));
  const parts = [new Uint8Array(SIGNATURE), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  v.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** Each row prefixed by its filter type (0 none, 1 sub, 2 up, 4 Paeth), chosen per row. */
function filterRows(px: ArrayLike<number>, width: number, height: number): Uint8Array {
  const stride = width * 4;
  const out = new Uint8Array(height * (stride + 1));
  const candidates = [0, 1, 2, 4].map(() => new Uint8Array(stride));
  for (let y = 0; y < height; y++) {
    const row = y * stride;
    const prev = row - stride;
    let best = 0;
    let bestCost = Infinity;
    candidates.forEach((c, k) => {
      let cost = 0;
      for (let x = 0; x < stride; x++) {
        const cur = px[row + x];
        const left = x >= 4 ? px[row + x - 4] : 0;
        const up = y > 0 ? px[prev + x] : 0;
        const upLeft = y > 0 && x >= 4 ? px[prev + x - 4] : 0;
        const pred = k === 0 ? 0 : k === 1 ? left : k === 2 ? up : paeth(left, up, upLeft);
        const d = (cur - pred) & 0xff;
        c[x] = d;
        cost += d < 128 ? d : 256 - d;
      }
      if (cost < bestCost) {
        bestCost = cost;
        best = k;
      }
    });
    out[y * (stride + 1)] = [0, 1, 2, 4][best];
    out.set(candidates[best], y * (stride + 1) + 1);
  }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

async function deflate(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
