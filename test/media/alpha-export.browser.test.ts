// Transparent exports with a known alpha (a ramp, plus a per-frame value in the top-left block):
// VP9 WebM with a real alpha stream (ffprobe's alpha_mode=1; Chromium decodes the alpha back, via
// WebCodecs and a <video> element; ffmpeg's libvpx too), colour + matte as two videos, and RGBA
// PNG sequences (exact alpha; straight or premultiplied colour), zipped in memory or as files.
// The lossy formats are measured against the PNG sequence of the same graph (straight colour
// where alpha > 0, alpha within the codec's loss), decoded by ffmpeg's libvpx.

import { test, expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ffmpegFrameRgba, intelClip, psnr, tempDir } from './media-fixtures.ts';
import { compareRgba, frameOf, libvpxRgba } from './alpha-compare.ts';

const dir = tempDir();
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Raw frames from ffmpeg on stdout (more than Node's default 1 MB buffer). */
const raw = (args: string[]) => execFileSync('ffmpeg', ['-v', 'error', ...args], { maxBuffer: 1 << 28 });

const W = 768;
const H = 432;
type RunOptions = Parameters<Window['exportPage']['exportFile']>[0];

async function exportTo(page: Page, o: Omit<RunOptions, 'file'>) {
  await page.route('**/__test/intel.mp4', (route) => route.fulfill({ path: intelClip }));
  await page.goto('/test/pages/media/export.html');
  await page.waitForFunction(() => window.exportPage !== undefined);
  const r = await page.evaluate((opts) => window.exportPage.exportFile(opts), { file: '/__test/intel.mp4', alphaFrom: 'TestRampAlpha', ...o });
  expect(r.error).toBeUndefined();
  expect(r.openFrames, 'VideoFrames left open').toBe(0);
  const paths = r.files.map((f) => {
    const path = join(dir, f.name);
    writeFileSync(path, Buffer.from(f.base64, 'base64'));
    return path;
  });
  return { ...r, paths };
}

/** The alpha the TestRampAlpha node makes for frame `k` at (x, y). */
const expectedAlpha = (k: number, x: number, y: number) => (x < 8 && y < 8 ? (k * 8) & 255 : Math.round((255 * x) / (W - 1)));

/** Mean |alpha - expected| over the frame, and the mean alpha of the 8x8 frame-number block. */
function alphaError(rgba: Uint8Array, k: number, stride = 4, offset = 3) {
  let sum = 0;
  let block = 0;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const a = rgba[(y * W + x) * stride + offset];
      sum += Math.abs(a - expectedAlpha(k, x, y));
      if (x < 8 && y < 8) block += a;
    }
  }
  return { mae: sum / (W * H), block: block / 64 };
}

/** PSNR of the colour where alpha is at least 1/2 (elsewhere the colour matters little). */
function colourPsnr(rgba: Uint8Array, reference: Uint8Array): number {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < rgba.length; i += 4) {
    if (rgba[i + 3] < 128) continue;
    a.push(rgba[i], rgba[i + 1], rgba[i + 2], 255);
    b.push(reference[i], reference[i + 1], reference[i + 2], 255);
  }
  return psnr(new Uint8Array(a), new Uint8Array(b));
}

/** Colour multiplied by alpha (rounded), alpha kept. */
function premultiply(rgba: Uint8Array): Uint8Array {
  const out = new Uint8Array(rgba);
  for (let i = 0; i < out.length; i += 4) for (let c = 0; c < 3; c++) out[i + c] = Math.round((rgba[i + c] * rgba[i + 3]) / 255);
  return out;
}

/**
 * The same graph written as an RGBA PNG sequence (lossless, straight colour), read back by
 * ffmpeg: what the lossy transparent exports are measured against.
 */
async function pngReference(page: Page, range: { start: number; end: number }): Promise<Uint8Array[]> {
  const r = await exportTo(page, { params: { format: 'png-sequence' }, target: 'stream', outputName: 'ref', range });
  return r.paths.map((path) => new Uint8Array(raw(['-i', path, '-f', 'rawvideo', '-pix_fmt', 'rgba', '-'])));
}

test('WebM with alpha: a real alpha stream that Chromium and ffmpeg decode back', async ({ page }) => {
  const reference = await pngReference(page, { start: 0, end: 12 });
  const r = await exportTo(page, { params: { format: 'webm-alpha' }, range: { start: 0, end: 12 } });
  expect(r.result).toMatchObject({ format: 'webm-alpha', alphaColour: 'straight', filename: 'mattegraph-export.webm' });
  expect(r.result?.codec).toMatch(/^vp09\./);
  const [webm] = r.paths;
  const stream = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-show_streams', '-of', 'json', webm]).toString()).streams[0];
  expect(stream).toMatchObject({ codec_name: 'vp9', width: W, height: H });
  expect(stream.tags.alpha_mode ?? stream.tags.ALPHA_MODE).toBe('1');

  // ffmpeg's libvpx decoder reads the alpha stream (its native vp9 decoder would ignore it).
  const viaFfmpeg = raw(['-c:v', 'libvpx-vp9', '-i', webm, '-frames:v', '12', '-f', 'rawvideo', '-pix_fmt', 'rgba', '-']);
  for (const k of [0, 7, 11]) {
    const e = alphaError(viaFfmpeg.subarray(k * W * H * 4, (k + 1) * W * H * 4), k);
    expect(e.mae, `ffmpeg frame ${k} alpha error`).toBeLessThan(2);
    expect(Math.abs(e.block - ((k * 8) & 255)), `frame ${k} block`).toBeLessThan(6);
  }
  // Against the PNG sequence of the same graph: straight colour wherever alpha > 0 (the note says
  // straight, and the data is), alpha within the codec's loss everywhere.
  const libvpx = libvpxRgba(webm);
  for (let k = 0; k < 12; k += 3) {
    const c = compareRgba(frameOf(libvpx, k, W, H), reference[k]);
    expect(c.colourPsnr, `frame ${k}: colour where alpha > 0, vs the PNG`).toBeGreaterThanOrEqual(38);
    expect(c.alphaMax, `frame ${k}: alpha vs the PNG`).toBeLessThanOrEqual(12);
    const premultiplied = compareRgba(frameOf(libvpx, k, W, H), premultiply(reference[k]));
    expect(premultiplied.colourPsnr, `frame ${k}: the colour is not premultiplied`).toBeLessThan(c.colourPsnr - 10);
  }

  // Chromium: WebCodecs decodes colour and alpha streams; the straight colour is the source's.
  await page.route('**/__test/out.webm', (route) => route.fulfill({ path: webm }));
  await page.goto('/test/pages/media/alpha.html');
  await page.waitForFunction(() => window.alphaPage !== undefined);
  const decoded = await page.evaluate(() => window.alphaPage.webCodecsFrames('/__test/out.webm', 12));
  expect(decoded).toMatchObject({ transparent: true, width: W, height: H });
  expect(decoded.frames).toHaveLength(12);
  for (const k of [0, 5, 11]) {
    const rgba = new Uint8Array(Buffer.from(decoded.frames[k].rgba, 'base64'));
    const e = alphaError(rgba, k);
    expect(e.mae, `WebCodecs frame ${k} alpha error`).toBeLessThan(2);
    expect(Math.abs(e.block - ((k * 8) & 255))).toBeLessThan(6);
    const src = ffmpegFrameRgba(intelClip, k, join(dir, 'src.rgba'));
    expect(colourPsnr(rgba, src), `frame ${k} colour`).toBeGreaterThanOrEqual(30);
  }
  // A <video> element shows it transparent too.
  const shown = await page.evaluate(() => window.alphaPage.videoElementFrame('/__test/out.webm'));
  expect(alphaError(new Uint8Array(Buffer.from(shown.rgba, 'base64')), 0).mae).toBeLessThan(3);
});

test('colour + matte as two videos: the matte video is the alpha, the colour video the picture', async ({ page }) => {
  const reference = await pngReference(page, { start: 0, end: 8 });
  const r = await exportTo(page, { params: { format: 'matte-pair', filename: 'shot.mp4' }, range: { start: 0, end: 8 } });
  expect(r.files.map((f) => f.name)).toEqual(['shot.mp4', 'shot-matte.mp4']);
  expect(r.result?.alphaColour).toBe('straight');
  const [colour, matte] = r.paths;
  for (const file of [colour, matte]) {
    expect(execFileSync('ffprobe', ['-v', 'error', '-count_frames', '-show_entries', 'stream=nb_read_frames,codec_name', '-of', 'csv=p=0', file]).toString().trim()).toBe('h264,8');
  }
  const grey = raw(['-i', matte, '-f', 'rawvideo', '-pix_fmt', 'gray', '-']);
  for (const k of [0, 7]) expect(alphaError(grey.subarray(k * W * H, (k + 1) * W * H), k, 1, 0).mae, `matte frame ${k}`).toBeLessThan(2);
  const src = ffmpegFrameRgba(intelClip, 3, join(dir, 'src3.rgba'));
  expect(psnr(ffmpegFrameRgba(colour, 3, join(dir, 'c3.rgba')), src)).toBeGreaterThanOrEqual(30);
  // Against the PNG sequence: the colour video is straight colour (where alpha > 0), the matte its alpha.
  const colours = raw(['-i', colour, '-f', 'rawvideo', '-pix_fmt', 'rgba', '-']);
  for (const k of [0, 4, 7]) {
    const joined = new Uint8Array(frameOf(colours, k, W, H));
    const a = grey.subarray(k * W * H, (k + 1) * W * H);
    for (let i = 0; i < a.length; i++) joined[i * 4 + 3] = a[i];
    const c = compareRgba(joined, reference[k]);
    expect(c.colourPsnr, `frame ${k}: colour where alpha > 0, vs the PNG`).toBeGreaterThanOrEqual(36);
    expect(c.alphaMax, `frame ${k}: matte vs the PNG's alpha`).toBeLessThanOrEqual(6);
  }
});

test('RGBA PNG sequence: exact alpha, straight colour, zipped in memory; premultiplied on request', async ({ page }) => {
  const straight = await exportTo(page, { params: { format: 'png-sequence', filename: 'take' }, range: { start: 3, end: 6 } });
  expect(straight.result).toMatchObject({ format: 'png-sequence', alphaColour: 'straight', filename: 'take.zip', frameCount: 3 });
  const unzip = (zip: string, to: string) => {
    mkdirSync(to, { recursive: true });
    execFileSync('python3', ['-c', 'import zipfile,sys; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', zip, to]);
    return readdirSync(to).sort();
  };
  expect(unzip(straight.paths[0], join(dir, 'straight'))).toEqual(['take_000003.png', 'take_000004.png', 'take_000005.png']);
  const png = (folder: string, name: string) => raw(['-i', join(dir, folder, name), '-f', 'rawvideo', '-pix_fmt', 'rgba', '-']);
  const s4 = png('straight', 'take_000004.png');
  expect(alphaError(s4, 4).mae, 'PNG alpha is exact').toBe(0);
  const src4 = ffmpegFrameRgba(intelClip, 4, join(dir, 'src4.rgba'));
  expect(colourPsnr(s4, src4)).toBeGreaterThanOrEqual(40);
  // Straight: the colour is the picture's wherever alpha > 0, however small (not darkened).
  const withSourceAlpha = new Uint8Array(src4);
  for (let i = 3; i < withSourceAlpha.length; i += 4) withSourceAlpha[i] = s4[i];
  expect(compareRgba(s4, withSourceAlpha).colourPsnr, 'PNG colour where alpha > 0').toBeGreaterThanOrEqual(40);

  const pre = await exportTo(page, { params: { format: 'png-sequence', filename: 'take', alphaColour: 'premultiplied' }, range: { start: 4, end: 5 } });
  expect(pre.result?.alphaColour).toBe('premultiplied');
  unzip(pre.paths[0], join(dir, 'pre'));
  const p4 = png('pre', 'take_000004.png');
  let worst = 0;
  let alphaDiffers = 0;
  for (let i = 0; i < p4.length; i += 4) {
    for (let c = 0; c < 3; c++) worst = Math.max(worst, Math.abs(p4[i + c] - Math.round((s4[i + c] * s4[i + 3]) / 255)));
    if (p4[i + 3] !== s4[i + 3]) alphaDiffers++;
  }
  expect(worst, 'premultiplied = straight x alpha').toBeLessThanOrEqual(1);
  expect(alphaDiffers).toBe(0);
});

test('a PNG sequence streamed out is one file per frame, named after the output and the frame', async ({ page }) => {
  const r = await exportTo(page, { params: { format: 'png-sequence' }, target: 'stream', outputName: 'shot', range: { start: 10, end: 13 } });
  expect(r.files.map((f) => f.name)).toEqual(['shot_000010.png', 'shot_000011.png', 'shot_000012.png']);
  const first = readFileSync(r.paths[0]);
  expect(first.subarray(1, 4).toString()).toBe('PNG');
});

test('a transparent WebM opens in the Video Source with its alpha, and exports it again', async ({ page }) => {
  const r = await exportTo(page, { params: { format: 'webm-alpha' }, range: { start: 0, end: 12 } });
  const webm = r.paths[0];
  await page.route('**/__test/alpha.webm', (route) => route.fulfill({ path: webm }));
  await page.goto('/test/pages/media/clip.html');
  await page.waitForFunction(() => window.clipPage !== undefined);
  const opened = await page.evaluate(() => window.clipPage.open('/__test/alpha.webm'));
  expect(opened).toMatchObject({ container: 'WebM', info: { frameCount: 12, width: W, height: H } });
  // Straight RGBA frames: Chromium would premultiply an I420A frame on the way to RGBA.
  const decoded = libvpxRgba(webm);
  for (const k of [9, 2]) {
    const f = await page.evaluate((k) => window.clipPage.rgba(k), k);
    expect(f.hasAlpha).toBe(true);
    expect(f.format).toBe('RGBA');
    const rgba = new Uint8Array(Buffer.from(f.base64, 'base64'));
    const e = alphaError(rgba, k);
    expect(e.mae, `frame ${k}: alpha error`).toBeLessThan(2);
    expect(Math.abs(e.block - ((k * 8) & 255))).toBeLessThan(6);
    const c = compareRgba(rgba, frameOf(decoded, k, W, H), -1);
    expect(c.alphaMax, `frame ${k}: alpha as ffmpeg libvpx decodes it`).toBe(0);
    expect(c.colourPsnr, `frame ${k}: colour as ffmpeg libvpx decodes it, alpha 0 included`).toBeGreaterThanOrEqual(40);
  }
  await page.evaluate(() => window.clipPage.close());
  expect(await page.evaluate(() => window.clipPage.openVideoFrames())).toBe(0);

  // Through a graph: the transparent file re-exported as PNGs with no Alpha input keeps its alpha.
  await page.route('**/__test/alpha.webm', (route) => route.fulfill({ path: webm }));
  await page.goto('/test/pages/media/export.html');
  await page.waitForFunction(() => window.exportPage !== undefined);
  const again = await page.evaluate(() => window.exportPage.exportFile({ file: '/__test/alpha.webm', params: { format: 'png-sequence' }, target: 'stream', range: { start: 5, end: 6 } }));
  expect(again.error).toBeUndefined();
  const png = join(dir, again.files[0].name);
  writeFileSync(png, Buffer.from(again.files[0].base64, 'base64'));
  expect(alphaError(raw(['-i', png, '-f', 'rawvideo', '-pix_fmt', 'rgba', '-']), 5).mae).toBeLessThan(2);
});
