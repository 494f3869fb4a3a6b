// Node-side helpers for the GPU node browser tests: ffmpeg reference decodes, seeded random
// pictures, temp files served to the page under /__test/, and opening the test page.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import type { Pixels } from './composite-reference.ts';

/** A picture file decoded by ffmpeg to RGBA8 (the reference the browser's decode is held to). */
export function ffmpegRgba(path: string): Pixels {
  const [width, height] = execFileSync('ffprobe', [
    '-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height', '-of', 'csv=p=0', path,
  ]).toString().trim().split(',').map(Number);
  // Accurate rounding and full chroma interpolation: closest to how browsers upsample JPEG chroma.
  const scale = 'scale=flags=bilinear+accurate_rnd+full_chroma_int';
  const rgba = execFileSync('ffmpeg', ['-v', 'error', '-i', path, '-vf', scale, '-f', 'rawvideo', '-pix_fmt', 'rgba', '-'], {
    maxBuffer: 1 << 28,
  });
  expect(rgba.length).toBe(width * height * 4);
  return { width, height, rgba: new Uint8Array(rgba) };
}

/** Uniformly random opaque RGBA pixels from a fixed seed (mulberry32), so failures repeat. */
export function randomPixels(width: number, height: number, seed: number): Pixels {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < rgba.length; i++) rgba[i] = i % 4 === 3 ? 255 : Math.floor(next() * 256);
  return { width, height, rgba };
}

/** Random matte: R=G=B, with runs of exactly 0 and 255 (fully background / foreground). */
export function randomMatte(width: number, height: number, seed: number): Pixels {
  const noise = randomPixels(width, height, seed);
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < rgba.length; i += 4) {
    const r = noise.rgba[i];
    const v = r < 40 ? 0 : r > 215 ? 255 : noise.rgba[i + 1];
    rgba.set([v, v, v, 255], i);
  }
  return { width, height, rgba };
}

export const toWire = (p: Pixels) => ({ width: p.width, height: p.height, b64: Buffer.from(p.rgba).toString('base64') });
export const fromB64 = (b64: string) => new Uint8Array(Buffer.from(b64, 'base64'));

/** A temp folder whose files a page can fetch at /__test/<name>. */
export class TestFiles {
  readonly dir = mkdtempSync(join(tmpdir(), 'mattegraph-gpu-test-'));

  /** Writes raw RGBA pixels to a temp file; returns its page URL. */
  async serveRaw(page: Page, name: string, p: Pixels): Promise<string> {
    const path = join(this.dir, name);
    writeFileSync(path, p.rgba);
    await page.route(`**/__test/${name}`, (route) => route.fulfill({ path }));
    return `/__test/${name}`;
  }

  remove() {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Serves a local file to the page at /__test/<name>. */
export async function serveFile(page: Page, name: string, path: string): Promise<void> {
  await page.route(`**/__test/${name}`, (route) => route.fulfill({ path }));
}

export async function openGpuNodesPage(page: Page): Promise<void> {
  page.on('pageerror', (e) => console.error('page error:', e.message));
  // Cut the page off Vite's HMR socket: other people's edits on the shared dev server would
  // otherwise reload it in the middle of a test.
  await page.routeWebSocket(/./, () => {});
  await page.goto('/test/pages/gpu/gpu-nodes.html');
  await expect(page).toHaveTitle('gpu-nodes ready');
}
