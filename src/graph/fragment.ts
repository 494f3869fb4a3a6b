// Pieces of a graph for copy/paste and duplicate: cut out some nodes with the wires between
// them, and merge such a piece into a document under fresh ids, moved by an offset.

import { edgeId, freshNodeId, type GraphDocument, type GraphNode } from './document.ts';

/** The nodes `ids` and the wires running between two of them (wires to the outside are left). */
export function extractFragment(doc: GraphDocument, ids: Iterable<string>): GraphDocument {
  const keep = new Set(ids);
  return {
    nodes: doc.nodes.filter((n) => keep.has(n.id)),
    edges: doc.edges.filter((e) => keep.has(e.from.node) && keep.has(e.to.node)),
  };
}

export interface MergeResult {
  doc: GraphDocument;
  /** Ids the fragment's nodes got in `doc`, in fragment order. */
  ids: string[];
}

/** Top-left corner of the nodes' positions. */
export function fragmentOrigin(fragment: GraphDocument): { x: number; y: number } {
  if (!fragment.nodes.length) return { x: 0, y: 0 };
  return {
    x: Math.min(...fragment.nodes.map((n) => n.position.x)),
    y: Math.min(...fragment.nodes.map((n) => n.position.y)),
  };
}

/**
 * Adds a copy of `fragment` to `doc`. Node ids that are taken get a number ("matte" ->
 * "matte2"); wires follow the renamed nodes. Positions move by `offset`.
 */
export function mergeFragment(
  doc: GraphDocument,
  fragment: GraphDocument,
  offset: { x: number; y: number },
): MergeResult {
  const rename = new Map<string, string>();
  const nodes: GraphNode[] = [...doc.nodes];
  for (const n of fragment.nodes) {
    const base = n.id.replace(/\d+$/, '') || n.id;
    const id = freshNodeId({ nodes, edges: [] }, doc.nodes.some((d) => d.id === n.id) || rename.has(n.id) ? base : n.id);
    rename.set(n.id, id);
    nodes.push({
      ...n,
      id,
      params: { ...n.params },
      position: { x: n.position.x + offset.x, y: n.position.y + offset.y },
    });
  }
  const edges = [...doc.edges];
  for (const e of fragment.edges) {
    const from = { node: rename.get(e.from.node)!, port: e.from.port };
    const to = { node: rename.get(e.to.node)!, port: e.to.port };
    if (!from.node || !to.node) continue;
    edges.push({ id: edgeId(from, to), from, to });
  }
  return { doc: { nodes, edges }, ids: fragment.nodes.map((n) => rename.get(n.id)!) };
}
