// Delete/Backspace on the canvas: the selected nodes (with their wires) and selected wires go
// in one undo step.

import { removeNode } from '../../graph/document.ts';
import { useDocumentStore } from '../store/document-store.ts';

export function deleteSelected(nodeIds: readonly string[], edgeIds: readonly string[]): void {
  if (!nodeIds.length && !edgeIds.length) return;
  useDocumentStore.getState().update((doc) => {
    const withoutEdges = edgeIds.length ? { ...doc, edges: doc.edges.filter((e) => !edgeIds.includes(e.id)) } : doc;
    return nodeIds.reduce(removeNode, withoutEdges);
  });
}
