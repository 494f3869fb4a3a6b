// Node-side helpers for the Color Key browser tests: opening the test page, pictures with
// screen in them, and the comparison of node outputs with the CPU reference.

import { expect, type Page } from '@playwright/test';
import { randomPixels } from '../gpu/gpu-test-helpers.ts';
import type { Pixels } from './color-key-reference.ts';
import { seededRandom } from '../../src/cli/key-bench/green-screen-frames.ts';

export async function openKeyPage(page: Page): Promise<void> {
  page.on('pageerror', (e) => console.error('page error:', e.message));
  // Cut the page off Vite's HMR socket: other people's edits would reload it mid-test.
  await page.routeWebSocket(/./, () => {});
  await page.goto('/test/pages/key/key.html');
  await expect(page).toHaveTitle('key ready');
}

/**
 * A seeded picture that is part screen (the given colour, lit unevenly, noisy) and part random
 * colours, with soft mixes between: every branch of the key gets exercised.
 */
export function screenAndNoise(width: number, height: number, screen: readonly number[], seed: number): Pixels {
  const random = seededRandom(seed);
  const other = randomPixels(width, height, seed + 1);
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const r = random();
      // Half screen, a quarter random colours, a quarter mixes of the two.
      const a = r < 0.5 ? 0 : r < 0.75 ? 1 : random();
      const lit = 0.75 + 0.3 * (x / width);
      for (let c = 0; c < 3; c++) {
        const v = a * other.rgba[i + c] + (1 - a) * screen[c] * lit + (random() - 0.5) * 8;
        rgba[i + c] = Math.min(255, Math.max(0, Math.round(v)));
      }
      rgba[i + 3] = 255;
    }
  }
  return { width, height, rgba };
}

/** A soft-edged grey mask (a disc), as a matte of the given size. */
export function discMask(width: number, height: number): Pixels {
  const rgba = new Uint8Array(width * height * 4);
  const r = Math.min(width, height) / 3;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const d = Math.hypot(x - width / 2, y - height / 2);
      const v = Math.round(255 * Math.min(1, Math.max(0, (r - d) / 2 + 0.5)));
      rgba.set([v, v, v, 255], (y * width + x) * 4);
    }
  }
  return { width, height, rgba };
}

/**
 * Largest per-channel difference of `got` from `want`, skipping pixels `skip` names (by pixel
 * index); with where it is, for the failure message.
 */
export function worstDifference(got: Uint8Array, want: Uint8ClampedArray, skip?: (pixel: number) => boolean) {
  expect(got.length).toBe(want.length);
  let max = 0;
  let at = -1;
  for (let i = 0; i < got.length; i++) {
    if (skip?.(i >> 2)) continue;
    const d = Math.abs(got[i] - want[i]);
    if (d > max) {
      max = d;
      at = i;
    }
  }
  return { max, at: at < 0 ? 'nowhere' : `pixel ${at >> 2} channel ${at & 3}: got ${got[at]}, want ${want[at]}` };
}
