// Decodes a picture file (PNG, JPEG, WebP: whatever the browser reads) into RGBA8 pixels.
// Embedded colour profiles and PNG gamma are ignored on purpose: decoded video is not colour
// managed either, so a plate grabbed from a clip keeps exactly the clip's values (as ffmpeg does).

export interface Picture {
  width: number;
  height: number;
  rgba: Uint8ClampedArray;
}

export async function decodePicture(file: Blob, name: string): Promise<Picture> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  } catch {
    throw new Error(`"${name}" is not a picture this browser can read (use PNG, JPEG or WebP)`);
  }
  try {
    const { width, height } = bitmap;
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error(`cannot read the pixels of "${name}": no 2D canvas in this browser`);
    ctx.drawImage(bitmap, 0, 0);
    return { width, height, rgba: ctx.getImageData(0, 0, width, height).data };
  } finally {
    bitmap.close();
  }
}
