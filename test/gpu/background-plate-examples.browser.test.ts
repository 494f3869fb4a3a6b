// Graphs saved before the video and blurred-source modes existed load without a migration and
// give the same plate: every Background Plate in examples/*.json, and a picture plate saved with
// only the original params.

import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, sharedMedia } from '../support/shared-paths.ts';
import { ffmpegRgba, fromB64, serveFile } from './gpu-test-helpers.ts';

const newDefaults = { video: '', videoEnd: 'loop', blurRadius: 16 };

test.beforeEach(async ({ page }) => {
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.routeWebSocket(/./, () => {});
  await page.goto('/test/pages/gpu/background-plate.html');
  await expect(page).toHaveTitle('background-plate ready');
});

test('every example graph keeps its plates: the same params, new ones at their defaults, the same pixels', async ({ page }) => {
  const dir = join(repoRoot, 'examples');
  const graphs = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'index.json');
  let plates = 0;
  for (const file of graphs) {
    const text = readFileSync(join(dir, file), 'utf8');
    const saved = (JSON.parse(text).nodes as { id: string; type: string; params: Record<string, unknown> }[])
      .filter((n) => n.type === 'BackgroundPlate');
    const loaded = await page.evaluate((t) => window.plateTests.examplePlates(t), text);
    expect(loaded.map((p) => p.id), file).toEqual(saved.map((n) => n.id));
    for (const [i, plate] of loaded.entries()) {
      plates++;
      const params = saved[i].params;
      expect(plate.params, `${file} ${plate.id}`).toEqual({ mode: 'color', color: '#00ff00', file: '', ...newDefaults, ...params });
      // Plates of the newer modes (background-blur.json's) have tests of their own.
      if ((params.mode ?? 'color') !== 'color') continue;
      const hex = String(params.color ?? '#00ff00');
      const rgb = [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16));
      expect(plate.result.error).toBeUndefined();
      expect([plate.result.width, plate.result.height]).toEqual([1, 1]);
      expect([...fromB64(plate.result.b64!)], `${file} ${plate.id}`).toEqual([...rgb, 255]);
    }
  }
  expect(plates).toBeGreaterThan(0); // rvm-green.json's green plate at least
});

test('a picture plate saved with only the original params renders exactly the picture', async ({ page }) => {
  const path = sharedMedia('bgmv2_pairs/intel_one_by_one_fixed_camera/background_plate_frame0000.png');
  await serveFile(page, 'plate.png', path);
  const saved = {
    format: 'mattegraph', version: 1,
    nodes: [{ id: 'bg', type: 'BackgroundPlate', version: 1, position: { x: 0, y: 0 }, params: { mode: 'image', color: '#000000', file: 'plate.png' } }],
    edges: [],
  };
  const [plate] = await page.evaluate((t) => window.plateTests.examplePlates(t), JSON.stringify(saved));
  expect(plate.params).toEqual({ mode: 'image', color: '#000000', file: 'plate.png', ...newDefaults });
  const ref = ffmpegRgba(path);
  expect([plate.result.width, plate.result.height]).toEqual([ref.width, ref.height]);
  expect(Buffer.from(fromB64(plate.result.b64!)).equals(Buffer.from(ref.rgba))).toBe(true);
});
