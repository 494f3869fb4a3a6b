// New, Open, Save, Save As, the examples, and restoring an autosaved session. Opening parses
// and validates the file (parseGraph) and says plainly what is wrong with a bad one.

import { emptyDocument, type GraphDocument } from '../graph/document.ts';
import type { NodeRegistry } from '../graph/registry.ts';
import { parseGraph, serializeGraph } from '../graph/serialize.ts';
import { engine } from './engine.ts';
import { downloadBlob } from './files/download-blob.ts';
import { graphFileName } from './files/graph-file-name.ts';
import { useDocumentStore } from './store/document-store.ts';
import { notify, notifyError } from './store/notice-store.ts';
import { useSelectionStore } from './store/selection-store.ts';
import { useStatusStore } from './store/status-store.ts';
import { useThumbnailStore } from './store/thumbnail-store.ts';
import { useTimelineStore } from './store/timeline-store.ts';
import { useViewerStore } from './store/viewer-store.ts';

export const EXAMPLES_URL = '/examples/';
export const FIRST_EXAMPLE = 'rvm-green.json';

/** Shows `doc` as a freshly opened graph: selection, statuses, viewer and timeline start over. */
export function showDocument(doc: GraphDocument, name: string): void {
  engine().evaluator.resetAll();
  useSelectionStore.getState().clear();
  useStatusStore.getState().clearAll();
  useThumbnailStore.getState().drop(new Set());
  // The viewer starts on the graph's result (its sink), so an opened graph shows something.
  const sink = doc.nodes.find((n) => engine().registry.get(n.type)?.sink);
  useViewerStore.getState().patch({ target: sink?.id, compare: undefined, previous: undefined, wipe: false, slots: {}, state: 'empty', message: undefined });
  useTimelineStore.getState().patch({ frame: 0, frameCount: undefined, inPoint: undefined, outPoint: undefined, speed: 0 });
  useDocumentStore.getState().replace(doc, name);
}

export function newGraph(): void {
  showDocument(emptyDocument(), 'untitled.mattegraph.json');
  notify('New empty graph. Press Tab to add a node, or drop a video on the canvas.');
}

/** Parses `text` as a graph file; on failure shows why and keeps the current graph. */
export function openGraphText(text: string, name: string): boolean {
  try {
    const doc = parseGraph(text, engine().registry as NodeRegistry<unknown>);
    showDocument(doc, name);
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
 * Opens an example from examples/; its media paths are relative to that folder. With
 * `unlessEdited`, skipped if the user changed the document while it was loading.
 */
export async function openExample(file = FIRST_EXAMPLE, unlessEdited = false): Promise<boolean> {
  const before = useDocumentStore.getState().doc;
  const url = new URL(`${EXAMPLES_URL}${file}`, location.href).href;
  try {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const text = await res.text();
    if (unlessEdited && useDocumentStore.getState().doc !== before) return false;
    engine().services.baseUrl = url;
    return openGraphText(text, file);
  } catch (e) {
    notifyError(`Cannot load the example ${file}: ${(e as Error).message}`);
    return false;
  }
}

export function saveGraph(): void {
  const { doc, name } = useDocumentStore.getState();
  const fileName = graphFileName(name);
  useDocumentStore.getState().rename(fileName);
  downloadBlob(new Blob([serializeGraph(doc)], { type: 'application/json' }), fileName);
  notify(`Saved ${fileName}`);
}

/** Save As: the graph under a new name (the Save As dialog asks for it). */
export function saveGraphAs(name: string): void {
  useDocumentStore.getState().rename(graphFileName(name));
  saveGraph();
}
