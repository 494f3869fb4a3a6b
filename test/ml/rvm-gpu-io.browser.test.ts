// RVM's GPU tensor IO shaders on the real WebGPU device: the src tensor written from a frame
// texture equals the CPU-built one (float32 and float16 packed two to a word, within one unit of
// the last place), and pha/fgr buffers become the same 8-bit pictures the CPU path makes (but
// for exact x.5 ties, which f32 and f64 arithmetic may round apart).
// float16 is checked here because this machine's adapter cannot run an fp16 model end to end.

import { expect, test } from '@playwright/test';

test.beforeEach(async ({ page }) => {
  await page.goto('/test/pages/ml/gpu-io.html');
  await expect(page.locator('#ready')).toHaveText('ready');
});

test('the src tensor from a texture equals the CPU one, fp32 and fp16, odd sizes included', async ({ page }) => {
  for (const [w, h] of [[7, 5], [64, 36], [33, 1]] as const) {
    const f32 = await page.evaluate(([a, b]) => window.gpuIo.srcTensor(a, b, 'fp32'), [w, h] as const);
    expect(f32).toMatchObject({ count: 3 * w * h, dims: [1, 3, h, w], type: 'float32', location: 'gpu-buffer' });
    expect(f32.maxDiff).toBeLessThanOrEqual(2 ** -24); // v/255 vs v·(1/255): one unit in the last place of 0.5..1
    const f16 = await page.evaluate(([a, b]) => window.gpuIo.srcTensor(a, b, 'fp16'), [w, h] as const);
    console.log(`${w}x${h} fp16: ${f16.differing} of ${f16.count} elements differ, at most ${f16.maxDiff} ulp`);
    expect(f16).toMatchObject({ count: 3 * w * h, dims: [1, 3, h, w], type: 'float16' });
    expect(f16.maxDiff).toBeLessThanOrEqual(1);
  }
  expect(await page.evaluate(() => window.gpuIo.liveImages())).toBe(0);
});

test('a frame too big for one row of workgroups is written whole', async ({ page }) => {
  test.setTimeout(180_000);
  // 2400x1400: 5.04 M element pairs, more than 65535 workgroups of 64 can cover in one dimension.
  const big = await page.evaluate(() => window.gpuIo.srcTensor(2400, 1400, 'fp32'));
  expect(big.count).toBe(3 * 2400 * 1400);
  expect(big.maxDiff).toBeLessThanOrEqual(2 ** -24); // an element left unwritten would differ by up to 1
});

test('pha and fgr buffers become the pictures the CPU path makes, fp32 and fp16', async ({ page }) => {
  for (const precision of ['fp32', 'fp16'] as const) {
    for (const channels of [1, 3] as const) {
      const r = await page.evaluate(([c, p]) => window.gpuIo.toImage(37, 21, c, p), [channels, precision] as const);
      console.log(`${precision} ${channels === 1 ? 'pha' : 'fgr'}: ${r.differing} of ${r.bytes} bytes differ (${r.offTie} off a tie)`);
      expect(r).toMatchObject({ offTie: 0, kind: channels === 1 ? 'matte' : 'image', size: [37, 21] });
      expect(r.maxDiff).toBeLessThanOrEqual(1);
      expect(r.differing).toBeLessThan(r.bytes / 4); // ties only, which are a third of these test values
    }
  }
  expect(await page.evaluate(() => window.gpuIo.liveImages())).toBe(0);
});
