// Decodes one picture of a sequence (PNG, JPEG, WebP) to RGBA8. 8-bit PNGs are decoded here,
// exactly (straight alpha kept); the rest by WebCodecs' ImageDecoder, whose RGBA copy of a
// JPEG's Y'CbCr stays within a few levels of ffmpeg's (a 2D canvas is off by up to 135 at sharp
// colour edges). No colour management is applied, as for video frames.

import { adoptFrame } from './open-frames.ts';
import { sniffPictureFormat, type PictureFormat } from './image-sequence-header.ts';
import { decodePngExact } from './image-sequence-png.ts';

export interface DecodedPicture {
  width: number;
  height: number;
  format: PictureFormat;
  rgba: Uint8ClampedArray;
}

const MIME: Record<PictureFormat, string> = { PNG: 'image/png', JPEG: 'image/jpeg', WebP: 'image/webp' };

export async function decodeSequencePicture(blob: Blob, name: string): Promise<DecodedPicture> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  if (bytes.length === 0) throw new Error(`${name} is empty (0 bytes)`);
  const format = sniffPictureFormat(bytes);
  if (!format) throw new Error(`${name} is not a PNG, JPEG or WebP picture`);
  const png = format === 'PNG' ? await decodePngExact(bytes, name) : undefined;
  if (png) return { ...png, format };
  if (typeof ImageDecoder === 'undefined') throw new Error('this browser has no ImageDecoder (WebCodecs): image sequences cannot be read');
  const decoder = new ImageDecoder({ data: bytes, type: MIME[format], colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  try {
    let frame: VideoFrame;
    try {
      frame = adoptFrame((await decoder.decode({ frameIndex: 0 })).image);
    } catch (e) {
      throw new Error(`${name} cannot be decoded: it is damaged or not a ${format} this browser reads (${(e as Error).message})`);
    }
    try {
      const width = frame.displayWidth;
      const height = frame.displayHeight;
      const rgba = new Uint8ClampedArray(width * height * 4);
      await frame.copyTo(rgba, { format: 'RGBA', colorSpace: 'srgb' });
      return { width, height, format, rgba };
    } finally {
      frame.close();
    }
  } finally {
    decoder.close();
  }
}
