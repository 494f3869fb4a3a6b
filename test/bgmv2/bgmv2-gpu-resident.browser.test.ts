// The BGMv2 Matte node on onnxruntime-web's WebGPU EP with the graph's shaders on onnxruntime's
// device: pictures that exist only as GPU textures go in, the four maps come out as textures,
// and no texture is read back to the CPU on the way (the engine's own buffers are gone after the
// frame). The maps equal the WASM path's and land where the test model puts them. Tiny frames:
// the adapter here is SwiftShader, a CPU implementation.

import { expect, test } from '@playwright/test';
import { channel, fromWire, openBgmv2Page, servePicture, testModelEntry } from './support/bgmv2-page.ts';
import { expectedMaps } from './support/expected-maps.ts';
import { decodePicture, intelPerson, intelPlate, type Rgba } from './support/pictures.ts';
import { buildBgmv2TestModel, DEFAULT_TEST_MODEL } from './support/test-model.ts';
import { resizeRgba } from '../../src/ml/resize-rgba.ts';

const model = buildBgmv2TestModel();

type Outputs = Awaited<ReturnType<typeof window.bgmv2.matte>>['outputs'];

/** Largest difference per output between two runs, cells whose ref is a float tie left out. */
function maxDiff(a: Outputs, b: Outputs, unsure: Uint8Array) {
  const max: Record<string, number> = {};
  for (const port of ['pha', 'fgr', 'err', 'ref'] as const) {
    const x = fromWire(a[port]).rgba;
    const y = fromWire(b[port]).rgba;
    let m = 0;
    for (let i = 0; i < x.length; i++) if (!unsure[i >> 2] || port === 'err') m = Math.max(m, Math.abs(x[i] - y[i]));
    max[port] = m;
  }
  return max;
}

const cases: { what: string; source: Rgba; plate: Rgba; notice?: string }[] = [
  { what: '64x48, plate the same size', source: decodePicture(intelPerson, 64, 48), plate: decodePicture(intelPlate, 64, 48) },
  {
    what: '61x37 (padded to 64x40), plate twice the size',
    source: decodePicture(intelPerson, 61, 37),
    plate: decodePicture(intelPlate, 122, 74),
    notice: "plate resized from 122x74 to the frame's 61x37",
  },
];

for (const { what, source, plate, notice } of cases) {
  test(`on WebGPU the frame stays on the GPU and the maps equal the WASM path's: ${what}`, async ({ page }) => {
    test.setTimeout(300_000);
    const { width: W, height: H } = source;
    await openBgmv2Page(page, [testModelEntry(model)], { 'bgmv2_test.onnx': model });
    await servePicture(page, 'source', source);
    await servePicture(page, 'plate', plate);
    const gpu = await page.evaluate(() => window.bgmv2.matteFromTextures('source', 'plate', { backend: 'webgpu' }));
    console.log(`WebGPU ${what}: ${gpu.readbacks} readbacks, ${JSON.stringify(gpu.status.facts)}`);
    expect(gpu.readbacks).toBe(0);
    expect(gpu.status.facts).toMatchObject({
      EP: 'WebGPU + CPU for TopK, ScatterElements, NonZero, RoiAlign',
      IO: 'GPU-resident (no frame readback)',
      precision: 'fp32',
    });
    expect(gpu.status.facts!['IO note']).toBeUndefined();
    expect(gpu.status.state).toBe(notice ? 'warning' : 'ready');
    if (notice) expect(gpu.status.message).toBe(notice);
    expect(await page.evaluate(() => window.bgmv2.liveBgmv2Buffers())).toBe(0);
    // A second frame: the session is reused, the frame's buffers are new, and again none is left.
    const again = await page.evaluate(() => window.bgmv2.matteFromTextures('source', 'plate', { backend: 'webgpu' }));
    expect(again.readbacks).toBe(0);
    expect(again.outputs.pha.b64).toBe(gpu.outputs.pha.b64);
    expect(again.outputs.ref.b64).toBe(gpu.outputs.ref.b64);
    expect(await page.evaluate(() => window.bgmv2.liveBgmv2Buffers())).toBe(0);

    const wasm = await page.evaluate(() => window.bgmv2.matte('source', 'plate', { backend: 'wasm' }));
    expect(wasm.status.facts).toMatchObject({ EP: 'wasm', IO: 'CPU' });
    for (const fact of ['refined patches', 'plate match', 'scale', 'refiner']) {
      expect(gpu.status.facts![fact], fact).toBe(wasm.status.facts![fact]);
    }
    if (notice) expect(gpu.status.facts!.padded).toBe(wasm.status.facts!.padded);

    // The plate the model sees: resized as the CPU path resizes it (the GPU's may differ by a
    // level where f32 and f64 round a .5 apart).
    const seen = new Uint8Array(resizeRgba(new Uint8ClampedArray(plate.rgba), plate.width, plate.height, W, H));
    const want = expectedMaps(source, { width: W, height: H, rgba: seen }, DEFAULT_TEST_MODEL);
    const diff = maxDiff(gpu.outputs, wasm.outputs, want.unsure);
    console.log(`WebGPU vs WASM ${what}: max diff ${JSON.stringify(diff)}`);
    for (const port of ['pha', 'fgr', 'err', 'ref'] as const) {
      expect([gpu.outputs[port].width, gpu.outputs[port].height, gpu.outputs[port].kind]).toEqual([W, H, wasm.outputs[port].kind]);
      expect(diff[port], port).toBeLessThanOrEqual(1);
    }
    expect(diff.ref).toBe(0);

    // Where the test model puts them.
    {
      const ref = channel(fromWire(gpu.outputs.ref), 0);
      const pha = channel(fromWire(gpu.outputs.pha), 0);
      let refined = 0;
      for (let i = 0; i < W * H; i++) {
        if (ref[i] === 255) refined++;
        if (want.unsure[i]) continue;
        expect(ref[i]).toBe(want.ref[i]);
        expect(Math.abs(pha[i] - want.pha[i])).toBeLessThanOrEqual(1);
      }
      if (W % 4 === 0 && H % 4 === 0) expect(refined).toBe(want.refinedPatches * 16); // else edge patches are cut
      expect(gpu.status.facts!['refined patches']).toBe(String(want.refinedPatches));
    }

    await page.evaluate(() => window.bgmv2.dispose());
    expect(await page.evaluate(() => window.bgmv2.liveImages())).toBe(0);
    expect(await page.evaluate(() => window.bgmv2.liveBgmv2Buffers())).toBe(0);
  });
}

test('in a real graph on WebGPU, the GPU-resident maps drive the Refine-Region Viewer, frame after frame', async ({ page }) => {
  test.setTimeout(300_000);
  const source = decodePicture(intelPerson, 64, 48);
  const plate = decodePicture(intelPlate, 64, 48);
  await openBgmv2Page(page, [testModelEntry(model)], { 'bgmv2_test.onnx': model });
  await servePicture(page, 'source', source);
  await servePicture(page, 'plate', plate);
  const got = await page.evaluate(() => window.bgmv2.graph('source', 'plate', 2, { backend: 'webgpu' }));
  const want = expectedMaps(source, plate, DEFAULT_TEST_MODEL);
  console.log(`graph on WebGPU: BGMv2 ${JSON.stringify(got.statuses.bgm.facts)}; viewer ${JSON.stringify(got.statuses.view.facts)}`);
  expect(got.statuses.bgm.facts).toMatchObject({ IO: 'GPU-resident (no frame readback)', 'refined patches': String(want.refinedPatches) });
  expect(got.statuses.view.facts!['refined patches']).toBe(String(want.refinedPatches));
  expect([got.image.width, got.image.height]).toEqual([64, 48]);
  expect(got.liveAfterDispose).toBe(0);
  expect(await page.evaluate(() => window.bgmv2.liveBgmv2Buffers())).toBe(0);
});
