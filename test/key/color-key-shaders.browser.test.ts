// The Color Key's shaders against their CPU reference (color-key-reference.ts) in Chromium's
// WebGPU: random pictures with screen in them and real pictures, every output mode, masks of
// other sizes than the frame, choke and blur. Outputs agree to 1/255 per channel.

import { expect, test } from '@playwright/test';
import { sharedMedia } from '../support/shared-paths.ts';
import { ffmpegRgba, fromB64, TestFiles, toWire } from '../gpu/gpu-test-helpers.ts';
import { colorKeyReference, defaultSettings, type KeySettings, type Pixels } from './color-key-reference.ts';
import { knownFrame } from '../../src/cli/key-bench/green-screen-frames.ts';
import { discMask, openKeyPage, screenAndNoise, worstDifference } from './key-page-helpers.ts';

// 8-bit output of a float computation: f32 on the GPU and doubles here may round a .5 differently.
const TOLERANCE = 1;

const hex = (rgb: readonly number[]) => `#${rgb.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
const paramsOf = (s: KeySettings) => ({
  screenColor: hex(s.screen), tolerance: s.tolerance, softness: s.softness, clipBlack: s.clipBlack, clipWhite: s.clipWhite,
  despillAmount: s.despillAmount, despillBias: s.despillBias, choke: s.choke, blur: s.blur, outputMode: s.mode,
});

type Wire = ReturnType<typeof toWire> | { width: number; height: number; url: string };

/** Runs the node on the page and checks both outputs against the reference. */
async function expectMatchesReference(
  page: import('@playwright/test').Page,
  name: string,
  src: Pixels,
  settings: KeySettings,
  masks: { garbage?: Pixels; holdout?: Pixels } = {},
  wire: { src?: Wire } = {},
) {
  const out = await page.evaluate(
    ([s, p, g, h]) => window.keyPage.runKey(s, p, { garbage: g ?? undefined, holdout: h ?? undefined }),
    [wire.src ?? toWire(src), paramsOf(settings), masks.garbage ? toWire(masks.garbage) : null, masks.holdout ? toWire(masks.holdout) : null] as const,
  );
  expect([out.width, out.height, ...out.kinds]).toEqual([src.width, src.height, 'image', 'matte']);
  const ref = colorKeyReference(src, settings, masks.garbage, masks.holdout);
  // The status view is a threshold: skip pixels whose reference alpha sits on one (float noise).
  const onThreshold = (p: number) =>
    settings.mode === 'status' && [0.5 / 255, 254.5 / 255].some((t) => Math.abs(ref.alpha[p] - t) < 1e-3);
  const matte = worstDifference(fromB64(out.matte), ref.matte);
  const image = worstDifference(fromB64(out.image), ref.image, onThreshold);
  expect(matte.max, `${name}: matte, worst at ${matte.at}`).toBeLessThanOrEqual(TOLERANCE);
  expect(image.max, `${name}: ${settings.mode} image, worst at ${image.at}`).toBeLessThanOrEqual(TOLERANCE);
  return ref;
}

test.beforeEach(async ({ page }) => {
  await openKeyPage(page);
});

test('matches the CPU reference on random pictures in every output mode, with masks, choke and blur', async ({ page }) => {
  // 37x23 is not a multiple of the 8x8 workgroup nor of the 16-pixel plate cells.
  const screen: [number, number, number] = [40, 190, 70];
  const src = screenAndNoise(37, 23, screen, 1);
  const base = defaultSettings(screen);
  const cases: [string, Partial<KeySettings>, { garbage?: Pixels; holdout?: Pixels }?][] = [
    ['defaults', {}],
    ['matte view', { mode: 'matte' }],
    ['status view', { mode: 'status' }],
    ['tolerance, softness, clips, despill', { tolerance: 0.2, softness: 0.6, clipBlack: 0.1, clipWhite: 0.85, despillAmount: 0.5, despillBias: 0.2 }],
    ['negative bias, hard edges', { despillBias: -0.3, softness: 0.3 }],
    ['erode 1.5 px', { choke: -1.5 }],
    ['dilate 2 px and blur 3 px', { choke: 2, blur: 3 }],
    ['garbage and holdout masks of other sizes', { mode: 'final' }, { garbage: discMask(11, 7), holdout: discMask(50, 31) }],
  ];
  for (const [name, change, masks] of cases) await expectMatchesReference(page, name, src, { ...base, ...change }, masks);
});

test('matches the CPU reference for a blue screen and a frame with no screen at all', async ({ page }) => {
  const blue: [number, number, number] = [0, 71, 187];
  await expectMatchesReference(page, 'blue screen', screenAndNoise(64, 40, blue, 7), defaultSettings(blue));
  await expectMatchesReference(page, 'no screen', screenAndNoise(30, 30, [200, 40, 40], 9), defaultSettings([40, 190, 70]));
});

test('matches the CPU reference on real pictures', async ({ page }) => {
  const files = new TestFiles();
  try {
    const frame = knownFrame('120_12081', { screen: [40, 190, 70], noise: 2.5, seed: 3 }).pixels;
    const settings = defaultSettings([40, 190, 70]);
    await expectMatchesReference(page, 'ground-truth composite', frame, settings);
    await expectMatchesReference(page, 'ground-truth composite, status', frame, { ...settings, mode: 'status', choke: -1, blur: 1.5 });
    // A real green-screen photo (JPEG, 854x481); the screen colour sampled from its top-left corner.
    const photo = ffmpegRgba(sharedMedia('greenscreen/person_greenscreen_854x481.jpg'));
    const url = await files.serveRaw(page, 'photo.rgba', photo);
    const corner = [0, 1, 2].map((c) => photo.rgba[(20 * photo.width + 20) * 4 + c]) as [number, number, number];
    await expectMatchesReference(page, 'green-screen photo', photo, defaultSettings(corner), {}, { src: { width: photo.width, height: photo.height, url } });
  } finally {
    files.remove();
  }
});
