// Node-side helpers for the Matte Ops browser tests: opening the test page, real mattes from
// the shared ground-truth set, and the comparison of node outputs with the CPU reference.

import { expect, type Page } from '@playwright/test';
import type { MatteOpsSettings } from '../../nodes/matte-ops/matte-ops-settings.ts';
import { ffmpegRgba, fromB64, toWire } from '../gpu/gpu-test-helpers.ts';
import { sharedMedia } from '../support/shared-paths.ts';
import type { Pixels } from './screen-plate-reference.ts';
import { worstDifference } from './key-page-helpers.ts';
import { matteOpsReference } from './matte-ops-reference.ts';

// 8-bit output of a float computation: f32 on the GPU and doubles here may round a .5 differently.
export const TOLERANCE = 1;

export async function openMatteOpsPage(page: Page): Promise<void> {
  page.on('pageerror', (e) => console.error('page error:', e.message));
  page.on('console', (m) => m.type() === 'error' && console.error('[page]', m.text()));
  // Cut the page off Vite's HMR socket: other people's edits would reload it mid-test.
  await page.routeWebSocket(/./, () => {});
  await page.goto('/test/pages/key/matte-ops.html');
  await expect(page).toHaveTitle('matte ops ready');
}

/** A ground-truth alpha matte of ../shared/media/ground_truth_alpha (320x320, grey). */
export const groundTruthMatte = (id: string): Pixels =>
  ffmpegRgba(sharedMedia(`ground_truth_alpha/adobe_dim_crops_via_foamliu/${id}_alpha.png`));

/** The node's params for settings (as the inspector would store them). */
export const paramsOf = (s: MatteOpsSettings) => ({ ...s });

export type Wire = ReturnType<typeof toWire> | { width: number; height: number; url: string };

/** Runs the node on the page and checks its matte against the reference; returns the output. */
export async function expectMatchesReference(
  page: Page, name: string, a: Pixels, b: Pixels | undefined, settings: MatteOpsSettings,
  wire: { a?: Wire; b?: Wire; uploaded?: boolean } = {},
) {
  const out = await page.evaluate(
    ([wa, wb, p, up]) => window.matteOpsPage.runOps(wa, wb, p, up),
    [wire.a ?? toWire(a), b ? (wire.b ?? toWire(b)) : null, paramsOf(settings), wire.uploaded ?? false] as const,
  );
  expect([out.width, out.height, out.kind], name).toEqual([a.width, a.height, 'matte']);
  const ref = matteOpsReference(a, b, settings);
  // A hard threshold is a step: skip pixels whose value sits on the level (float noise decides).
  const onLevel = (p: number) => settings.threshold && settings.softness === 0 && Math.abs(ref.beforeThreshold[p] - settings.level) < 1e-5;
  const got = fromB64(out.b64);
  const worst = worstDifference(got, ref.image, onLevel);
  expect(worst.max, `${name}: worst at ${worst.at}`).toBeLessThanOrEqual(TOLERANCE);
  return { ...out, pixels: got };
}
