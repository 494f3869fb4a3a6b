// Matte Ops as a user meets it, inside a real graph (the shipped nodes and the Evaluator): the
// example green-screen still keyed by the Color Key and matted by RVM, the two mattes united by
// Matte Ops; and the messages a node shows when an input it needs is missing.

import { basename, join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { GraphDocument } from '../../src/graph/document.ts';
import { fp32WebgpuModel } from '../ml/support/rvm-page.ts';
import { ffmpegRgba } from '../gpu/gpu-test-helpers.ts';
import { repoRoot, sharedModels } from '../support/shared-paths.ts';
import { chokeMatte } from './color-key-reference.ts';
import { openMatteOpsPage } from './matte-ops-helpers.ts';

const W = 320;
/** Places in examples/media/green-screen-still.png whose true alpha is known (see color-key-example). */
const places = { screen: [6, 6], screenRight: [310, 120], head: [160, 78], body: [160, 150], veilOverScreen: [60, 206] } as const;
const at = (r: Uint8Array, [x, y]: readonly number[]) => r[y * W + x];

const at0 = { x: 0, y: 0 };
/** Still → Color Key (A) and RVM Matte (B) → Matte Ops; `wires` picks which inputs are connected. */
function graph(ops: Record<string, string | number | boolean>, wires: { a?: boolean; b?: boolean } = { a: true, b: true }): GraphDocument {
  const edge = (from: [string, string], to: [string, string]) =>
    ({ id: `${from.join('.')}->${to.join('.')}`, from: { node: from[0], port: from[1] }, to: { node: to[0], port: to[1] } });
  return {
    nodes: [
      { id: 'source', type: 'VideoSource', version: 1, position: at0, params: { file: 'media/green-screen-still.png' } },
      { id: 'key', type: 'ColorKey', version: 1, position: at0, params: { screenColor: '#28be46' } },
      { id: 'rvm', type: 'RvmMatte', version: 1, position: at0, params: { model: 'auto', downsampleRatio: 'auto', backend: 'wasm', preRoll: 0 } },
      { id: 'ops', type: 'MatteOps', version: 1, position: at0, params: ops },
    ],
    edges: [
      edge(['source', 'image'], ['key', 'source']),
      edge(['source', 'image'], ['rvm', 'source']),
      ...(wires.a ? [edge(['key', 'matte'], ['ops', 'a'])] : []),
      ...(wires.b ? [edge(['rvm', 'pha'], ['ops', 'b'])] : []),
    ],
  };
}

async function openPage(page: Page) {
  await page.route('**/__test/installed.json', (route) => route.fulfill({
    contentType: 'application/json',
    body: JSON.stringify({ format: 'mattegraph-installed-models', version: 1, models: [fp32WebgpuModel.entry] }),
  }));
  await page.route('**/__test/models/*.onnx', (route) =>
    route.fulfill({ path: sharedModels(basename(new URL(route.request().url()).pathname)), contentType: 'application/octet-stream' }));
  await openMatteOpsPage(page);
}

const run = (page: Page, doc: GraphDocument, targets: [string, string][]) =>
  page.evaluate(([d, t]) => window.matteOpsPage.runGraph(d, t), [doc, targets.map(([node, port]) => ({ node, port }))] as const);
const r = (b64?: string) => new Uint8Array(Buffer.from(b64 ?? '', 'base64'));

test('the Color Key matte united with the RVM matte: the key\'s veil and the whole person, screen out', async ({ page }) => {
  test.setTimeout(300_000);
  await openPage(page);
  const out = await run(page, graph({ combine: 'max' }), [['ops', 'matte'], ['key', 'matte'], ['rvm', 'pha']]);
  expect(out.results.map((x) => x.error)).toEqual([undefined, undefined, undefined]);
  expect(out.leaked).toBe(0);
  const [ops, key, rvm] = out.results.map((x) => r(x.r));
  expect([out.results[0].width, out.results[0].height, out.results[0].kind]).toEqual([320, 240, 'matte']);
  // What the user sees: the screen out, the person in, the veil over the screen at the key's ~45%.
  expect([at(ops, places.screen), at(ops, places.screenRight)]).toEqual([0, 0]);
  expect([at(ops, places.head), at(ops, places.body)]).toEqual([255, 255]);
  expect(Math.abs(at(ops, places.veilOverScreen) - 115)).toBeLessThanOrEqual(12);
  // Every pixel is the larger of the two mattes the user sees on the Color Key and RVM nodes.
  let worst = 0;
  for (let i = 0; i < ops.length; i++) worst = Math.max(worst, Math.abs(ops[i] - Math.max(key[i], rvm[i])));
  expect(worst).toBeLessThanOrEqual(1);
  expect(out.statuses.ops).toEqual({ state: 'ready', facts: { size: '320×240', ops: 'max B' } });
});

test('A out B, then a choke, through the graph: what RVM sees of the figure is cut from the key', async ({ page }) => {
  test.setTimeout(300_000);
  await openPage(page);
  const out = await run(page, graph({ combine: 'out', choke: -1 }), [['ops', 'matte'], ['key', 'matte'], ['rvm', 'pha']]);
  expect(out.results.map((x) => x.error)).toEqual([undefined, undefined, undefined]);
  expect(out.leaked).toBe(0);
  const [ops, key, rvm] = out.results.map((x) => r(x.r));
  // Exactly key·(1 − rvm), eroded by 1 px, from the mattes the user sees on those nodes.
  const held = Float64Array.from(key, (k, i) => (k / 255) * (1 - rvm[i] / 255));
  const want = chokeMatte(held, 320, 240, -1);
  let worst = 0;
  for (let i = 0; i < ops.length; i++) worst = Math.max(worst, Math.abs(ops[i] - Math.round(want[i] * 255)));
  expect(worst).toBeLessThanOrEqual(1);
  // RVM finds the body but not the drawn head: the head stays, the body mostly goes.
  expect([at(ops, places.head), at(ops, places.screen)]).toEqual([255, 0]);
  const seen = [...rvm.keys()].filter((i) => rvm[i] >= 128);
  expect(seen.length).toBeGreaterThan(1000);
  expect(seen.filter((i) => ops[i] > 128).length).toBe(0);
  expect(out.statuses.ops).toEqual({ state: 'ready', facts: { size: '320×240', ops: 'out B, choke 1 px' } });
});

test('missing inputs are named on the node; a fresh node passes its matte through', async ({ page }) => {
  await openPage(page);
  // Combine mode without B: the node says what to connect.
  const noB = await run(page, graph({ combine: 'max' }, { a: true }), [['ops', 'matte']]);
  const needB = 'combine "Max: union" needs a second matte: connect one to the "B" input, or set combine to Off';
  expect(noB.results[0].error).toBe(`ops: ${needB}`);
  expect(noB.statuses.ops).toEqual({ state: 'error', message: needB });
  expect(noB.leaked).toBe(0);
  // No A: the usual message for a required input.
  const noA = await run(page, graph({}, { b: true }), [['ops', 'matte']]);
  expect(noA.results[0].error).toBe('ops: input "A" is not connected');
  expect(noA.statuses.ops).toEqual({ state: 'error', message: 'ops: input "A" is not connected' });
  // Defaults with only A: the key's matte, untouched.
  const fresh = await run(page, graph({}, { a: true }), [['ops', 'matte'], ['key', 'matte']]);
  expect(fresh.results[0].r).toBe(fresh.results[1].r);
  expect(fresh.statuses.ops).toEqual({ state: 'ready', facts: { size: '320×240', ops: 'none (passes A through)' } });
  // B connected while combine is Off: still A, with a warning that B is unused.
  const unused = await run(page, graph({}), [['ops', 'matte'], ['key', 'matte']]);
  expect(unused.results[0].r).toBe(unused.results[1].r);
  expect(unused.statuses.ops).toMatchObject({ state: 'warning', message: 'B is connected but combine is Off: B is not used' });
});

test('bad params give a plain message and leak nothing', async ({ page }) => {
  await openPage(page);
  const still = ffmpegRgba(join(repoRoot, 'examples/media/green-screen-still.png'));
  const wire = { width: still.width, height: still.height, b64: Buffer.from(still.rgba).toString('base64') };
  const cases: [Record<string, string | number | boolean>, string][] = [
    [{ combine: 'xor' }, 'combine must be one of off, max, min, multiply, screen, add, subtract, out, difference (it is "xor")'],
    [{ choke: 40 }, 'choke / grow must be between -25 and 25 (it is 40)'],
    [{ blur: 'lots' }, 'blur must be a number, not "lots"'],
    [{ threshold: 'maybe' }, 'threshold must be on or off (true or false), not "maybe"'],
  ];
  for (const [params, message] of cases) {
    expect(await page.evaluate(([w, p]) => window.matteOpsPage.opsError(w, null, p), [wire, params] as const)).toEqual({ message, leaked: 0 });
  }
  expect(await page.evaluate(([p]) => window.matteOpsPage.opsError(null, null, p), [{}] as const))
    .toEqual({ message: 'connect a matte to the "A" input', leaked: 0 });
});
