// Live sources: nodes whose next frame is whatever they see now (a camera), not a frame of a
// file. While one feeds what the viewer shows, the viewer keeps asking for the next frame.

import type { GraphDocument } from '../../graph/document.ts';

/** Node types that are live. (A `live` flag on NodeDefinition would let nodes say so themselves.) */
const LIVE_TYPES: ReadonlySet<string> = new Set(['WebcamSource']);

/** True when a live source is one of `ids` or upstream of them (disabled nodes included: they pass it on). */
export function hasLiveSource(doc: GraphDocument, ids: readonly (string | undefined)[]): boolean {
  const seen = new Set<string>();
  const stack = ids.filter((id): id is string => !!id);
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const node = doc.nodes.find((n) => n.id === id);
    if (!node) continue;
    if (LIVE_TYPES.has(node.type)) return true;
    for (const e of doc.edges) if (e.to.node === id) stack.push(e.from.node);
  }
  return false;
}
