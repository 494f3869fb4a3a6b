// Planner: the nodes a sink needs, in an order where every node comes after its inputs.
// Nodes that do not feed the sink are left out, so they are never evaluated.

import type { GraphDocument } from './document.ts';
import type { NodeRegistry } from './registry.ts';

export class PlanError extends Error {
  override name = 'PlanError';
  constructor(readonly nodeId: string, message: string) {
    super(message);
  }
}

export function planFor(doc: GraphDocument, registry: NodeRegistry<unknown>, sinkId: string): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, path: string[]) => {
    const mark = state.get(id);
    if (mark === 'done') return;
    if (mark === 'visiting') throw new PlanError(id, `cycle: ${[...path, id].join(' -> ')}`);
    const node = doc.nodes.find((n) => n.id === id);
    if (!node) throw new PlanError(id, `no node "${id}"`);
    const def = registry.get(node.type);
    if (!def) throw new PlanError(id, `node "${id}" has unknown type "${node.type}"`);
    state.set(id, 'visiting');
    for (const input of def.inputs) {
      const edge = doc.edges.find((e) => e.to.node === id && e.to.port === input.id);
      if (edge) visit(edge.from.node, [...path, id]);
      else if (!input.optional) throw new PlanError(id, `${id}: input "${input.label}" is not connected`);
    }
    state.set(id, 'done');
    order.push(id);
  };
  visit(sinkId, []);
  return order;
}
