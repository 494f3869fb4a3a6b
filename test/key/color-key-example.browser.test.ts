// The Color Key as a user meets it: examples/color-key-alpha.json on its own synthetic still
// (a head, a body and a 45% white veil over an unevenly lit #28be46 screen), the three output
// views, and plain errors for settings it cannot work with.

import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { repoRoot, sharedMedia } from '../support/shared-paths.ts';
import { ffmpegRgba, fromB64, TestFiles, toWire } from '../gpu/gpu-test-helpers.ts';
import { openKeyPage } from './key-page-helpers.ts';

const still = ffmpegRgba(join(repoRoot, 'examples/media/green-screen-still.png'));
const W = still.width;

/** Places in the still whose true alpha is known (from how the picture was drawn). */
const places = {
  screenTopLeft: [6, 6, 0], screenRight: [310, 120, 0], screenBottomLeft: [8, 236, 0],
  head: [160, 78, 1], body: [160, 150, 1], veilOverBody: [160, 206, 1], veilOverScreen: [60, 206, 0.45],
} as const;
const at = (rgba: Uint8Array, [x, y]: readonly number[], c = 0) => rgba[(y * W + x) * 4 + c];

test.beforeEach(async ({ page }) => {
  await openKeyPage(page);
});

test('the example keys its own still: screen out, figure in, the veil at its true 45%', async ({ page }) => {
  const run = await page.evaluate(() => window.keyPage.runExample([undefined]));
  expect(run.leaked).toBe(0);
  const [matte] = run.mattes;
  expect([matte.width, matte.height, matte.kind, matte.frames, matte.durationUs]).toEqual([320, 240, 'matte', 1, 40_000]);
  const px = fromB64(matte.b64);
  for (const [name, place] of Object.entries(places)) {
    expect(Math.abs(at(px, place) - place[2] * 255), `${name}: matte ${at(px, place)}`).toBeLessThanOrEqual(place[2] === 0.45 ? 10 : 0);
  }
  expect(run.statuses.key).toEqual({ state: 'ready', facts: { size: '320×240', screen: '#28be46', view: 'final' } });
  expect(run.statuses.source).toEqual({ state: 'ready', facts: { size: '320×240', frames: '1 (still)', format: 'PNG' } });
});

test('final view: the foreground colour unmixed from the screen, with the matte as alpha', async ({ page }) => {
  const out = await page.evaluate(([s]) => window.keyPage.runKey(s, { screenColor: '#28be46' }), [toWire(still)] as const);
  const image = fromB64(out.image);
  // The veil was drawn as grey 235 at 45% over the screen: unmixing gets the grey back.
  for (let c = 0; c < 3; c++) expect(Math.abs(at(image, places.veilOverScreen, c) - 235), `veil channel ${c}`).toBeLessThanOrEqual(12);
  expect(Math.abs(at(image, places.veilOverScreen, 3) - 115)).toBeLessThanOrEqual(8);
  // Opaque skin keeps its colour; the screen is transparent black.
  expect([0, 1, 2, 3].map((c) => at(image, places.head, c))).toEqual([224, 172, 140, 255]);
  expect([0, 1, 2, 3].map((c) => at(image, places.screenRight, c))).toEqual([0, 0, 0, 0]);
});

test('matte and status views: status is white fully in, black fully out, grey in between', async ({ page }) => {
  const run = (outputMode: string) =>
    page.evaluate(([s, m]) => window.keyPage.runKey(s, { screenColor: '#28be46', outputMode: m }), [toWire(still), outputMode] as const);
  const matteView = await run('matte');
  expect(matteView.image).toBe(matteView.matte);
  const status = fromB64((await run('status')).image);
  const grey = (name: keyof typeof places) => at(status, places[name]);
  expect([grey('screenTopLeft'), grey('screenRight'), grey('screenBottomLeft')]).toEqual([0, 0, 0]);
  expect([grey('head'), grey('body'), grey('veilOverBody')]).toEqual([255, 255, 255]);
  expect(grey('veilOverScreen')).toBe(128);
  const counts = new Map<number, number>();
  for (let i = 0; i < status.length; i += 4) counts.set(status[i], (counts.get(status[i]) ?? 0) + 1);
  expect([...counts.keys()].sort((a, b) => a - b)).toEqual([0, 128, 255]);
  // A clean key: hardly any pixel of the evenly lit screen is left "in between".
  const betweenOnScreen = [...Array(40).keys()].filter((x) => status[(4 * W + 4 + x) * 4] !== 0).length;
  expect(betweenOnScreen).toBe(0);
});

test('a real green-screen photo keys clean with only the screen colour picked', async ({ page }) => {
  // Evenly lit, slightly shaded towards the edges, JPEG: the screen sides must be fully out.
  const photo = ffmpegRgba(sharedMedia('greenscreen/person_greenscreen_854x481.jpg'));
  const files = new TestFiles();
  try {
    const url = await files.serveRaw(page, 'photo.rgba', photo);
    const picked = [0, 1, 2].map((c) => photo.rgba[(20 * photo.width + 20) * 4 + c].toString(16).padStart(2, '0')).join('');
    const out = await page.evaluate(
      ([w, h, u, c]) => window.keyPage.runKey({ width: w, height: h, url: u }, { screenColor: c, outputMode: 'status' }),
      [photo.width, photo.height, url, `#${picked}`] as const,
    );
    const status = fromB64(out.image);
    let notOut = 0;
    let inside = 0;
    for (let y = 0; y < photo.height; y++) {
      for (let x = 0; x < photo.width; x++) {
        const v = status[(y * photo.width + x) * 4];
        if ((x < 250 || x > 650) && v !== 0) notOut++;
        if (x >= 430 && x < 560 && y >= 300 && v === 255) inside++; // the shirt
      }
    }
    expect(notOut).toBe(0);
    expect(inside).toBeGreaterThan(0.95 * 130 * (photo.height - 300));
  } finally {
    files.remove();
  }
});

test('settings it cannot work with fail with a plain message, and nothing leaks', async ({ page }) => {
  const tiny = toWire({ width: 4, height: 4, rgba: new Uint8Array(64).fill(120) });
  const cases: [Record<string, string | number>, string][] = [
    [{ screenColor: '#808080' }, 'the screen colour is almost grey: pick the coloured screen (green or blue), not a grey area'],
    [{ screenColor: 'green' }, '"green" is not a colour: use a hex colour like #00ff00'],
    [{ tolerance: 2 }, 'tolerance must be between 0 and 0.9 (it is 2)'],
    [{ choke: 'lots' }, 'choke must be a number, not "lots"'],
    [{ outputMode: 'alpha' }, 'output mode must be one of final, matte, status (it is "alpha")'],
  ];
  for (const [params, message] of cases) {
    const r = await page.evaluate(([s, p]) => window.keyPage.keyError(s, p, true), [tiny, params] as const);
    expect(r).toEqual({ message, leaked: 0 });
  }
});
