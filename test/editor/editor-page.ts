// What an editor test does with its hands: open the editor, use the menus, drag wires between
// handles with the mouse, pick files in file choosers. Shared by the editor e2e tests.

import { expect, type Page } from '@playwright/test';

/**
 * Opens the editor. The HMR socket is answered locally: other work saving files on the shared
 * dev server must not reload the page in the middle of a test.
 */
export async function openEditor(page: Page): Promise<void> {
  await page.routeWebSocket(/\/(\?token=|@vite)/, () => {});
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/');
  // First open shows the example graph.
  await expect(page.getByTestId('notice')).toHaveText(/Opened rvm-green\.json: 5 nodes, 5 wires/);
}

export const nodeBox = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

export const wireCount = (page: Page) => page.locator('.react-flow__edge').count();

export async function addNodeFromMenu(page: Page, label: string): Promise<void> {
  await page.getByRole('button', { name: 'Add node' }).click();
  await page.getByRole('menuitem', { name: label, exact: true }).click();
}

/** Centre of a handle once it stopped moving (the canvas may still be fitting the view). */
async function handleCentre(page: Page, node: string, port: string, side: 'source' | 'target') {
  const handle = nodeBox(page, node).locator(`.react-flow__handle.${side}[data-handleid="${port}"]`);
  await expect(handle).toBeVisible();
  let last = '';
  await expect
    .poll(async () => {
      const now = JSON.stringify(await handle.boundingBox());
      const settled = now === last;
      last = now;
      return settled;
    }, { intervals: [100] })
    .toBe(true);
  const box = JSON.parse(last) as { x: number; y: number; width: number; height: number };
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Drags a wire with the mouse from an output handle to an input handle. */
export async function dragWire(page: Page, from: [string, string], to: [string, string]): Promise<void> {
  const a = await handleCentre(page, from[0], from[1], 'source');
  const b = await handleCentre(page, to[0], to[1], 'target');
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2 + 20, { steps: 6 });
  await page.mouse.move(b.x, b.y, { steps: 6 });
  await page.mouse.up();
}

/** Clicks a button that opens a file chooser and picks `path` in it. */
export async function pickFile(page: Page, click: () => Promise<void>, path: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await click();
  await (await chooser).setFiles(path);
}

/**
 * Drops a local file on the canvas at a point (client coordinates), as a user dragging it from
 * the desktop would: the page fetches it from a same-origin test URL and dispatches the drop
 * on whatever element is at that point.
 */
export async function dropFile(page: Page, path: string, name: string, type: string, at: { x: number; y: number }) {
  const url = `/__test/drop/${encodeURIComponent(name)}`;
  await page.route(url, (route) => route.fulfill({ path, contentType: type }));
  await page.evaluate(
    async ({ url, name, type, at }) => {
      const blob = await (await fetch(url)).blob();
      const data = new DataTransfer();
      data.items.add(new File([blob], name, { type }));
      const target = document.elementFromPoint(at.x, at.y)!;
      const init = { dataTransfer: data, clientX: at.x, clientY: at.y, bubbles: true, cancelable: true };
      target.dispatchEvent(new DragEvent('dragover', init));
      target.dispatchEvent(new DragEvent('drop', init));
    },
    { url, name, type, at },
  );
}

export async function centreOf(page: Page, selector: string) {
  const box = (await page.locator(selector).first().boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}
