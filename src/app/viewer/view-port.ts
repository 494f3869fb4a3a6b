// Which port the viewer shows for a node: its first output, or for a sink (Export) the value
// arriving on its first input.

import type { GraphDocument, PortRef } from '../../graph/document.ts';
import type { NodeRegistry } from '../../graph/registry.ts';

export function viewPort(doc: GraphDocument, registry: NodeRegistry<unknown>, nodeId: string): PortRef | undefined {
  const node = doc.nodes.find((n) => n.id === nodeId);
  const def = node && registry.get(node.type);
  if (!def) return undefined;
  const port = def.outputs[0] ?? def.inputs[0];
  return port && { node: nodeId, port: port.id };
}
