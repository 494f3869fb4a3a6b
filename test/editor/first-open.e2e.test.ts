// What a newcomer sees: the example graph, a short dismissible hint with the keys, the browser
// check saying plainly what will not work here, the empty canvas saying what to do, problems
// named in one status area, and controls reachable by keyboard with visible focus.

import { expect, test } from '@playwright/test';
import { nodeBox, openEditor } from './editor-page.ts';

test('first open: example, hint line, browser check, empty state, problems named, keyboard focus', async ({ page }) => {
  await openEditor(page);
  await expect(page.locator('.react-flow__node')).toHaveCount(5);
  const hint = page.getByRole('note', { name: 'Getting started' });
  await expect(hint).toContainText('Tab');
  // This Chromium runs WebGPU on SwiftShader: the check says so, and what that means.
  await expect(page.getByRole('alert', { name: 'Browser check' })).toContainText(/software adapter|WebGPU/);
  await page.screenshot({ path: '/tmp/editor-first-open.png' });

  await page.getByRole('button', { name: 'Dismiss the hint' }).click();
  await expect(hint).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('notice')).toHaveText(/Opened rvm-green\.json/);
  await expect(page.getByRole('note', { name: 'Getting started' })).toHaveCount(0); // stays dismissed

  // Keyboard: Tab from the page start reaches the toolbar's buttons with a visible focus ring.
  await page.locator('.toolbar').getByRole('button', { name: 'New' }).focus();
  await page.keyboard.press('Tab');
  const focused = page.locator(':focus');
  await expect(focused).toHaveAccessibleName(/Open/);
  const outline = await focused.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).toBe('solid');

  await page.getByRole('button', { name: 'New', exact: true }).click();
  await expect(page.getByText('Drop a video here or press Tab to add a node')).toBeVisible();
  await page.screenshot({ path: '/tmp/editor-empty.png' });
});

test('a failing node says why on the node and in the status area', async ({ page }) => {
  await page.route('/models/installed.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await openEditor(page);
  await expect(nodeBox(page, 'matte')).toContainText(/No RVM model installed/);
  const problems = page.locator('.status-line .problems');
  await expect(problems).toContainText('matte');
  await problems.click();
  await expect(page.getByRole('region', { name: 'Inspector' })).toContainText('RVM matte');
});
