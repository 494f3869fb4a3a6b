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

/**
 * The picture a matte was pulled from, for the overlay and checker modes: for a port carrying a
 * matte, the wire into its node's first connected image input. Undefined for images.
 */
export function colourSourceFor(doc: GraphDocument, registry: NodeRegistry<unknown>, port: PortRef): PortRef | undefined {
  let at: PortRef | undefined = port;
  const node = doc.nodes.find((n) => n.id === port.node);
  const def = node && registry.get(node.type);
  if (!def) return undefined;
  if (!def.outputs.some((p) => p.id === port.port)) {
    // A sink shows what arrives at its input: look at the output feeding it.
    at = doc.edges.find((e) => e.to.node === port.node && e.to.port === port.port)?.from;
    if (!at) return undefined;
  }
  const producer = doc.nodes.find((n) => n.id === at.node);
  const pdef = producer && registry.get(producer.type);
  if (pdef?.outputs.find((p) => p.id === at.port)?.types[0] !== 'matte') return undefined;
  for (const input of pdef.inputs) {
    if (!input.types.includes('image')) continue;
    const edge = doc.edges.find((e) => e.to.node === at.node && e.to.port === input.id);
    const src = edge && doc.nodes.find((n) => n.id === edge.from.node);
    const type = src && registry.get(src.type)?.outputs.find((p) => p.id === edge.from.port)?.types[0];
    if (edge && type === 'image') return edge.from;
  }
  return undefined;
}
