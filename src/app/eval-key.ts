// A key for "what the evaluator would compute": node types, params and wires, not positions.
// Moving a node changes the document but not this key, so the viewer does not re-render.

import type { GraphDocument } from '../graph/document.ts';

export function evalKey(doc: GraphDocument): string {
  const nodes = doc.nodes.map((n) => [n.id, n.type, n.params, n.disabled ?? false]);
  const edges = doc.edges.map((e) => e.id).sort();
  return JSON.stringify([nodes, edges]);
}
