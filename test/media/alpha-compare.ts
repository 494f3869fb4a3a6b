// Helpers for the transparency tests: ffmpeg-made VP9-alpha clips, ffmpeg's libvpx decode (its
// native vp9 decoder ignores the alpha stream) and comparisons of straight RGBA pictures.

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** Raw frames from ffmpeg on stdout (more than Node's default 1 MB buffer). */
export const ffmpegRaw = (args: string[]) => execFileSync('ffmpeg', ['-v', 'error', ...args], { maxBuffer: 1 << 28 });

/**
 * A VP9 WebM with an alpha stream, as users get them from ffmpeg: a test pattern whose alpha
 * ramps from 0 (left edge) to 255 (right edge), colour straight and fully saturated under it.
 */
export function vp9AlphaClip(dir: string, width = 320, height = 180, frames = 12): string {
  const out = join(dir, `alpha-${width}x${height}.webm`);
  const src = `testsrc2=size=${width}x${height}:rate=24,format=yuva420p,geq=lum='lum(X,Y)':cb='cb(X,Y)':cr='cr(X,Y)':a='X*255/(W-1)'`;
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', src, '-frames:v', String(frames),
    '-c:v', 'libvpx-vp9', '-b:v', '4M', '-auto-alt-ref', '0', out]);
  return out;
}

/** Every frame of a VP9/VP8 file as straight RGBA, alpha included, decoded by ffmpeg's libvpx. */
export function libvpxRgba(file: string): Buffer {
  const codec = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', file]).toString().trim();
  return ffmpegRaw(['-c:v', codec === 'vp8' ? 'libvpx' : 'libvpx-vp9', '-i', file, '-f', 'rawvideo', '-pix_fmt', 'rgba', '-']);
}

/** Every frame of `file` as RGBA by ffmpeg's default decoder (for VP9: the colour as stored, no alpha). */
export const ffmpegRgba = (file: string) => ffmpegRaw(['-i', file, '-f', 'rawvideo', '-pix_fmt', 'rgba', '-']);

/** Frame `k` of raw RGBA frames of `width` x `height`. */
export const frameOf = (frames: Uint8Array, k: number, width: number, height: number) =>
  frames.subarray(k * width * height * 4, (k + 1) * width * height * 4);

export interface AlphaComparison {
  /** Largest |alpha - reference alpha|. */
  alphaMax: number;
  /** PSNR (dB) of R, G, B where the reference alpha is above `minAlpha` (straight colour). */
  colourPsnr: number;
  /** Pixels the colour was compared over. */
  pixels: number;
}

/** `rgba` against `reference` (both straight RGBA8): alpha everywhere, colour where visible. */
export function compareRgba(rgba: Uint8Array, reference: Uint8Array, minAlpha = 0): AlphaComparison {
  if (rgba.length !== reference.length) throw new Error(`size mismatch: ${rgba.length} vs ${reference.length} bytes`);
  let alphaMax = 0;
  let se = 0;
  let pixels = 0;
  for (let i = 0; i < rgba.length; i += 4) {
    alphaMax = Math.max(alphaMax, Math.abs(rgba[i + 3] - reference[i + 3]));
    if (reference[i + 3] <= minAlpha) continue;
    for (let c = 0; c < 3; c++) se += (rgba[i + c] - reference[i + c]) ** 2;
    pixels++;
  }
  const colourPsnr = se === 0 ? Infinity : 10 * Math.log10((255 * 255) / (se / (3 * pixels)));
  return { alphaMax, colourPsnr, pixels };
}

/** The only pixels of `rgba` (full RGBA rows of `width`) in columns x0..x1 (exclusive). */
export function columns(rgba: Uint8Array, width: number, x0: number, x1: number): Uint8Array {
  const height = rgba.length / 4 / width;
  const out = new Uint8Array((x1 - x0) * height * 4);
  for (let y = 0; y < height; y++) out.set(rgba.subarray((y * width + x0) * 4, (y * width + x1) * 4), y * (x1 - x0) * 4);
  return out;
}
