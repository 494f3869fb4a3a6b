// Plate and Composite in a real Evaluator graph over many frames and param changes (one of
// them failing): nothing piles up while it runs, and no Image is left alive after disposal.

import { expect, test } from '@playwright/test';
import { sharedMedia } from '../support/shared-paths.ts';
import { ffmpegRgba, openGpuNodesPage, serveFile, TestFiles } from './gpu-test-helpers.ts';

test('a Composite graph leaves no Image alive once the evaluator is disposed', async ({ page }) => {
  await openGpuNodesPage(page);
  const files = new TestFiles();
  try {
    const dim = (p: string) => sharedMedia(`ground_truth_alpha/adobe_dim_crops_via_foamliu/${p}`);
    const fgrUrl = await files.serveRaw(page, 'fgr.rgba', ffmpegRgba(dim('120_12081_image.png')));
    const phaUrl = await files.serveRaw(page, 'pha.rgba', ffmpegRgba(dim('120_12081_alpha.png')));
    await serveFile(page, 'bg.png', sharedMedia('bgmv2_pairs/intel_one_by_one_fixed_camera/background_plate_frame0000.png'));
    await page.route('**/__test/missing.png', (route) => route.fulfill({ status: 404, body: 'not found' }));

    const result = await page.evaluate(
      ([f, p]) => window.gpuNodes.runGraphLifecycle(f, p, 320, 320, 'bg.png'),
      [fgrUrl, phaUrl],
    );
    expect(result.errors).toEqual(['plate: file not found: "missing.png"']);
    expect(result.outputCount).toBe(8);
    // Held by the evaluator: each source's image and matte, the plate, the composite.
    expect(result.liveWhileHeld).toBe(6);
    expect(result.liveAfterDispose).toBe(0);
    expect(result.outputsDisposed).toBe(true);
    expect(await page.evaluate(() => window.gpuNodes.liveImages())).toBe(0);
  } finally {
    files.remove();
  }
});
