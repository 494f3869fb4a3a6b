// RVM in a real graph (Video Source → RVM Matte, the shipped nodes and Evaluator, WASM EP) on a
// real clip: a frame reached by a jump looks like the same frame reached by playing, thanks to
// the pre-roll; and two RVM nodes in one graph keep separate recurrent states.

import { expect, test, type Page } from '@playwright/test';
import type { GraphDocument } from '../../src/graph/document.ts';
import { meanAbsDiff8 } from './support/rvm-reference.ts';
import { makePersonClip, PERSON_CLIP } from './support/person-clip.ts';
import { fp32WebgpuModel, openRvmPage } from './support/rvm-page.ts';

let clip: string;
test.beforeAll(() => {
  clip = makePersonClip();
});

const at = { x: 0, y: 0 };
function graph(mattes: Record<string, Record<string, string | number>>): GraphDocument {
  return {
    nodes: [
      { id: 'source', type: 'VideoSource', version: 1, position: at, params: { file: 'person.mp4' } },
      ...Object.entries(mattes).map(([id, params]) => ({
        id, type: 'RvmMatte', version: 1, position: at,
        params: { model: 'auto', downsampleRatio: 'auto', backend: 'wasm', preRoll: 15, ...params },
      })),
    ],
    edges: Object.keys(mattes).map((id) => ({
      id: `source.image->${id}.source`, from: { node: 'source', port: 'image' }, to: { node: id, port: 'source' },
    })),
  };
}

async function openGraph(page: Page, doc: GraphDocument) {
  await page.evaluate(([d]) => window.rvmGraph.open(d, '/__test/installed.json', 'wasm'), [doc] as const);
}

async function matte(page: Page, node: string, frame: number) {
  const r = await page.evaluate(([n, f]) => window.rvmGraph.pha(n, f), [node, frame] as const);
  return { ...r, matte: new Uint8Array(Buffer.from(r.pha, 'base64')) };
}

async function openGraphPage(page: Page) {
  await openRvmPage(page, [fp32WebgpuModel.entry]);
  await page.route('**/__test/person.mp4', (route) => route.fulfill({ path: clip, contentType: 'video/mp4' }));
  await page.goto('/test/pages/ml/rvm-graph.html');
  await expect(page.locator('#ready')).toHaveText('ready');
}

test('a frame reached by a jump matches the same frame reached by playing (pre-roll)', async ({ page }) => {
  test.setTimeout(300_000);
  await openGraphPage(page);
  await openGraph(page, graph({ matte: {} }));

  const played: Uint8Array[] = [];
  for (let f = 0; f < 50; f++) {
    const r = await matte(page, 'matte', f);
    if (f >= 40) played.push(r.matte);
  }
  expect(played[0].length).toBe(PERSON_CLIP.width * PERSON_CLIP.height);
  const fg = played[0].filter((v) => v > 127).length / played[0].length;
  console.log(`frame 40 played: ${(fg * 100).toFixed(1)}% foreground`);
  expect(fg).toBeGreaterThan(0.01); // someone is in the shot

  // A seek to 40 (every node's next frame is a jump), then play on to 49.
  await page.evaluate(() => window.rvmGraph.resetAll());
  const diffs: number[] = [];
  for (let f = 40; f < 50; f++) {
    const r = await matte(page, 'matte', f);
    diffs.push(meanAbsDiff8(played[f - 40], r.matte));
    if (f === 40) {
      console.log(`jump to 40 took ${r.ms.toFixed(0)} ms; facts ${JSON.stringify(r.status?.facts)}`);
      expect(r.statuses.some((s) => s.state === 'working' && /^pre-roll before frame 40: frame 25$/.test(s.message ?? ''))).toBe(true);
      expect(r.status?.facts?.['pre-roll']).toMatch(/^15 frames, \d+\.\d s$/);
    } else {
      expect(r.status?.facts?.['pre-roll']).toBeUndefined(); // played on: no pre-roll
    }
  }
  console.log(`pre-roll 15: jumped vs played, mean abs diff per frame ${diffs.map((d) => d.toFixed(4)).join(' ')}`);
  for (const d of diffs) expect(d).toBeLessThanOrEqual(0.01);

  // Without pre-roll the jumped-to frame starts from an empty state and looks different.
  await openGraph(page, graph({ matte: { preRoll: 0 } }));
  const cold = await matte(page, 'matte', 40);
  const coldDiff = meanAbsDiff8(played[0], cold.matte);
  console.log(`pre-roll 0: frame 40 jumped vs played, mean abs diff ${coldDiff.toFixed(4)}`);
  expect(coldDiff).toBeGreaterThan(diffs[0] * 2);

  await page.evaluate(() => window.rvmGraph.dispose());
  expect(await page.evaluate(() => window.rvmGraph.counts())).toEqual({ images: 0, stateTensors: 0 });
});

test('two RVM nodes in one graph keep separate states', async ({ page }) => {
  test.setTimeout(300_000);
  await openGraphPage(page);
  const FRAMES = 8;
  const settings = { a: { downsampleRatio: 0.5 }, b: { downsampleRatio: 0.25 } };

  // Each alone, in its own graph.
  const alone: Record<string, Uint8Array[]> = {};
  for (const [id, params] of Object.entries(settings)) {
    await openGraph(page, graph({ [id]: params }));
    alone[id] = [];
    for (let f = 0; f < FRAMES; f++) alone[id].push((await matte(page, id, f)).matte);
  }
  // Side by side in one graph, interleaved frame by frame.
  await openGraph(page, graph(settings));
  const diffs: number[] = [];
  for (let f = 0; f < FRAMES; f++) {
    for (const id of ['a', 'b']) {
      const r = await matte(page, id, f);
      expect(r.status?.facts?.ratio).toBe(String(settings[id as 'a' | 'b'].downsampleRatio));
      diffs.push(meanAbsDiff8(alone[id][f], r.matte));
    }
  }
  console.log(`side by side vs alone: max mean abs diff ${Math.max(...diffs).toFixed(6)}`);
  for (const d of diffs) expect(d).toBeLessThanOrEqual(0.001);
  // The two ratios really give different mattes, so a shared state would have shown.
  const between = meanAbsDiff8(alone.a[FRAMES - 1], alone.b[FRAMES - 1]);
  console.log(`ratio 0.5 vs 0.25 at frame ${FRAMES - 1}: ${between.toFixed(4)}`);
  expect(between).toBeGreaterThan(0.002);

  await page.evaluate(() => window.rvmGraph.dispose());
  expect(await page.evaluate(() => window.rvmGraph.counts())).toEqual({ images: 0, stateTensors: 0 });
});
