// Composite in a browser started without WebGPU: the user is told why, in one line.

import { expect, test } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../support/chromium.ts';
import { openGpuNodesPage, randomMatte, randomPixels, toWire } from './gpu-test-helpers.ts';

// Without these two flags this machine's Chromium offers no WebGPU adapter (ENVIRONMENT.md).
const withoutWebGpu = chromiumArgs.filter((a) => a !== '--enable-unsafe-webgpu' && a !== '--enable-unsafe-swiftshader');
test.use({ launchOptions: { executablePath: chromiumPath, args: withoutWebGpu } });

test('Composite says it needs WebGPU and why', async ({ page }) => {
  await openGpuNodesPage(page);
  const run = page.evaluate(
    ([a, b, c]) => window.gpuNodes.runComposite(a, b, c),
    [toWire(randomPixels(8, 8, 1)), toWire(randomMatte(8, 8, 2)), toWire(randomPixels(1, 1, 3))],
  );
  await expect(run).rejects.toThrow(
    /Composite needs WebGPU: (this browser has no WebGPU \(navigator\.gpu is missing\)|WebGPU is present but no GPU adapter is available)/,
  );
  expect(await page.evaluate(() => window.gpuNodes.liveImages())).toBe(0);
});
