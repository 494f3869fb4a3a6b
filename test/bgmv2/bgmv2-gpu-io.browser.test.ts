// BGMv2's GPU IO shaders on the real WebGPU device, each against the CPU code it replaces (max
// abs diff <= 1/255): src/bgr tensors written from textures (padding repeats the last column and
// row; a plate of another size is resized bilinearly first), the plate-match count, and the
// pha/fgr crops and err (bilinear) / ref (nearest) upsampling from output buffers, with the
// refined-patch count. float16 is checked here because this machine's adapter has no shader-f16.

import { expect, test } from '@playwright/test';

test.beforeEach(async ({ page }) => {
  await page.goto('/test/pages/bgmv2/gpu-io.html');
  await expect(page.locator('#ready')).toHaveText('ready');
});

const cases = [
  // width, height, plate width, plate height, sample pixels, 1/backbone scale
  { size: [64, 48, 64, 48, 1024, 4], padded: '64x48', what: 'no padding, same-size plate' },
  { size: [61, 37, 122, 74, 1024, 4], padded: '64x40', what: 'padded, plate twice the size' },
  { size: [30, 18, 45, 20, 1024, 8], padded: '32x32', what: 'padded to hold K patches, odd plate, err at 1/8' },
] as const;

for (const { size, padded, what } of cases) {
  for (const precision of ['fp32', 'fp16'] as const) {
    test(`${what} (${size[0]}x${size[1]}), ${precision}: tensors, maps and counts match the CPU path`, async ({ page }) => {
      const r = await page.evaluate(([s, p]) => window.bgmv2GpuIo.frame(s[0], s[1], s[2], s[3], s[4], s[5], p), [size, precision] as const);
      console.log(`${what} ${precision}: ${JSON.stringify({ inputs: r.inputs, maps: r.maps, refinedPatches: r.refinedPatches, plateMatch: r.plateMatch })}`);
      expect(`${r.layout.paddedWidth}x${r.layout.paddedHeight}`).toBe(padded);
      // A texel is level/255 on both sides (fp16: both rounded to the same half); a resized plate
      // may differ by one level where f32 and f64 round an exact .5 apart.
      const oneLevel = 1 / 255 + 2 ** -20; // one 8-bit level, as float32 stores it
      expect(r.inputs.src).toBeLessThanOrEqual(2 ** -23);
      expect(r.inputs.bgr).toBeLessThanOrEqual(size[0] === size[2] && size[1] === size[3] ? 2 ** -23 : oneLevel);
      for (const m of ['pha', 'fgr', 'err', 'ref'] as const) expect(r.maps[m], m).toBeLessThanOrEqual(1);
      expect(r.maps.ref).toBe(0); // nearest of 0/1: no rounding involved
      expect(r.kinds).toEqual(['matte', 'image', 'matte', 'matte']);
      expect(r.sizes).toEqual(Array(4).fill([size[0], size[1]]));
      expect(r.refinedPatches.gpu).toBe(r.refinedPatches.cpu);
      expect(r.refinedPatches.cpu).toBeGreaterThan(0);
      expect(r.plateMatch.gpu).toBeCloseTo(r.plateMatch.cpu, 6);
      expect(r.plateMatch.cpu).toBeGreaterThan(0.2); // both sides of the tolerance are exercised
      expect(r.plateMatch.cpu).toBeLessThan(0.8);
      expect(await page.evaluate(() => window.bgmv2GpuIo.liveImages())).toBe(0);
    });
  }
}
