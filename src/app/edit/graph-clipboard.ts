// Copy, paste and duplicate of nodes. The clipboard holds a graph file (the same JSON as a
// saved graph, with the selected nodes and the wires between them), so nodes copied in one
// graph paste into another, and text editors show readable JSON. When the system clipboard is
// not reachable, an in-app clipboard keeps the copy for this tab.

import { extractFragment, fragmentOrigin, mergeFragment } from '../../graph/fragment.ts';
import type { NodeRegistry } from '../../graph/registry.ts';
import { parseGraph, serializeGraph } from '../../graph/serialize.ts';
import { engine } from '../engine.ts';
import { useDocumentStore } from '../store/document-store.ts';
import { notify, notifyError } from '../store/notice-store.ts';
import { useSelectionStore } from '../store/selection-store.ts';
import { canvasPointer } from './canvas-pointer.ts';

let inAppCopy: string | undefined;

/** Where pasted nodes go when the mouse is not over the canvas: a little below-right. */
const NUDGE = { x: 40, y: 40 };

/** The selected nodes as graph-file JSON, or undefined when nothing is selected. */
export function copySelection(): string | undefined {
  const ids = useSelectionStore.getState().nodeIds;
  if (!ids.length) return undefined;
  const text = serializeGraph(extractFragment(useDocumentStore.getState().doc, ids));
  inAppCopy = text;
  notify(`Copied ${ids.length} node${ids.length === 1 ? '' : 's'}`);
  return text;
}

/** The last copy made in this tab (used when the system clipboard gives nothing). */
export const inAppClipboard = (): string | undefined => inAppCopy;

/** True when `text` looks like something we copied (a graph file). */
export const isGraphText = (text: string | undefined): text is string =>
  !!text && /"format"\s*:\s*"mattegraph"/.test(text);

/** Pastes graph-file JSON: at the mouse when it is over the canvas, else nudged from where it was. */
export function pasteGraphText(text: string): boolean {
  let fragment;
  try {
    fragment = parseGraph(text, engine().registry as NodeRegistry<unknown>);
  } catch (e) {
    notifyError(`Cannot paste: ${e instanceof Error ? e.message : String(e)}`);
    return false;
  }
  if (!fragment.nodes.length) return false;
  const origin = fragmentOrigin(fragment);
  const at = canvasPointer()?.flow;
  const offset = at ? { x: at.x - origin.x, y: at.y - origin.y } : NUDGE;
  insert(fragment, offset, 'Pasted');
  return true;
}

/** Copies the selected nodes (and the wires between them) next to the originals. */
export function duplicateSelection(): void {
  const ids = useSelectionStore.getState().nodeIds;
  if (!ids.length) {
    notifyError('Select the nodes to duplicate first');
    return;
  }
  insert(extractFragment(useDocumentStore.getState().doc, ids), NUDGE, 'Duplicated');
}

function insert(fragment: ReturnType<typeof extractFragment>, offset: { x: number; y: number }, verb: string) {
  let ids: string[] = [];
  useDocumentStore.getState().update((doc) => {
    const merged = mergeFragment(doc, fragment, offset);
    ids = merged.ids;
    return merged.doc;
  });
  const sel = useSelectionStore.getState();
  sel.selectNode(undefined);
  sel.selectNodes(ids);
  notify(`${verb} ${ids.length} node${ids.length === 1 ? '' : 's'}: ${ids.join(', ')}`);
}
