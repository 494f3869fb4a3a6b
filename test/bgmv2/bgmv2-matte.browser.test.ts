// The BGMv2 Matte node on onnxruntime-web's WASM EP with the BGMv2-signature test model: its four
// outputs are the maps the model computes, put where it puts them; odd and tiny frames are padded
// for the model and cropped back; a plate of another size is resized with a notice; a plate from
// another shot gets a warning; and it all runs wired into the Refine-Region Viewer.

import { expect, test, type Page } from '@playwright/test';
import { channel, fromWire, openBgmv2Page, servePicture, testModelEntry } from './support/bgmv2-page.ts';
import { expectedMaps, type ExpectedMaps } from './support/expected-maps.ts';
import { bgmV1Person, bgmV1Plate, decodePicture, intelPerson, intelPlate, synthetic, type Rgba } from './support/pictures.ts';
import { buildBgmv2TestModel, DEFAULT_TEST_MODEL } from './support/test-model.ts';
import { buildMattingBaseLikeModel } from './support/wrong-models.ts';
import { buildIdentityModel } from '../ml/support/tiny-onnx.ts';
import { sharedModels } from '../support/shared-paths.ts';
import { readFileSync } from 'node:fs';

const model = buildBgmv2TestModel();
const entry = testModelEntry(model);
const files = { 'bgmv2_test.onnx': model };

type MatteResult = Awaited<ReturnType<typeof window.bgmv2.matte>>;

async function runMatte(page: Page, source: Rgba, plate: Rgba, params: Record<string, string> = {}): Promise<MatteResult> {
  await servePicture(page, 'source', source);
  await servePicture(page, 'plate', plate);
  return page.evaluate((p) => window.bgmv2.matte('source', 'plate', p), params);
}

/** Largest difference per output against the prediction, tie cells left out. */
function compare(got: MatteResult, want: ExpectedMaps) {
  const pha = fromWire(got.outputs.pha);
  const fgr = fromWire(got.outputs.fgr);
  const err = fromWire(got.outputs.err);
  const ref = fromWire(got.outputs.ref);
  const max = { pha: 0, fgr: 0, err: 0, ref: 0, greyMismatch: 0 };
  const n = pha.width * pha.height;
  for (let i = 0; i < n; i++) {
    for (const m of [pha, err, ref]) {
      if (m.rgba[i * 4 + 1] !== m.rgba[i * 4] || m.rgba[i * 4 + 2] !== m.rgba[i * 4] || m.rgba[i * 4 + 3] !== 255) max.greyMismatch++;
    }
    max.err = Math.max(max.err, Math.abs(err.rgba[i * 4] - want.err[i]));
    if (want.unsure[i]) continue;
    max.pha = Math.max(max.pha, Math.abs(pha.rgba[i * 4] - want.pha[i]));
    max.ref = Math.max(max.ref, Math.abs(ref.rgba[i * 4] - want.ref[i]));
    for (let c = 0; c < 3; c++) max.fgr = Math.max(max.fgr, Math.abs(fgr.rgba[i * 4 + c] - want.fgr[i * 3 + c]));
  }
  return max;
}

/** Refined patches exactly; values within one 8-bit level (float32 vs float64 rounding at .5). */
function expectMatch(diff: ReturnType<typeof compare>) {
  expect(diff.ref).toBe(0);
  expect(diff.greyMismatch).toBe(0);
  expect(diff.pha).toBeLessThanOrEqual(1);
  expect(diff.fgr).toBeLessThanOrEqual(1);
  expect(diff.err).toBeLessThanOrEqual(1);
}

test('the four outputs are the maps the model computes, where it puts them (real fixed-camera pair)', async ({ page }) => {
  const W = 192;
  const H = 108; // not a multiple of 8: padded to 192x112 and cropped back
  const source = decodePicture(intelPerson, W, H);
  const plate = decodePicture(intelPlate, W, H);
  await openBgmv2Page(page, [entry], files);
  const adapter = await page.evaluate(async () => (await navigator.gpu?.requestAdapter())?.info.architecture ?? 'none');
  const got = await runMatte(page, source, plate);
  const want = expectedMaps(source, plate, DEFAULT_TEST_MODEL);

  for (const port of ['pha', 'fgr', 'err', 'ref'] as const) {
    expect([got.outputs[port].width, got.outputs[port].height]).toEqual([W, H]);
  }
  expect([got.outputs.pha.kind, got.outputs.fgr.kind, got.outputs.err.kind, got.outputs.ref.kind]).toEqual(['matte', 'image', 'matte', 'matte']);
  const diff = compare(got, want);
  console.log(`WASM ${W}x${H}: max diff ${JSON.stringify(diff)}, ${got.status.facts!['ms/frame']} ms/frame`);
  expectMatch(diff);

  // The person is where the model found error, so that is where the refined patches are.
  const ref = channel(fromWire(got.outputs.ref), 0);
  expect(ref.filter((v) => v === 255).length).toBe(want.refinedPatches * 16);
  expect(got.status.state).toBe('ready');
  expect(got.status.facts).toMatchObject({
    EP: 'wasm',
    precision: 'fp32',
    model: 'BGMv2 fp32 (custom: bgmv2_test.onnx)',
    refiner: 'sampling 1,024 px',
    scale: '1/4',
    'refined patches': String(want.refinedPatches),
    padded: '192x108 → 192x112 for the model, cropped back',
  });
  expect(Number(got.status.facts!['plate match'].replace('%', ''))).toBeGreaterThan(80);
  if (/swiftshader/i.test(adapter)) expect(got.status.facts!['EP note']).toBe('WebGPU adapter is software (SwiftShader): using WASM');
  await page.evaluate(() => window.bgmv2.dispose());
  expect(await page.evaluate(() => window.bgmv2.liveImages())).toBe(0);
});

/** Seeded noise (mulberry32), so a failure repeats. */
function noise(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A textured plate and a shot of it with a round subject in it. */
function syntheticPair(width: number, height: number): [Rgba, Rgba] {
  const rnd = noise(width * 1000 + height);
  const tex = Array.from({ length: width * height }, () => Math.floor(rnd() * 60) + 80);
  const plate = synthetic(width, height, (x, y) => [tex[y * width + x], tex[y * width + x] - 20, 90]);
  const source = synthetic(width, height, (x, y) => {
    const inside = (x - width * 0.45) ** 2 / (width * 0.25) ** 2 + (y - height * 0.5) ** 2 / (height * 0.3) ** 2 < 1;
    const t = tex[y * width + x];
    return inside ? [230 - (x % 7) * 9, 60 + (y % 5) * 11, 40] : [t, t - 20, 90];
  });
  return [source, plate];
}

test('odd and tiny frames are padded for the model and cropped back', async ({ page }) => {
  await openBgmv2Page(page, [entry], files);
  // 61x37 → 64x40; 30x18 → 32x24 holds fewer than K = 64 patches, so → 32x32 (1,024 px).
  for (const [W, H, padded] of [[61, 37, '64x40'], [30, 18, '32x32']] as const) {
    const [source, plate] = syntheticPair(W, H);
    const got = await runMatte(page, source, plate);
    const want = expectedMaps(source, plate, DEFAULT_TEST_MODEL);
    expect(`${want.paddedWidth}x${want.paddedHeight}`).toBe(padded);
    for (const port of ['pha', 'fgr', 'err', 'ref'] as const) {
      expect([got.outputs[port].width, got.outputs[port].height]).toEqual([W, H]);
    }
    const diff = compare(got, want);
    console.log(`${W}x${H} → ${padded}: max diff ${JSON.stringify(diff)}`);
    expectMatch(diff);
    expect(got.status.facts!.padded).toBe(`${W}x${H} → ${padded} for the model, cropped back`);
    expect(got.status.facts!['refined patches']).toBe(String(want.refinedPatches));
    expect(want.refinedPatches).toBeGreaterThan(0);
  }
  await page.evaluate(() => window.bgmv2.dispose());
  expect(await page.evaluate(() => window.bgmv2.liveImages())).toBe(0);
});

test('a plate of another size is resized to the frame, with a notice', async ({ page }) => {
  const W = 192;
  const H = 108;
  const source = decodePicture(intelPerson, W, H);
  await openBgmv2Page(page, [entry], files);
  const same = await runMatte(page, source, decodePicture(intelPlate, W, H));
  const big = await runMatte(page, source, decodePicture(intelPlate, 2 * W, 2 * H));
  expect(same.status.state).toBe('ready');
  expect(big.status.state).toBe('warning');
  expect(big.status.message).toBe(`plate resized from ${2 * W}x${2 * H} to the frame's ${W}x${H}`);
  expect([big.outputs.pha.width, big.outputs.pha.height]).toEqual([W, H]);
  // Same shot, same matte, up to resampling.
  const a = channel(fromWire(same.outputs.pha), 0);
  const b = channel(fromWire(big.outputs.pha), 0);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
  console.log(`pha mean abs diff, plate resized vs same size: ${(sum / a.length / 255).toFixed(4)}`);
  expect(sum / a.length / 255).toBeLessThan(0.02);
});

test('a plate from another shot gets a warning; a clean plate of the shot does not', async ({ page }) => {
  await openBgmv2Page(page, [entry], files);
  const intel = decodePicture(intelPerson, 192, 108);
  const wrong = await runMatte(page, intel, decodePicture(bgmV1Plate, 192, 108));
  console.log(`intel frame with the Background Matting v1 plate: ${wrong.status.message}`);
  expect(wrong.status.state).toBe('warning');
  expect(wrong.status.message).toMatch(
    /^the plate looks like a different shot \(only \d+% of the frame matches it\): connect a clean plate of this shot \(same camera, without the subject\), not the new background$/,
  );
  // The hand-held v1 sample and its own plate: misaligned a little, but the same shot.
  const handHeld = await runMatte(page, decodePicture(bgmV1Person, 192, 108), decodePicture(bgmV1Plate, 192, 108));
  console.log(`v1 sample with its plate: plate match ${handHeld.status.facts!['plate match']}`);
  expect(handHeld.status.state).toBe('ready');
  // A wrong plate of another size gets both notices, the mismatch first.
  const both = await runMatte(page, intel, decodePicture(bgmV1Plate, 384, 216));
  expect(both.status.message).toMatch(/^the plate looks like a different shot .*; plate resized from 384x216 to the frame's 192x108$/);
});

test('without a model the node says how to get one; a wrong .onnx is refused naming the mismatch; a right one is used', async ({ page }) => {
  const dropped = {
    'identity.onnx': buildIdentityModel(),
    'mattingbase.onnx': buildMattingBaseLikeModel(),
    'rvm_mobilenetv3_fp32_webgpu.onnx': sharedModels('rvm_mobilenetv3_fp32_webgpu.onnx'),
    'bgmv2_test.onnx': model,
  };
  await openBgmv2Page(page, null, dropped);
  await servePicture(page, 'source', decodePicture(intelPerson, 64, 48));
  await servePicture(page, 'plate', decodePicture(intelPlate, 64, 48));
  const noModel = await page.evaluate(() => window.bgmv2.matte('source', 'plate').then(() => 'no error', (e: Error) => e.message));
  expect(noModel).toBe(
    'No BGMv2 model installed: import a BackgroundMattingV2 export (e.g. onnx_mobilenetv2_hd.onnx) with ' +
      '`npm run models -- --from DIR`, or drop the .onnx file on the node',
  );
  const drop = (name: string) => page.evaluate((n) => window.bgmv2.addModel(`/__test/models/${n}`, n), name);
  const refusal = 'was refused: not a usable Background Matting V2 model:';
  expect((await drop('identity.onnx')).error).toBe(`"identity.onnx" ${refusal} input "src" is missing (the model's inputs are: x)`);
  expect((await drop('rvm_mobilenetv3_fp32_webgpu.onnx')).error).toBe(
    `"rvm_mobilenetv3_fp32_webgpu.onnx" ${refusal} input "bgr" is missing (the model's inputs are: src, r1i, r2i, r3i, r4i, downsample_ratio)`,
  );
  expect((await drop('mattingbase.onnx')).error).toBe(
    `"mattingbase.onnx" ${refusal} output "pha_sm" is missing (the model's outputs are: pha, fgr, err, hid)`,
  );
  const accepted = await drop('bgmv2_test.onnx');
  expect(accepted.error).toBeUndefined();
  expect(accepted.entry).toMatchObject({
    id: 'bgmv2_test', family: 'bgmv2', label: 'BGMv2 fp32 (custom: bgmv2_test.onnx)', precision: 'fp32', official: false,
    bytes: readFileSync(model).length, file: 'bgmv2_test.onnx',
  });
  const got = await page.evaluate(() => window.bgmv2.matte('source', 'plate', { backend: 'wasm' }));
  expect(got.status.facts!.model).toBe('BGMv2 fp32 (custom: bgmv2_test.onnx)');
  await page.evaluate(() => window.bgmv2.dispose());
});
