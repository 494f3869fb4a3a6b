// The Refine-Region Viewer on the GPU (real WebGPU, WGSL) against its CPU reference: heat map,
// outlines and tint, each mode and opacity, maps at frame size and at quarter size, the refined
// patch count; then wired after the BGMv2 Matte in a real Evaluator.

import { expect, test } from '@playwright/test';
import { fromWire, openBgmv2Page, servePicture, testModelEntry } from './support/bgmv2-page.ts';
import { expectedMaps } from './support/expected-maps.ts';
import { decodePicture, intelPerson, intelPlate, synthetic, type Rgba } from './support/pictures.ts';
import { heatColor, refineOverlayReference, type OverlayMode } from './support/refine-overlay-reference.ts';
import { buildBgmv2TestModel, DEFAULT_TEST_MODEL } from './support/test-model.ts';

function maxDiff(a: Rgba, b: Rgba): number {
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  let m = 0;
  for (let i = 0; i < a.rgba.length; i++) m = Math.max(m, Math.abs(a.rgba[i] - b.rgba[i]));
  return m;
}

/** Seeded noise (mulberry32). */
function noise(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A ref map with random refined cells (one value per `cell`x`cell` block), at width x height. */
function randomRef(width: number, height: number, cell: number, seed: number): Rgba {
  const rnd = noise(seed);
  const cols = Math.ceil(width / cell);
  const on = Array.from({ length: cols * Math.ceil(height / cell) }, () => rnd() < 0.3);
  return synthetic(width, height, (x, y) => {
    const v = on[Math.floor(y / cell) * cols + Math.floor(x / cell)] ? 255 : 0;
    return [v, v, v];
  });
}

test('the overlay matches its CPU reference in every mode, at frame and quarter size, and counts patches', async ({ page }) => {
  await openBgmv2Page(page, []);
  const W = 70; // not a multiple of 4: the last column of cells is cut by the frame
  const H = 45;
  const rnd = noise(7);
  const source = synthetic(W, H, () => [Math.floor(rnd() * 256), Math.floor(rnd() * 256), Math.floor(rnd() * 256)]);
  const err = synthetic(W, H, (x, y) => {
    const v = Math.round(((x + 2 * y) / (W + 2 * H)) * 255);
    return [v, v, v];
  });
  const errQuarter = synthetic(Math.ceil(W / 4), Math.ceil(H / 4), (x) => [x * 14, x * 14, x * 14]);
  const ref = randomRef(W, H, 4, 11);
  const refQuarter = randomRef(Math.ceil(W / 4), Math.ceil(H / 4), 1, 12);
  for (const [name, p] of Object.entries({ source, err, errQuarter, ref, refQuarter })) await servePicture(page, name, p);

  const cases: [string, string, OverlayMode, number][] = [
    ['err', 'ref', 'heat-outline', 0.6],
    ['err', 'ref', 'heat', 1],
    ['err', 'ref', 'outline', 0.6],
    ['err', 'ref', 'heat-outline', 0],
    ['errQuarter', 'refQuarter', 'heat-outline', 0.35],
  ];
  const maps: Record<string, Rgba> = { err, errQuarter, ref, refQuarter };
  for (const [e, r, mode, opacity] of cases) {
    const got = await page.evaluate(([e2, r2, m, o]) => window.bgmv2.overlay('source', e2, r2, { mode: m, opacity: o }), [e, r, mode, opacity] as const);
    const want = refineOverlayReference(source, maps[e], maps[r], opacity, mode);
    const diff = maxDiff(fromWire(got.outputs.image), want.image);
    console.log(`${mode} @${opacity} (${e}, ${r}): max diff ${diff}, ${want.refinedPatches} patches`);
    expect(diff).toBeLessThanOrEqual(1);
    expect(got.outputs.image.kind).toBe('image');
    expect(got.status.facts!['refined patches']).toBe(String(want.refinedPatches));
    expect(want.refinedPatches).toBeGreaterThan(20);
  }
  // What a user sees: opacity 1 shows the pure heat colour outside refined patches; outlines are magenta.
  const heatOnly = await page.evaluate(() => window.bgmv2.overlay('source', 'err', 'ref', { mode: 'heat', opacity: 1 }));
  const px = fromWire(heatOnly.outputs.image).rgba;
  expect([...px.subarray(0, 3)]).toEqual(heatColor(err.rgba[0] / 255).map((v) => Math.round(v * 255)));
  await page.evaluate(() => window.bgmv2.dispose());
  expect(await page.evaluate(() => window.bgmv2.liveImages())).toBe(0);
});

test('after the BGMv2 Matte in a real graph, the viewer shows the patches the model refined', async ({ page }) => {
  const W = 192;
  const H = 108;
  const model = buildBgmv2TestModel();
  const source = decodePicture(intelPerson, W, H);
  const plate = decodePicture(intelPlate, W, H);
  await openBgmv2Page(page, [testModelEntry(model)], { 'bgmv2_test.onnx': model });
  await servePicture(page, 'source', source);
  await servePicture(page, 'plate', plate);
  const got = await page.evaluate(() => window.bgmv2.graph('source', 'plate', 3, { backend: 'wasm' }));
  const want = expectedMaps(source, plate, DEFAULT_TEST_MODEL);
  console.log(`graph: BGMv2 ${JSON.stringify(got.statuses.bgm.facts)}; viewer ${JSON.stringify(got.statuses.view.facts)}`);
  expect(got.statuses.view.facts!['refined patches']).toBe(String(want.refinedPatches));
  expect(got.statuses.bgm.facts!['refined patches']).toBe(String(want.refinedPatches));
  // The picture is the reference overlay of the model's own maps.
  const err = synthetic(W, H, (x, y) => [want.err[y * W + x], want.err[y * W + x], want.err[y * W + x]]);
  const ref = synthetic(W, H, (x, y) => [want.ref[y * W + x], want.ref[y * W + x], want.ref[y * W + x]]);
  const image = fromWire(got.image);
  const wantImage = refineOverlayReference(source, err, ref, 0.6, 'heat-outline').image;
  // Leave out pixels next to a cell whose selection is a float-rounding tie (outlines look at neighbours).
  const nearUnsure = (x: number, y: number) =>
    [[0, 0], [1, 0], [-1, 0], [0, 1], [0, -1]].some(([dx, dy]) => want.unsure[Math.min(H - 1, Math.max(0, y + dy)) * W + Math.min(W - 1, Math.max(0, x + dx))]);
  let diff = 0;
  let compared = 0;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      if (nearUnsure(x, y)) continue;
      compared++;
      for (let c = 0; c < 4; c++) diff = Math.max(diff, Math.abs(image.rgba[(y * W + x) * 4 + c] - wantImage.rgba[(y * W + x) * 4 + c]));
    }
  }
  console.log(`graph overlay vs reference: max diff ${diff} over ${compared} of ${W * H} pixels`);
  expect(compared).toBeGreaterThan(W * H * 0.9);
  // err may differ by one level (float32 vs float64 at .5), which the ramp (slope 4) at opacity 0.6 makes <= 3.
  expect(diff).toBeLessThanOrEqual(3);
  expect(got.liveAfterDispose).toBe(0);
});
