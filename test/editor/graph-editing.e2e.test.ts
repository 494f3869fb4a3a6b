// Building and changing the graph with keyboard and mouse: undo/redo of mixed edits, the node
// search (Tab, typing, Enter; a wire dropped on empty canvas), copy/paste between two graphs,
// duplicate, disable, and a refused wire explained next to the mouse.

import { expect, test, type Page } from '@playwright/test';
import {
  dragNode,
  dragWire,
  nodeBox,
  openEditorWithoutModels,
  savedDocument,
  wireCount,
} from './editor-page.ts';

const search = (page: Page) => page.getByRole('combobox', { name: 'Search node types' });

async function clickWire(page: Page, from: string, to: string) {
  const a = (await nodeBox(page, from).locator('.react-flow__handle.source').first().boundingBox())!;
  const b = (await nodeBox(page, to).locator('.react-flow__handle.target').last().boundingBox())!;
  await page.mouse.click((a.x + b.x) / 2 + 4, (a.y + b.y) / 2 + 4);
}

test('undo/redo: 20 mixed edits undone return exactly to the start document, and redo replays them', async ({ page }) => {
  await openEditorWithoutModels(page);
  const start = await savedDocument(page);
  const counts = page.locator('.counts');
  const edits: string[] = [];
  const did = (what: string) => edits.push(what);

  await dragNode(page, 'plate', 0, 60); did('move plate');
  await dragNode(page, 'export', 30, -40); did('move export');
  await page.getByRole('button', { name: 'Add node' }).click();
  await search(page).fill('background');
  await page.keyboard.press('Enter'); did('add plate');
  await expect(nodeBox(page, 'backgroundPlate')).toBeVisible();
  await page.getByLabel('Colour').fill('#ff0000'); did('colour');
  await page.getByLabel('Mode').selectOption('image'); did('mode');
  await nodeBox(page, 'matte').locator('.graph-node-header').click();
  await page.getByLabel('Downsample ratio: auto').uncheck(); did('auto off');
  const slider = page.getByRole('slider', { name: 'Downsample ratio slider' });
  const box = (await slider.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
  await page.mouse.down();
  for (const f of [0.45, 0.4, 0.35, 0.3, 0.25]) await page.mouse.move(box.x + box.width * f, box.y + box.height / 2, { steps: 2 });
  await page.mouse.up(); did('slider drag');
  await expect(page.getByLabel('Downsample ratio', { exact: true })).not.toHaveValue('0.525');
  await clickWire(page, 'plate', 'composite');
  await expect(page.locator('.react-flow__edge.selected')).toHaveCount(1);
  await page.keyboard.press('Delete'); did('delete wire');
  await expect(counts).toHaveText('6 nodes · 4 wires');
  await dragWire(page, ['backgroundPlate', 'image'], ['composite', 'plate']); did('connect');
  await expect(counts).toHaveText('6 nodes · 5 wires');
  await nodeBox(page, 'matte').locator('.graph-node-header').click();
  await page.keyboard.press('d'); did('disable');
  await expect(nodeBox(page, 'matte').locator('.graph-node')).toHaveClass(/disabled/);
  await nodeBox(page, 'composite').locator('.graph-node-header').click();
  await page.keyboard.press('Control+d'); did('duplicate');
  await expect(nodeBox(page, 'composite2')).toBeVisible();
  await page.keyboard.press('Delete'); did('delete duplicate');
  await expect(nodeBox(page, 'composite2')).toHaveCount(0);
  await nodeBox(page, 'plate').locator('.graph-node-header').click();
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v'); did('paste');
  await expect(nodeBox(page, 'plate2')).toBeVisible();
  await page.keyboard.press('Tab');
  await search(page).fill('export');
  await page.keyboard.press('Enter'); did('add export wired to plate2');
  await expect(counts).toHaveText('8 nodes · 6 wires');
  await page.getByLabel('File name').fill('other.mp4'); did('type file name');
  await page.getByLabel('Bitrate', { exact: false }).first().fill('12'); did('type bitrate');
  await dragNode(page, 'export2', 0, 80); did('move export2');
  await nodeBox(page, 'source').locator('.graph-node-header').click();
  await page.keyboard.press('Backspace'); did('delete source and its wire');
  await expect(counts).toHaveText('7 nodes · 5 wires');
  await page.keyboard.press('Control+a');
  await dragNode(page, 'composite', -40, 20); did('move everything');
  await nodeBox(page, 'matte').locator('.graph-node-header').click();
  await page.keyboard.press('d'); did('enable');
  expect(edits).toHaveLength(20);

  const end = await savedDocument(page);
  expect(end).not.toEqual(start);
  for (let i = 0; i < 19; i++) await page.keyboard.press('Control+z');
  const afterNineteen = await savedDocument(page);
  expect(afterNineteen).not.toEqual(start); // every edit was its own step
  expect(afterNineteen.nodes.map((n) => n.id)).toEqual([...start.nodes.map((n) => n.id)]);
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('notice')).toHaveText(/Undone \(0 steps left to undo, 20 steps to redo\)/);
  expect(await savedDocument(page)).toEqual(start);
  // Nothing dangles: the canvas shows exactly the document's wires and nodes.
  await expect(page.locator('.react-flow__node')).toHaveCount(start.nodes.length);
  expect(await wireCount(page)).toBe(start.edges.length);
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('notice')).toHaveText('Nothing to undo.');
  await page.screenshot({ path: '/tmp/editor-undo-all.png' });

  for (let i = 0; i < 10; i++) await page.keyboard.press('Control+Shift+z');
  for (let i = 0; i < 10; i++) await page.keyboard.press('Control+y');
  expect(await savedDocument(page)).toEqual(end);
  await expect(page.getByRole('button', { name: 'Redo' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Undo' })).toBeEnabled();
});

test('node search: Tab, type, Enter adds and wires the node to the selected one; arrows choose; Escape closes', async ({ page }) => {
  await openEditorWithoutModels(page);
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await expect(page.getByText('Drop a video here or press Tab to add a node')).toBeVisible();
  await page.locator('.react-flow__pane').click({ position: { x: 200, y: 200 } });

  await page.keyboard.press('Tab');
  await expect(search(page)).toBeFocused();
  const options = page.getByRole('option');
  await expect(options.first()).toContainText('Source'); // category shown
  await page.keyboard.type('vid');
  await expect(options.first()).toContainText('Video');
  await page.screenshot({ path: '/tmp/editor-search.png' });
  await page.keyboard.press('Enter');
  await expect(nodeBox(page, 'videoSource')).toBeVisible();
  await expect(search(page)).toHaveCount(0);

  await page.keyboard.press('Tab');
  await page.keyboard.type('rvm');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.type('comp');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.type('export');
  await page.keyboard.press('Enter');
  await expect(page.locator('.counts')).toHaveText('4 nodes · 3 wires');
  const doc = await savedDocument(page);
  expect(doc.edges.map((e) => `${e.from.node}.${e.from.port}->${e.to.node}.${e.to.port}`)).toEqual([
    'videoSource.image->rvmMatte.source',
    'rvmMatte.pha->composite.pha',
    'composite.image->export.image',
  ]);

  // Escape adds nothing; arrows move the choice.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Escape');
  await expect(search(page)).toHaveCount(0);
  await expect(page.locator('.react-flow__node')).toHaveCount(4);
  await page.locator('.react-flow__pane').click({ position: { x: 40, y: 300 } });
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('option', { selected: true })).toContainText('RVM matte');
  await page.keyboard.press('Enter');
  await expect(nodeBox(page, 'rvmMatte2')).toBeVisible();
  await expect(page.locator('.counts')).toHaveText('5 nodes · 3 wires'); // nothing was selected: no wire
  await page.screenshot({ path: '/tmp/editor-search-built.png' });
});

test('a wire dropped on empty canvas offers the node types that fit it and wires the new node', async ({ page }) => {
  await openEditorWithoutModels(page);
  const handle = nodeBox(page, 'plate').locator('.react-flow__handle.source[data-handleid="image"]');
  // Nodes grow when their thumbnails arrive: wait until the handle has stopped moving.
  let last = '';
  await expect.poll(async () => {
    const box = JSON.stringify(await handle.boundingBox());
    const still = box === last;
    last = box;
    await page.waitForTimeout(300);
    return still;
  }).toBe(true);
  const h = (await handle.boundingBox())!;
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  const drop = { x: h.x + 60, y: pane.y + pane.height - 60 };
  await page.mouse.move(h.x + h.width / 2, h.y + h.height / 2);
  await page.mouse.down();
  await page.mouse.move(drop.x, drop.y, { steps: 8 });
  await page.mouse.up();
  await expect(search(page)).toBeFocused();
  await expect(page.getByText('Takes plate.Image (image)')).toBeVisible();
  const labels = await page.locator('.node-search-label').allTextContents();
  // Types with an input for a picture; no sources (they take no input). Other node types may exist.
  expect(labels).toEqual(expect.arrayContaining(['RVM matte', 'Composite', 'Export']));
  expect(labels).not.toContain('Video');
  expect(labels).toContain('Background plate'); // its optional Source input (blurred-source mode) takes a picture
  await page.screenshot({ path: '/tmp/editor-wire-drop-search.png' });
  await page.keyboard.type('export');
  await page.keyboard.press('Enter');
  await expect(nodeBox(page, 'export2')).toBeVisible();
  const doc = await savedDocument(page);
  expect(doc.edges.some((e) => e.from.node === 'plate' && e.to.node === 'export2' && e.to.port === 'image')).toBe(true);
  const placed = (await nodeBox(page, 'export2').boundingBox())!;
  expect(Math.abs(placed.x - drop.x)).toBeLessThan(40);

  // Backwards, from an input: only types with a fitting output.
  const input = nodeBox(page, 'composite').locator('.react-flow__handle.target[data-handleid="pha"]');
  const i = (await input.boundingBox())!;
  await page.mouse.move(i.x + i.width / 2, i.y + i.height / 2);
  await page.mouse.down();
  await page.mouse.move(i.x - 80, pane.y + pane.height - 40, { steps: 8 });
  await page.mouse.up();
  // The Alpha input is taken, so nothing can feed it: the search says so.
  await expect(page.getByText(/No node type matches/)).toBeVisible();
  await page.keyboard.press('Escape');

  // A refused wire: the reason shows next to the mouse while over the port, and after the drop.
  const from = nodeBox(page, 'matte').locator('.react-flow__handle.source[data-handleid="pha"]');
  const to = nodeBox(page, 'export2').locator('.react-flow__handle.target[data-handleid="image"]');
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + 5, a.y + 5);
  await page.mouse.down();
  await page.mouse.move(b.x + 5, b.y + 5, { steps: 10 });
  const hint = page.getByTestId('cursor-hint');
  await expect(hint).toHaveText(/input "Image" of export2 is already connected/);
  const hb = (await hint.boundingBox())!;
  expect(Math.abs(hb.x - (b.x + 5))).toBeLessThan(60);
  await page.screenshot({ path: '/tmp/editor-refused-hint.png' });
  await page.mouse.up();
  await expect(page.getByTestId('notice')).toHaveText(/Cannot connect: input "Image" of export2 is already connected/);
});

test('copy/paste between two graphs, through the clipboard as graph JSON', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openEditorWithoutModels(page);
  await nodeBox(page, 'plate').locator('.graph-node-header').click();
  await nodeBox(page, 'composite').locator('.graph-node-header').click({ modifiers: ['Control'] });
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(2);
  await page.keyboard.press('Control+c');
  await expect(page.getByTestId('notice')).toHaveText('Copied 2 nodes');
  const text = await page.evaluate(() => navigator.clipboard.readText());
  expect(JSON.parse(text)).toMatchObject({ format: 'mattegraph', nodes: [{ id: 'plate' }, { id: 'composite' }] });

  const other = await context.newPage();
  await openEditorWithoutModels(other);
  await other.getByRole('button', { name: 'New', exact: true }).click();
  await other.locator('.react-flow__pane').click({ position: { x: 150, y: 150 } });
  await other.keyboard.press('Control+v');
  await expect(other.locator('.react-flow__node')).toHaveCount(2);
  await expect(other.locator('.counts')).toHaveText('2 nodes · 1 wires');
  const doc = await savedDocument(other);
  expect(doc.nodes.map((n) => n.id)).toEqual(['plate', 'composite']);
  expect(doc.nodes[0].params).toMatchObject({ mode: 'color', color: '#00ff00' });
  // Pasted where the mouse was (the pane's point 150,150 is near the top-left node).
  const pasted = (await nodeBox(other, 'plate').boundingBox())!;
  const pane = (await other.locator('.react-flow__pane').boundingBox())!;
  expect(pasted.x).toBeLessThan(pane.x + 400);
  // Pasting again makes fresh ids; one undo takes the whole paste away.
  await other.keyboard.press('Control+v');
  await expect(other.locator('.counts')).toHaveText('4 nodes · 2 wires');
  await expect(nodeBox(other, 'composite2')).toBeVisible();
  await other.keyboard.press('Control+z');
  await expect(other.locator('.counts')).toHaveText('2 nodes · 1 wires');
  await other.screenshot({ path: '/tmp/editor-pasted.png' });
});

test('box select with Shift-drag, delete as one undo step, frame all with F, and the minimap', async ({ page }) => {
  await openEditorWithoutModels(page);
  const plate = (await nodeBox(page, 'plate').boundingBox())!;
  const matte = (await nodeBox(page, 'matte').boundingBox())!;
  await page.keyboard.down('Shift');
  await page.mouse.move(Math.min(plate.x, matte.x) - 20, matte.y - 20);
  await page.mouse.down();
  await page.mouse.move(Math.max(plate.x + plate.width, matte.x + matte.width) + 20, plate.y + plate.height + 20, { steps: 6 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(2);
  await page.keyboard.press('Delete');
  await expect(page.locator('.counts')).toHaveText('3 nodes · 1 wires');
  await page.keyboard.press('Control+z');
  await expect(page.locator('.counts')).toHaveText('5 nodes · 5 wires');

  // Pan the graph out of sight, then F brings it all back.
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  await page.mouse.move(pane.x + 30, pane.y + pane.height - 120);
  await page.mouse.down();
  await page.mouse.move(pane.x + pane.width - 30, pane.y + pane.height - 100, { steps: 6 });
  await page.mouse.up();
  await expect(nodeBox(page, 'export')).not.toBeInViewport();
  await page.keyboard.press('f');
  await expect(nodeBox(page, 'export')).toBeInViewport();
  await expect(nodeBox(page, 'source')).toBeInViewport();
  await expect(page.getByRole('img', { name: 'Minimap of the graph' })).toBeVisible();
});
