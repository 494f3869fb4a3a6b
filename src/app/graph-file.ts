// New, Open, Save and the example graph opened at start. Opening parses and validates the
// file (parseGraph) and says plainly what is wrong with a bad one.

import { emptyDocument, type GraphDocument } from '../graph/document.ts';
import type { NodeRegistry } from '../graph/registry.ts';
import { parseGraph, serializeGraph } from '../graph/serialize.ts';
import { engine } from './engine.ts';
import { downloadBlob } from './files/download-blob.ts';
import { useDocumentStore } from './store/document-store.ts';
import { notify, notifyError } from './store/notice-store.ts';
import { useSelectionStore } from './store/selection-store.ts';
import { useStatusStore } from './store/status-store.ts';
import { useViewerStore } from './store/viewer-store.ts';

export const EXAMPLE_URL = '/examples/rvm-green.json';

function show(doc: GraphDocument, name: string) {
  engine().evaluator.resetAll();
  useSelectionStore.getState().clear();
  useStatusStore.getState().clearAll();
  useViewerStore.getState().patch({ target: undefined, frame: 0, frameCount: undefined, state: 'empty', message: undefined });
  useDocumentStore.getState().replace(doc, name);
}

export function newGraph(): void {
  show(emptyDocument(), 'untitled.json');
  notify('New empty graph. Add nodes from the Add node menu, or drop a video on the canvas.');
}

/** Parses `text` as a graph file; on failure shows why and keeps the current graph. */
export function openGraphText(text: string, name: string): boolean {
  try {
    const doc = parseGraph(text, engine().registry as NodeRegistry<unknown>);
    show(doc, name);
    notify(`Opened ${name}: ${doc.nodes.length} nodes, ${doc.edges.length} wires`);
    return true;
  } catch (e) {
    notifyError(`Cannot open ${name}: ${e instanceof Error ? e.message : String(e)}`);
    return false;
  }
}

export async function openGraphFile(file: File): Promise<boolean> {
  return openGraphText(await file.text(), file.name);
}

/**
 * Opens the example graph; its media paths are relative to /examples/. Skipped if the user
 * already changed the document while it was loading.
 */
export async function openExample(): Promise<void> {
  const before = useDocumentStore.getState().doc;
  try {
    const res = await fetch(EXAMPLE_URL);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const text = await res.text();
    if (useDocumentStore.getState().doc !== before) return;
    engine().services.baseUrl = new URL(EXAMPLE_URL, location.href).href;
    openGraphText(text, EXAMPLE_URL.split('/').pop()!);
  } catch (e) {
    notifyError(`Cannot load the example graph ${EXAMPLE_URL}: ${(e as Error).message}`);
  }
}

export function saveGraph(): void {
  const { doc, name } = useDocumentStore.getState();
  const fileName = name.endsWith('.json') ? name : `${name}.json`;
  downloadBlob(new Blob([serializeGraph(doc)], { type: 'application/json' }), fileName);
  notify(`Saved ${fileName}`);
}
