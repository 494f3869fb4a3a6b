// Which colour a viewer pick sets, and from which picture: a matte node's `color` param (a
// Color Key's screen colour) is picked from the image arriving at the node's first image
// input, so the sample is of the source, never of the node's own output.

import type { GraphDocument, PortRef } from '../../graph/document.ts';
import type { NodeRegistry } from '../../graph/registry.ts';

export interface PickTarget {
  node: string;
  param: string;
  /** The param's label, for messages. */
  label: string;
  /** Where the sample comes from: the output wired into the node's image input. */
  source: PortRef;
}

/** Why a node's colour cannot be picked now, or undefined when it can. */
export function pickBlocker(doc: GraphDocument, registry: NodeRegistry<unknown>, nodeId: string): string | undefined {
  const node = doc.nodes.find((n) => n.id === nodeId);
  const def = node && registry.get(node.type);
  const input = def?.inputs.find((p) => p.types.includes('image'));
  if (!def || !input) return 'this node has no image to pick from';
  return sourceOf(doc, registry, nodeId) ? undefined : `connect an image to its ${input.label} input to pick from it`;
}

/** The picture a pick for `nodeId` samples: the first wired image input's source. */
function sourceOf(doc: GraphDocument, registry: NodeRegistry<unknown>, nodeId: string): PortRef | undefined {
  const node = doc.nodes.find((n) => n.id === nodeId);
  const def = node && registry.get(node.type);
  for (const input of def?.inputs ?? []) {
    if (!input.types.includes('image')) continue;
    const edge = doc.edges.find((e) => e.to.node === nodeId && e.to.port === input.id);
    const from = edge && doc.nodes.find((n) => n.id === edge.from.node);
    const type = from && registry.get(from.type)?.outputs.find((p) => p.id === edge.from.port)?.types[0];
    if (edge && type === 'image') return edge.from;
  }
  return undefined;
}

/**
 * Node types whose colour params are picked from their input: mattes (keyers) with an image
 * input, whose colour names a colour in that picture. (A plate's fill colour is not one.)
 */
export function hasPickableColour(registry: NodeRegistry<unknown>, type: string): boolean {
  const def = registry.get(type);
  return !!def && def.category === 'Matte' && def.inputs.some((p) => p.types.includes('image'))
    && Object.values(def.params).some((p) => p.kind === 'color');
}

/** The pick target for `param` of `nodeId` (its first colour param when not given), if it can be picked now. */
export function pickTargetFor(
  doc: GraphDocument,
  registry: NodeRegistry<unknown>,
  nodeId: string | undefined,
  param?: string,
): PickTarget | undefined {
  const node = nodeId ? doc.nodes.find((n) => n.id === nodeId) : undefined;
  const def = node && registry.get(node.type);
  if (!node || !def || !hasPickableColour(registry, node.type)) return undefined;
  const key = param ?? Object.entries(def.params).find(([, p]) => p.kind === 'color')?.[0];
  const spec = key ? def.params[key] : undefined;
  const source = sourceOf(doc, registry, node.id);
  if (!key || spec?.kind !== 'color' || !source) return undefined;
  return { node: node.id, param: key, label: spec.label, source };
}
