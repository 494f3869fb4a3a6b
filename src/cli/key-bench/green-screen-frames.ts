// Synthetic green-screen frames with exactly known alpha, for the bench and the accuracy tests:
// each ground-truth sample (image I, alpha α) of ../shared/media/ground_truth_alpha is put over an
// unevenly lit screen, C = α·I + (1 − α)·G(x, y), plus seeded sensor noise, rounded to 8 bits.

import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

export const GROUND_TRUTH_IDS = ['0', '1', '3', '4', '6', '7', '9', '0_0', '120_12081', '182_18293', '249_24980'];

/** The crops with image + alpha pairs, inside the shared media folder. */
const CROPS = 'ground_truth_alpha/adobe_dim_crops_via_foamliu';

/** Where the ground truth is: $MATTEGRAPH_SHARED/media/..., else ../shared next to the project. */
export function defaultGroundTruthDir(env: NodeJS.ProcessEnv = process.env): string {
  const shared = env.MATTEGRAPH_SHARED ?? resolve(import.meta.dirname, '../../../../shared');
  return resolve(shared, 'media', CROPS);
}

/** 8-bit RGBA pixels, row-major. */
export interface Pixels {
  width: number;
  height: number;
  rgba: Uint8Array | Uint8ClampedArray;
}

export interface Lighting {
  /** The nominal screen colour, 0..255 (what the user picks). */
  screen: [number, number, number];
  /** Sensor noise, standard deviation in 8-bit steps. */
  noise: number;
  seed: number;
  /** How much the light falls off: 1 gives a screen from about 0.69 to 1.0 of the nominal colour. */
  unevenness?: number;
}

export interface KnownFrame {
  id: string;
  pixels: Pixels;
  /** Ground-truth alpha, 0..1 per pixel. */
  alpha: Float64Array;
}

/** Seeded uniform numbers in [0, 1) (mulberry32). */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Screen brightness at (u, v) in 0..1 frame units: a vignette off centre times a left-right ramp,
 * about 0.69..1.0 at unevenness 1 (0.47..0.98 at 1.6).
 */
export const screenLight = (u: number, v: number, unevenness = 1) =>
  (1.04 - 0.5 * unevenness * ((u - 0.35) ** 2 + (v - 0.4) ** 2)) * (1 - 0.1 * unevenness + 0.15 * unevenness * u);

/** Lowest and highest screen brightness over the frame (for reports). */
export function lightRange(unevenness = 1): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let y = 0; y <= 64; y++) {
    for (let x = 0; x <= 64; x++) {
      const l = screenLight(x / 64, y / 64, unevenness);
      min = Math.min(min, l);
      max = Math.max(max, l);
    }
  }
  return { min, max };
}

/** A picture file decoded by ffmpeg to RGBA (accurate rounding, full chroma interpolation). */
export function readPictureRgba(path: string): Pixels {
  const [width, height] = execFileSync('ffprobe', [
    '-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height', '-of', 'csv=p=0', path,
  ]).toString().trim().split(',').map(Number);
  // Closest to how browsers upsample JPEG chroma.
  const scale = 'scale=flags=bilinear+accurate_rnd+full_chroma_int';
  const rgba = execFileSync('ffmpeg', ['-v', 'error', '-i', path, '-vf', scale, '-f', 'rawvideo', '-pix_fmt', 'rgba', '-'], {
    maxBuffer: 1 << 28,
  });
  if (rgba.length !== width * height * 4) throw new Error(`${path}: ffmpeg gave ${rgba.length} bytes for ${width}x${height} RGBA`);
  return { width, height, rgba: new Uint8Array(rgba) };
}

export function knownFrame(id: string, light: Lighting, dir = defaultGroundTruthDir()): KnownFrame {
  const image = readPictureRgba(resolve(dir, `${id}_image.png`));
  const matte = readPictureRgba(resolve(dir, `${id}_alpha.png`));
  const { width, height } = image;
  if (matte.width !== width || matte.height !== height) throw new Error(`ground truth ${id}: alpha and image differ in size`);
  const random = seededRandom(light.seed);
  const gauss = () => Math.sqrt(-2 * Math.log(Math.max(random(), 1e-12))) * Math.cos(2 * Math.PI * random());
  const rgba = new Uint8Array(width * height * 4);
  const alpha = new Float64Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const a = matte.rgba[i * 4] / 255;
      alpha[i] = a;
      const lit = screenLight(x / width, y / height, light.unevenness);
      for (let c = 0; c < 3; c++) {
        const v = a * image.rgba[i * 4 + c] + (1 - a) * light.screen[c] * lit + light.noise * gauss();
        rgba[i * 4 + c] = Math.min(255, Math.max(0, Math.round(v)));
      }
      rgba[i * 4 + 3] = 255;
    }
  }
  return { id, pixels: { width, height, rgba }, alpha };
}

/** Writes the frame as an RGB PNG (what a user would feed the Video Source). */
export function writePng(p: Pixels, path: string): void {
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'rawvideo', '-pix_fmt', 'rgba', '-s', `${p.width}x${p.height}`, '-i', '-',
    '-pix_fmt', 'rgb24', path], { input: p.rgba });
}
