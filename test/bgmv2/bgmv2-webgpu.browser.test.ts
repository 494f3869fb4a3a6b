// The BGMv2 Matte node forced onto onnxruntime-web's WebGPU EP, on one tiny frame (the adapter
// here is SwiftShader, a CPU implementation). The refiner's TopK, ScatterElements, NonZero and
// RoiAlign have no WebGPU kernels: the node must say they run on the CPU, and onnxruntime's own
// node-placement log (verbose) must agree; the maps must still be the model's.

import { expect, test } from '@playwright/test';
import { opsWithoutWebGpuKernel } from '../../src/ml/webgpu-kernels.ts';
import { channel, fromWire, openBgmv2Page, servePicture, testModelEntry } from './support/bgmv2-page.ts';
import { expectedMaps } from './support/expected-maps.ts';
import { decodePicture, intelPerson, intelPlate } from './support/pictures.ts';
import { buildBgmv2TestModel, DEFAULT_TEST_MODEL } from './support/test-model.ts';

const REFINER_OPS = ['TopK', 'ScatterElements', 'NonZero', 'RoiAlign'];

/** Op types onnxruntime logged as placed on `ep` ("Node(s) placed on [EP]" then "  OpType (name)" lines). */
function placedOps(lines: string[], ep: string): Record<string, number> {
  const ops: Record<string, number> = {};
  let current: string | undefined;
  for (const line of lines) {
    const header = /Node\(s\) placed on \[(\w+)\]/.exec(line);
    if (header) {
      current = header[1];
      continue;
    }
    const node = /VerifyEachNodeIsAssignedToAnEp\]\s{3}(\w+) \(/.exec(line);
    if (node && current === ep) ops[node[1]] = (ops[node[1]] ?? 0) + 1;
    else if (!node) current = undefined;
  }
  return ops;
}

test('on WebGPU the refiner ops run on the CPU, the node says so, and onnxruntime agrees', async ({ page }) => {
  test.setTimeout(300_000);
  const W = 64;
  const H = 48;
  const model = buildBgmv2TestModel();
  const source = decodePicture(intelPerson, W, H);
  const plate = decodePicture(intelPlate, W, H);
  const lines = await openBgmv2Page(page, [testModelEntry(model)], { 'bgmv2_test.onnx': model });
  await page.evaluate(() => window.bgmv2.setLogSeverity(0)); // onnxruntime prints its node placement
  await servePicture(page, 'source', source);
  await servePicture(page, 'plate', plate);
  const got = await page.evaluate(() => window.bgmv2.matte('source', 'plate', { backend: 'webgpu' }));
  console.log(`WebGPU ${W}x${H}: ${JSON.stringify(got.status.facts)}`);

  expect(got.status.state).toBe('ready'); // forced WebGPU and got it: no fallback warning
  expect(got.status.facts!.EP).toBe('WebGPU + CPU for TopK, ScatterElements, NonZero, RoiAlign');
  expect(Number(got.status.facts!['ms/frame'])).toBeGreaterThan(0);

  const onCpu = placedOps(lines, 'CPUExecutionProvider');
  const onGpu = placedOps(lines, 'JsExecutionProvider');
  console.log(`onnxruntime placed on CPU: ${JSON.stringify(onCpu)}`);
  for (const op of REFINER_OPS) {
    expect(onCpu[op]).toBeGreaterThan(0);
    expect(onGpu[op]).toBeUndefined();
  }
  // Everything else it put on the CPU has a WebGPU kernel: index arithmetic on a few numbers.
  expect(opsWithoutWebGpuKernel(onCpu)).toEqual(REFINER_OPS);
  // And the image work did run on the GPU.
  for (const op of ['Sub', 'Abs', 'ReduceMean', 'AveragePool', 'Resize']) expect(onGpu[op]).toBeGreaterThan(0);
  // What it put on the GPU is in the kernel table this prediction uses (bookkeeping aside).
  expect(opsWithoutWebGpuKernel(onGpu).filter((op) => !op.startsWith('Memcpy'))).toEqual([]);
  // The split costs copies both ways between GPU and CPU memory.
  expect(onGpu.MemcpyToHost).toBeGreaterThan(0);
  expect(onGpu.MemcpyFromHost).toBeGreaterThan(0);

  const want = expectedMaps(source, plate, DEFAULT_TEST_MODEL);
  const ref = channel(fromWire(got.outputs.ref), 0);
  const pha = channel(fromWire(got.outputs.pha), 0);
  for (let i = 0; i < W * H; i++) {
    if (want.unsure[i]) continue;
    expect(ref[i]).toBe(want.ref[i]);
    expect(Math.abs(pha[i] - want.pha[i])).toBeLessThanOrEqual(1);
  }
  await page.evaluate(() => window.bgmv2.dispose());
  expect(await page.evaluate(() => window.bgmv2.liveImages())).toBe(0);
});
