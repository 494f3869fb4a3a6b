// Whether a wire may go from an output port to an input port, and if not, why.

import type { GraphDocument, PortRef } from './document.ts';
import { incomingEdge } from './document.ts';
import type { NodeRegistry } from './registry.ts';

export type ConnectVerdict = { ok: true } | { ok: false; reason: string };

export function canConnect(
  doc: GraphDocument,
  registry: NodeRegistry<unknown>,
  from: PortRef,
  to: PortRef,
): ConnectVerdict {
  const src = doc.nodes.find((n) => n.id === from.node);
  const dst = doc.nodes.find((n) => n.id === to.node);
  if (!src || !dst) return { ok: false, reason: `no node "${!src ? from.node : to.node}"` };
  if (src.id === dst.id) return { ok: false, reason: 'a node cannot feed itself' };
  const srcDef = registry.get(src.type);
  const dstDef = registry.get(dst.type);
  if (!srcDef || !dstDef) return { ok: false, reason: `unknown node type "${!srcDef ? src.type : dst.type}"` };
  const out = srcDef.outputs.find((p) => p.id === from.port);
  const inp = dstDef.inputs.find((p) => p.id === to.port);
  if (!out) return { ok: false, reason: `${srcDef.label} has no output "${from.port}"` };
  if (!inp) return { ok: false, reason: `${dstDef.label} has no input "${to.port}"` };
  const outType = out.types[0];
  if (!inp.types.includes(outType)) {
    return {
      ok: false,
      reason: `type mismatch: ${srcDef.label}.${out.label} gives ${outType}, ${dstDef.label}.${inp.label} takes ${inp.types.join(' or ')}`,
    };
  }
  if (incomingEdge(doc, to)) return { ok: false, reason: `input "${inp.label}" of ${dst.id} is already connected` };
  if (reaches(doc, to.node, from.node)) {
    return { ok: false, reason: `that would make a cycle (${dst.id} already feeds ${src.id})` };
  }
  return { ok: true };
}

/** True when `start` feeds `target` through wires (or is it). */
export function reaches(doc: GraphDocument, start: string, target: string): boolean {
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length) {
    const id = stack.pop()!;
    if (id === target) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const e of doc.edges) if (e.from.node === id) stack.push(e.to.node);
  }
  return false;
}
