// The format and size of a PNG, JPEG or WebP from its first bytes, without decoding it, so a
// sequence's frames can all be checked for size up front (cheap even for thousands of files).

export type PictureFormat = 'PNG' | 'JPEG' | 'WebP';

export interface PictureHeader {
  format: PictureFormat;
  width: number;
  height: number;
}

/** Bytes to read from the start of a file: enough for the size of all but JPEGs with huge metadata. */
export const HEADER_BYTES = 64 * 1024;

const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));

/** The picture's format and size; undefined when the bytes are not a picture we read (or are cut short). */
export function readPictureHeader(b: Uint8Array): PictureHeader | undefined {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (b.length >= 24 && b[0] === 0x89 && ascii(b, 1, 4) === 'PNG' && ascii(b, 12, 16) === 'IHDR') {
    return { format: 'PNG', width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return jpegHeader(b, view);
  if (b.length >= 30 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return webpHeader(b, view);
  return undefined;
}

/** The format alone, from as few as 12 bytes. */
export function sniffPictureFormat(b: Uint8Array): PictureFormat | undefined {
  if (b.length >= 8 && b[0] === 0x89 && ascii(b, 1, 4) === 'PNG' && b[4] === 0x0d && b[5] === 0x0a) return 'PNG';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'JPEG';
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return 'WebP';
  return undefined;
}

function jpegHeader(b: Uint8Array, view: DataView): PictureHeader | undefined {
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return undefined;
    const marker = b[i + 1];
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    const length = view.getUint16(i + 2);
    // Start of frame (baseline, progressive, lossless, arithmetic): C0–CF less DHT, JPG and DAC.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (i + 9 > b.length) return undefined;
      return { format: 'JPEG', height: view.getUint16(i + 5), width: view.getUint16(i + 7) };
    }
    if (marker === 0xda || marker === 0xd9) return undefined; // image data before any frame header
    i += 2 + length;
  }
  return undefined;
}

function webpHeader(b: Uint8Array, view: DataView): PictureHeader | undefined {
  const chunk = ascii(b, 12, 16);
  if (chunk === 'VP8 ' && b[23] === 0x9d && b[24] === 0x01 && b[25] === 0x2a) {
    return { format: 'WebP', width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  }
  if (chunk === 'VP8L' && b[20] === 0x2f) {
    const bits = view.getUint32(21, true);
    return { format: 'WebP', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') {
    const w = b[24] | (b[25] << 8) | (b[26] << 16);
    const h = b[27] | (b[28] << 8) | (b[29] << 16);
    return { format: 'WebP', width: w + 1, height: h + 1 };
  }
  return undefined;
}
