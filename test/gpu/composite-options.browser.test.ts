// The Composite node's options (foreground convention, plate placement, despill, edge colour
// decontamination, light wrap) against their CPU references (test/gpu/composite-*-reference.ts)
// on random and real pictures, what each option visibly does, and that a graph saved before the
// options existed renders exactly as before.

import { expect, test, type Page } from '@playwright/test';
import type { Params } from '../../src/graph/types.ts';
import { sharedMedia } from '../support/shared-paths.ts';
import { compositeChainReference } from './composite-chain-reference.ts';
import { compositeOverReference, maxAbsDiff, type Pixels } from './composite-reference.ts';
import { ffmpegRgba, fromB64, randomMatte, randomPixels, TestFiles, toWire } from './gpu-test-helpers.ts';

// 8-bit output of a float computation: the GPU and the doubles may round a .5 differently.
const TOLERANCE = 1;

type Wire = { width: number; height: number; b64?: string; url?: string };

async function openPage(page: Page) {
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.routeWebSocket(/./, () => {});
  await page.goto('/test/pages/gpu/composite-options.html');
  await expect(page).toHaveTitle('composite-options ready');
}

test.beforeEach(async ({ page }) => {
  await openPage(page);
});

const run = (page: Page, fgr: Wire, pha: Wire | null, plate: Wire, params: Params) =>
  page.evaluate(([a, b, c, p]) => window.compositeOptions.runComposite(a, b, c, p), [fgr, pha, plate, params] as const);

/** Runs the node and checks it against the chain reference; returns the output pixels. */
async function expectMatchesReference(page: Page, fgr: Pixels, pha: Pixels | undefined, plate: Pixels, params: Params, wires?: Wire[]) {
  const [fw, pw, plw] = wires ?? [toWire(fgr), pha && toWire(pha), toWire(plate)];
  const out = await run(page, fw!, pw ?? null, plw!, params);
  expect([out.width, out.height]).toEqual([fgr.width, fgr.height]);
  const px = fromB64(out.b64);
  const diff = maxAbsDiff(px, compositeChainReference(fgr, pha, plate, params));
  expect(diff.max, `${JSON.stringify(params)}: worst difference at byte ${diff.at}`).toBeLessThanOrEqual(TOLERANCE);
  return { px, facts: out.facts };
}

const solid = (width: number, height: number, rgba: number[]): Pixels => {
  const px = new Uint8Array(width * height * 4);
  for (let i = 0; i < px.length; i += 4) px.set(rgba, i);
  return { width, height, rgba: px };
};
const at = (p: { width: number }, px: Uint8Array, x: number, y: number) => [...px.subarray((y * p.width + x) * 4, (y * p.width + x) * 4 + 3)];

const dim = (p: string) => sharedMedia(`ground_truth_alpha/adobe_dim_crops_via_foamliu/${p}`);

test('a graph saved before the options existed loads with the defaults and renders as before', async ({ page }) => {
  const files = new TestFiles();
  try {
    const fgr = randomPixels(29, 17, 21);
    const pha = randomMatte(29, 17, 22);
    const plate = randomPixels(11, 7, 23);
    const urls = {
      fg: await files.serveRaw(page, 'fg.rgba', fgr),
      ma: await files.serveRaw(page, 'ma.rgba', pha),
      pl: await files.serveRaw(page, 'pl.rgba', plate),
    };
    const picture = (id: string, p: Pixels, url: string) =>
      ({ id, type: 'TestPicture', version: 1, position: { x: 0, y: 0 }, params: { url, width: p.width, height: p.height } });
    const saved = JSON.stringify({
      format: 'mattegraph', version: 1,
      nodes: [
        picture('fg', fgr, urls.fg), picture('ma', pha, urls.ma), picture('pl', plate, urls.pl),
        { id: 'comp', type: 'Composite', version: 1, position: { x: 0, y: 0 }, params: {} },
      ],
      edges: [
        { from: { node: 'fg', port: 'image' }, to: { node: 'comp', port: 'fgr' } },
        { from: { node: 'ma', port: 'matte' }, to: { node: 'comp', port: 'pha' } },
        { from: { node: 'pl', port: 'image' }, to: { node: 'comp', port: 'plate' } },
      ],
    });
    const out = await page.evaluate((text) => window.compositeOptions.runGraphFile(text, 'comp', 'image'), saved);
    expect(out.params).toMatchObject({ foreground: 'straight', plateFit: 'stretch', despill: 0, decontaminate: 0, lightWrap: 0 });
    const diff = maxAbsDiff(fromB64(out.b64), compositeOverReference(fgr, pha, plate));
    expect(diff.max, `worst difference at byte ${diff.at}`).toBeLessThanOrEqual(TOLERANCE);
    expect(await page.evaluate(() => window.compositeOptions.liveImages())).toBe(0);
  } finally {
    files.remove();
  }
});

test('plate placement matches the CPU reference for every mode, anchor and offset', async ({ page }) => {
  // 37x23 is not a multiple of the 8x8 workgroup, so the overhanging invocations are exercised.
  const fgr = randomPixels(37, 23, 1);
  const pha = randomMatte(37, 23, 2);
  const plates = [randomPixels(50, 9, 3), randomPixels(9, 40, 4), randomPixels(20, 13, 5)];
  const cases: Params[] = [
    { plateFit: 'fit' }, { plateFit: 'fill' }, { plateFit: 'none' },
    { plateFit: 'fit', plateAlign: 'top-left' }, { plateFit: 'fill', plateAlign: 'bottom-right' },
    { plateFit: 'none', plateAlign: 'right', plateX: -3, plateY: 2 },
    { plateFit: 'stretch', plateX: 2.5, plateY: -1.25 },
    { plateFit: 'fit', plateAlign: 'bottom', plateX: 0.5, plateY: 4 },
  ];
  for (const plate of plates) for (const params of cases) await expectMatchesReference(page, fgr, pha, plate, params);
});

test('fit shows the whole plate with black bars, fill covers the frame, the anchor and y-up offset move it', async ({ page }) => {
  // A transparent foreground shows the placed plate alone.
  const fgr = randomPixels(20, 30, 6);
  const pha = solid(20, 30, [0, 0, 0, 255]);
  const plate = solid(40, 10, [200, 100, 50, 255]);
  const fit = (await expectMatchesReference(page, fgr, pha, plate, { plateFit: 'fit' })).px;
  // 40x10 into 20x30: scaled to 20x5, centred: rows 12.5..17.5.
  expect(at(fgr, fit, 10, 0)).toEqual([0, 0, 0]);
  expect(at(fgr, fit, 10, 15)).toEqual([200, 100, 50]);
  expect(at(fgr, fit, 10, 29)).toEqual([0, 0, 0]);
  const top = (await expectMatchesReference(page, fgr, pha, plate, { plateFit: 'fit', plateAlign: 'top', plateY: -10 })).px;
  // Anchored at the top and moved 10 px down (y is up, as in Nuke): rows 10..15.
  expect(at(fgr, top, 10, 9)).toEqual([0, 0, 0]);
  expect(at(fgr, top, 10, 12)).toEqual([200, 100, 50]);
  expect(at(fgr, top, 10, 16)).toEqual([0, 0, 0]);
  const fill = await expectMatchesReference(page, fgr, pha, plate, { plateFit: 'fill' });
  for (const [x, y] of [[0, 0], [19, 29], [10, 15]]) expect(at(fgr, fill.px, x, y)).toEqual([200, 100, 50]);
  expect(fill.facts).toEqual({ size: '20x30', plate: 'filled from 40x10' });
});

test('premultiplied RGBA, with alpha from the matte or its own A channel, matches the reference and its straight form', async ({ page }) => {
  const width = 33;
  const height = 19;
  const plate = randomPixels(12, 8, 30);
  const straight = randomPixels(width, height, 31);
  const alpha = randomMatte(width, height, 32);
  const premultRgba = new Uint8Array(straight.rgba);
  for (let i = 0; i < premultRgba.length; i += 4) {
    const a = alpha.rgba[i];
    for (let c = 0; c < 3; c++) premultRgba[i + c] = Math.round((straight.rgba[i + c] * a) / 255);
    premultRgba[i + 3] = a;
  }
  const premult: Pixels = { width, height, rgba: premultRgba };
  const withOwnAlpha = await expectMatchesReference(page, premult, undefined, plate, { foreground: 'premultiplied' });
  expect(withOwnAlpha.facts).toMatchObject({ alpha: "foreground's own" });
  await expectMatchesReference(page, premult, alpha, plate, { foreground: 'premultiplied' });
  // Straight colour with its alpha in A (a Color Key's image) needs no matte wire either.
  const straightWithA: Pixels = { width, height, rgba: new Uint8Array(straight.rgba) };
  for (let i = 0; i < premultRgba.length; i += 4) straightWithA.rgba[i + 3] = alpha.rgba[i];
  await expectMatchesReference(page, straightWithA, undefined, plate, {});
  // The same picture in both conventions composites the same (up to the premultiplied rounding).
  const asStraight = fromB64((await run(page, toWire(straight), toWire(alpha), toWire(plate), {})).b64);
  const asPremult = fromB64((await run(page, toWire(premult), null, toWire(plate), { foreground: 'premultiplied' })).b64);
  expect(maxAbsDiff(asStraight, asPremult).max).toBeLessThanOrEqual(1);
  // Premultiplied colour brighter than its alpha adds light, as Nuke's over does.
  const glow = solid(4, 4, [100, 50, 0, 0]);
  const grey = solid(1, 1, [60, 60, 60, 255]);
  const added = await expectMatchesReference(page, glow, undefined, grey, { foreground: 'premultiplied' });
  expect(at(glow, added.px, 1, 1)).toEqual([160, 110, 60]);
});

test('despill matches the reference for green, blue and a picked colour, on random and real pictures', async ({ page }) => {
  const fgr = randomPixels(37, 23, 40);
  const pha = randomMatte(37, 23, 41);
  const plate = randomPixels(7, 5, 42);
  for (const params of [
    { despill: 1 }, { despill: 0.4, despillScreen: 'blue' }, { despill: 0.75, despillScreen: 'custom', despillColor: '#28be46' },
  ] as Params[]) {
    await expectMatchesReference(page, fgr, pha, plate, params);
  }
  // The real green-screen picture, opaque, so the output is the despilled foreground itself.
  const files = new TestFiles();
  try {
    const green = ffmpegRgba(sharedMedia('greenscreen/person_greenscreen_854x481.jpg'));
    const opaque = solid(green.width, green.height, [255, 255, 255, 255]);
    const black = solid(1, 1, [0, 0, 0, 255]);
    const wires = [
      { width: green.width, height: green.height, url: await files.serveRaw(page, 'green.rgba', green) },
      { width: green.width, height: green.height, url: await files.serveRaw(page, 'opaque.rgba', opaque) },
      toWire(black),
    ];
    const { px } = await expectMatchesReference(page, green, opaque, black, { despill: 1, despillScreen: 'custom', despillColor: '#3cb043' }, wires);
    // The screen itself (top-left corner) is green before and no longer leans green after.
    const [r, g, b] = at(green, green.rgba as Uint8Array, 5, 5);
    expect(g - (r + b) / 2).toBeGreaterThan(40);
    const [r2, g2, b2] = at(green, px, 5, 5);
    expect(Math.abs(g2 - (r2 + b2) / 2)).toBeLessThan(20);
  } finally {
    files.remove();
  }
  // Greys are left alone.
  const grey = solid(8, 8, [90, 90, 90, 255]);
  const out = await expectMatchesReference(page, grey, undefined, solid(1, 1, [0, 0, 0, 255]), { despill: 1 });
  expect(at(grey, out.px, 3, 3)).toEqual([90, 90, 90]);
});

test('edge decontamination matches the reference on a real picture and replaces the old background in edges', async ({ page }) => {
  const files = new TestFiles();
  try {
    const fgr = ffmpegRgba(dim('120_12081_image.png'));
    const pha = ffmpegRgba(dim('120_12081_alpha.png'));
    const plate = ffmpegRgba(sharedMedia('target_backgrounds/background_matting_v1_0001.png'));
    const wires = [
      { width: 320, height: 320, url: await files.serveRaw(page, 'fgr.rgba', fgr) },
      { width: 320, height: 320, url: await files.serveRaw(page, 'pha.rgba', pha) },
      { width: plate.width, height: plate.height, url: await files.serveRaw(page, 'plate.rgba', plate) },
    ];
    await expectMatchesReference(page, fgr, pha, plate, { decontaminate: 1, decontaminateRadius: 6 }, wires);
  } finally {
    files.remove();
  }
  // A red disc whose soft edge (α = 0.5) still holds half the old green background.
  const size = 24;
  const fgr = solid(size, size, [0, 0, 0, 255]);
  const pha = solid(size, size, [0, 0, 0, 255]);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const r = Math.hypot(x - 11.5, y - 11.5);
      const i = (y * size + x) * 4;
      if (r < 7) fgr.rgba.set([220, 30, 30], i), pha.rgba.set([255, 255, 255], i);
      else if (r < 9) fgr.rgba.set([110, 140, 15], i), pha.rgba.set([128, 128, 128], i);
    }
  }
  const black = solid(1, 1, [0, 0, 0, 255]);
  const before = (await expectMatchesReference(page, fgr, pha, black, {})).px;
  const after = (await expectMatchesReference(page, fgr, pha, black, { decontaminate: 1, decontaminateRadius: 4 })).px;
  // Edge pixel (x = 11, y = 3.5 px from the centre ring): green before, red after.
  const edge = [11, 3] as const;
  expect(pha.rgba[(edge[1] * size + edge[0]) * 4]).toBe(128);
  expect(at(fgr, before, ...edge)[1]).toBeGreaterThan(60);
  const [r, g] = at(fgr, after, ...edge);
  expect(g).toBeLessThan(25);
  expect(r).toBeGreaterThan(100);
  // Solid pixels keep their colour.
  expect(at(fgr, after, 11, 11)).toEqual([220, 30, 30]);
});

test('light wrap matches the reference and bleeds the plate onto the foreground edges only', async ({ page }) => {
  const fgr = randomPixels(37, 23, 50);
  const pha = randomMatte(37, 23, 51);
  const plate = randomPixels(13, 9, 52);
  await expectMatchesReference(page, fgr, pha, plate, { lightWrap: 0.8, lightWrapWidth: 5 });
  // A white square over a blue plate: its edge turns bluish, its middle stays white.
  const size = 40;
  const white = solid(size, size, [255, 255, 255, 255]);
  const square = solid(size, size, [0, 0, 0, 255]);
  for (let y = 8; y < 32; y++) for (let x = 8; x < 32; x++) square.rgba.set([255, 255, 255], (y * size + x) * 4);
  const blue = solid(3, 3, [20, 40, 230, 255]);
  const { px } = await expectMatchesReference(page, white, square, blue, { lightWrap: 1, lightWrapWidth: 6 });
  const [r, g, b] = at(white, px, 8, 20);
  expect(b - r).toBeGreaterThan(40);
  expect(g).toBeLessThan(230);
  expect(at(white, px, 20, 20)).toEqual([255, 255, 255]);
  expect(at(white, px, 2, 2)).toEqual([20, 40, 230]);
});

test('all options together match the reference on a real picture, matte and plate', async ({ page }) => {
  const files = new TestFiles();
  try {
    const fgr = ffmpegRgba(dim('249_24980_image.png'));
    const pha = ffmpegRgba(dim('249_24980_alpha.png'));
    const plate = ffmpegRgba(sharedMedia('greenscreen/person_greenscreen_854x481.jpg'));
    const wires = [
      { width: fgr.width, height: fgr.height, url: await files.serveRaw(page, 'fgr.rgba', fgr) },
      { width: pha.width, height: pha.height, url: await files.serveRaw(page, 'pha.rgba', pha) },
      { width: plate.width, height: plate.height, url: await files.serveRaw(page, 'plate.rgba', plate) },
    ];
    await expectMatchesReference(page, fgr, pha, plate, {
      plateFit: 'fit', plateAlign: 'bottom-left', plateX: 7, plateY: 11,
      despill: 0.6, decontaminate: 0.8, decontaminateRadius: 5, lightWrap: 0.5, lightWrapWidth: 8,
    }, wires);
    await expectMatchesReference(page, fgr, pha, plate, { plateFit: 'fill', plateAlign: 'top-right', despill: 1, despillScreen: 'blue' }, wires);
  } finally {
    files.remove();
  }
});

test('says what is wrong with a grey despill colour or mismatched sizes, and leaks nothing', async ({ page }) => {
  const fgr = toWire(randomPixels(16, 9, 60));
  const plate = toWire(randomPixels(1, 1, 61));
  await expect(run(page, fgr, toWire(randomMatte(16, 9, 62)), plate, { despill: 0.5, despillScreen: 'custom', despillColor: '#808080' }))
    .rejects.toThrow('Despill: the screen colour #808080 is a grey, so there is no screen hue to remove');
  await expect(run(page, fgr, toWire(randomMatte(8, 9, 63)), plate, { lightWrap: 1 }))
    .rejects.toThrow('fgr is 16x9 but pha is 8x9: the foreground and matte must be the same size');
  expect(await page.evaluate(() => window.compositeOptions.liveImages())).toBe(0);
});
