// The Matte Ops shaders (combine, threshold, invert, the final write, and the Color Key's choke
// and blur in this chain) against their CPU reference (matte-ops-reference.ts) in Chromium's
// WebGPU, stage by stage and chained, on random mattes and on real ones. Agree to 1/255.

import { expect, test } from '@playwright/test';
import { COMBINE_MODES, type MatteOpsSettings } from '../../nodes/matte-ops/matte-ops-settings.ts';
import { fromB64, randomMatte, TestFiles, toWire } from '../gpu/gpu-test-helpers.ts';
import { discMask } from './key-page-helpers.ts';
import { defaultOps } from './matte-ops-reference.ts';
import { expectMatchesReference, groundTruthMatte, openMatteOpsPage } from './matte-ops-helpers.ts';

test.beforeEach(async ({ page }) => {
  await openMatteOpsPage(page);
});

// 37x23 is not a multiple of the 8x8 workgroup; B is another size, so it gets resized.
const a = randomMatte(37, 23, 11);
const bSame = randomMatte(37, 23, 12);
const bOther = randomMatte(19, 30, 13);

test('default params pass A through unchanged, without a GPU pass', async ({ page }) => {
  const out = await page.evaluate(([w]) => window.matteOpsPage.runOps(w, null, {}), [toWire(a)] as const);
  expect(out.passedThrough).toBe(true);
  expect(fromB64(out.b64)).toEqual(new Uint8Array(a.rgba));
  expect(out.status).toEqual({ state: 'ready', facts: { size: '37×23', ops: 'none (passes A through)' } });
});

test('every combine mode matches the reference, with B of the same and of another size', async ({ page }) => {
  for (const mode of COMBINE_MODES) {
    if (mode.value === 'off') continue;
    const s: MatteOpsSettings = { ...defaultOps, combine: mode.value };
    await expectMatchesReference(page, `${mode.value}, same size`, a, bSame, s);
    const out = await expectMatchesReference(page, `${mode.value}, B resized`, a, bOther, s);
    expect(out.status?.facts?.B).toBe('resized from 19×30');
  }
});

test('threshold (hard and soft), invert, choke, grow and blur each match the reference', async ({ page }) => {
  const cases: [string, Partial<MatteOpsSettings>][] = [
    ['hard threshold at 0.5', { threshold: true, level: 0.5 }],
    ['soft threshold at 0.4, softness 0.3', { threshold: true, level: 0.4, softness: 0.3 }],
    ['threshold at 0 (all in)', { threshold: true, level: 0 }],
    ['threshold at 1 (only pure white)', { threshold: true, level: 1 }],
    ['invert', { invert: true }],
    ['choke 1.5 px', { choke: -1.5 }],
    ['grow 2 px', { choke: 2 }],
    ['blur 3 px', { blur: 3 }],
  ];
  for (const [name, change] of cases) await expectMatchesReference(page, name, a, undefined, { ...defaultOps, ...change });
});

test('the whole chain in order: combine, threshold, choke, blur, invert', async ({ page }) => {
  const s: MatteOpsSettings = { combine: 'max', threshold: true, level: 0.3, softness: 0.2, choke: -1, blur: 2, invert: true };
  const out = await expectMatchesReference(page, 'chain', a, bOther, s);
  expect(out.status?.facts?.ops).toBe('max B, threshold 0.3 ±0.1, choke 1 px, blur 2 px, invert');
  // Inputs already on the GPU (as from a shader node upstream) give the same.
  await expectMatchesReference(page, 'chain, inputs on the GPU', a, bOther, s, { uploaded: true });
  // A soft disc grown and inverted: the hole is larger than the disc was.
  const disc = discMask(40, 40);
  const holed = await expectMatchesReference(page, 'disc', disc, undefined, { ...defaultOps, choke: 3, invert: true });
  const opaque = (p: Uint8Array | Uint8ClampedArray) => p.filter((_, i) => i % 4 === 0 && p[i] >= 128).length;
  const hole = 40 * 40 - opaque(holed.pixels);
  expect(hole).toBeGreaterThan(opaque(disc.rgba) + 40);
  expect([holed.pixels[(20 * 40 + 20) * 4], holed.pixels[0]]).toEqual([0, 255]);
});

test('real mattes: two ground-truth alphas united, cut out and cleaned', async ({ page }) => {
  const files = new TestFiles();
  try {
    const person = groundTruthMatte('120_12081');
    const other = groundTruthMatte('0');
    const wire = {
      a: { width: person.width, height: person.height, url: await files.serveRaw(page, 'a.rgba', person) },
      b: { width: other.width, height: other.height, url: await files.serveRaw(page, 'b.rgba', other) },
    };
    for (const combine of ['max', 'min', 'subtract', 'out', 'screen'] as const) {
      await expectMatchesReference(page, `real ${combine}`, person, other, { ...defaultOps, combine }, wire);
    }
    await expectMatchesReference(page, 'real threshold', person, undefined, { ...defaultOps, threshold: true, level: 0.5 }, wire);
    await expectMatchesReference(page, 'real soft threshold', person, undefined, { ...defaultOps, threshold: true, level: 0.6, softness: 0.5 }, wire);
    await expectMatchesReference(page, 'real invert', person, undefined, { ...defaultOps, invert: true }, wire);
    await expectMatchesReference(page, 'real chain', person, other, { combine: 'max', threshold: false, level: 0.5, softness: 0, choke: -2, blur: 4, invert: false }, wire);
  } finally {
    files.remove();
  }
});
