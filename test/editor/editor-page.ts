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

/** Adds a node with the toolbar's "Add node" button: search by its label and click it. */
export async function addNodeFromMenu(page: Page, label: string): Promise<void> {
  await page.getByRole('button', { name: 'Add node' }).click();
  await page.getByRole('combobox', { name: 'Search node types' }).fill(label);
  await page.getByRole('option').filter({ has: page.locator('.node-search-label', { hasText: new RegExp(`^${label}$`) }) }).click();
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

/** The document as Save (Ctrl+S) writes it, parsed. */
export async function savedDocument(page: Page): Promise<{ nodes: { id: string; disabled?: boolean; params: Record<string, unknown>; position: { x: number; y: number } }[]; edges: { from: { node: string; port: string }; to: { node: string; port: string } }[] }> {
  const download = page.waitForEvent('download');
  await page.keyboard.press('Control+s');
  const file = await download;
  const path = await file.path();
  const { readFileSync } = await import('node:fs');
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** Drags a node by its header by (dx, dy) screen pixels. */
export async function dragNode(page: Page, id: string, dx: number, dy: number): Promise<void> {
  const box = (await nodeBox(page, id).locator('.graph-node-header').boundingBox())!;
  const x = box.x + box.width / 2 - 20;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx / 2, y + dy / 2, { steps: 4 });
  await page.mouse.move(x + dx, y + dy, { steps: 4 });
  await page.mouse.up();
}

/** Opens the example with no models installed: RVM fails at once, so tests stay light. */
export async function openEditorWithoutModels(page: Page): Promise<void> {
  await page.route('/models/installed.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await openEditor(page);
}

/**
 * Opens a graph file through the Open… picker. Media it names as `__test/<name>` resolve
 * under /examples/ (the base of the example opened first) and are answered from `media`.
 */
export async function openGraphWithMedia(page: Page, graphPath: string, media: Record<string, string>): Promise<void> {
  for (const [name, path] of Object.entries(media)) {
    await page.route(`/examples/__test/${name}`, (route) => route.fulfill({ path, contentType: 'video/mp4' }));
  }
  await pickFile(page, () => page.getByRole('button', { name: 'Open…' }).click(), graphPath);
}

/** The viewer canvas's pixels (what the user sees, before scaling to the screen). */
export async function viewerPixels(page: Page): Promise<{ width: number; height: number; data: number[] }> {
  return page.evaluate(() => {
    const c = document.querySelector<HTMLCanvasElement>('.viewer-canvas')!;
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
    return { width: d.width, height: d.height, data: [...d.data] };
  });
}

export const pixelAt = (p: { width: number; data: number[] }, x: number, y: number) => {
  const o = (y * p.width + x) * 4;
  return p.data.slice(o, o + 3);
};

/** Waits until the viewer shows `node` at `frame` (not working any more). */
export async function viewerShows(page: Page, text: RegExp): Promise<void> {
  await expect(page.getByTestId('viewer-info')).toHaveText(text, { timeout: 120_000 });
}

/** Graph file text for tests. */
/** A node of a graph file at (x, y). */
export const graphNode = (id: string, type: string, x: number, y: number, params: Record<string, unknown> = {}) =>
  ({ id, type, version: 1, position: { x, y }, params });

/** source → RVM matte → composite over a blue plate, the source being `__test/NAME`. */
export function matteOverBlueGraph(name: string): string {
  return graphFile(
    [
      graphNode('source', 'VideoSource', 0, 100, { file: `__test/${name}` }),
      graphNode('matte', 'RvmMatte', 260, 0),
      graphNode('plate', 'BackgroundPlate', 260, 260, { color: '#0000ff' }),
      graphNode('composite', 'Composite', 520, 100),
    ],
    [['source', 'image', 'matte', 'source'], ['source', 'image', 'composite', 'fgr'], ['matte', 'pha', 'composite', 'pha'],
      ['plate', 'image', 'composite', 'plate']],
  );
}

export function graphFile(nodes: unknown[], edges: [string, string, string, string][]): string {
  return JSON.stringify({
    format: 'mattegraph',
    version: 1,
    nodes,
    edges: edges.map(([a, ap, b, bp]) => ({ from: { node: a, port: ap }, to: { node: b, port: bp } })),
  });
}
