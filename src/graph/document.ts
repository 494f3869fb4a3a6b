// The graph document: nodes with params and positions, and edges between ports.
// Immutable-style helpers; the app store and the CLI both hold one of these.

import type { Params } from './types.ts';

export interface GraphNode {
  id: string;
  type: string;
  /** Version of the node type the params were written for. */
  version: number;
  params: Params;
  position: { x: number; y: number };
  /** A disabled node passes its main input through instead of evaluating (optional in files). */
  disabled?: boolean;
}

export interface PortRef {
  node: string;
  port: string;
}

export interface GraphEdge {
  id: string;
  from: PortRef;
  to: PortRef;
}

export interface GraphDocument {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export const emptyDocument = (): GraphDocument => ({ nodes: [], edges: [] });

export function findNode(doc: GraphDocument, id: string): GraphNode | undefined {
  return doc.nodes.find((n) => n.id === id);
}

export function edgeId(from: PortRef, to: PortRef): string {
  return `${from.node}.${from.port}->${to.node}.${to.port}`;
}

/** The edge feeding an input port, if any (an input takes at most one wire). */
export function incomingEdge(doc: GraphDocument, to: PortRef): GraphEdge | undefined {
  return doc.edges.find((e) => e.to.node === to.node && e.to.port === to.port);
}

/** A node id not yet used in the document, derived from a base name ("matte", "matte2", ...). */
export function freshNodeId(doc: GraphDocument, base: string): string {
  const taken = new Set(doc.nodes.map((n) => n.id));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}${i}`)) return `${base}${i}`;
}

export function setParam(doc: GraphDocument, nodeId: string, key: string, value: Params[string]): GraphDocument {
  return {
    ...doc,
    nodes: doc.nodes.map((n) => (n.id === nodeId ? { ...n, params: { ...n.params, [key]: value } } : n)),
  };
}

export function removeNode(doc: GraphDocument, nodeId: string): GraphDocument {
  return {
    nodes: doc.nodes.filter((n) => n.id !== nodeId),
    edges: doc.edges.filter((e) => e.from.node !== nodeId && e.to.node !== nodeId),
  };
}
