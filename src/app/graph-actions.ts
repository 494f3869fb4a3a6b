// Edits the user makes to the graph, as functions over the document store; each is one undo
// step. Connections are checked with canConnect; a refused one is not added and its reason
// is shown.

import { canConnect } from '../graph/can-connect.ts';
import {
  edgeId,
  freshNodeId,
  removeNode,
  setParam,
  type GraphDocument,
  type GraphNode,
  type PortRef,
} from '../graph/document.ts';
import type { NodeRegistry } from '../graph/registry.ts';
import type { ParamValue } from '../graph/types.ts';
import { engine } from './engine.ts';
import { placeNewNode } from './node-placement.ts';
import { useDocumentStore } from './store/document-store.ts';
import { groupFor } from './store/edit-groups.ts';
import { notify, notifyError } from './store/notice-store.ts';
import { useSelectionStore } from './store/selection-store.ts';

const registry = () => engine().registry as NodeRegistry<unknown>;
const update = (edit: (doc: GraphDocument) => GraphDocument, group?: string) =>
  useDocumentStore.getState().update(edit, group);

/** "RvmMatte" -> "rvmMatte": readable ids that match the example files' style. */
const idBase = (type: string) => type.charAt(0).toLowerCase() + type.slice(1);

/** A new node of `type` with default params, not yet in `doc`. */
export function newNode(doc: GraphDocument, type: string, position: { x: number; y: number }): GraphNode {
  const def = registry().require(type);
  return { id: freshNodeId(doc, idBase(type)), type, version: def.version, params: registry().defaultParams(type), position };
}

/**
 * Adds a node of `type` (at `position`, or placed by category) and selects it.
 * `heightOf` gives measured node heights so placement avoids overlaps.
 */
export function addNode(
  type: string,
  position?: { x: number; y: number },
  heightOf: (id: string) => number | undefined = () => undefined,
): string {
  const doc = useDocumentStore.getState().doc;
  const node = newNode(doc, type, position ?? placeNewNode(doc, registry().require(type).category, heightOf));
  update((d) => ({ ...d, nodes: [...d.nodes, node] }));
  useSelectionStore.getState().selectNode(node.id);
  return node.id;
}

/** A wire to make together with a new node: from an existing port to the new node, or back. */
export type NewNodeLink = { from: PortRef } | { to: PortRef };

/** A pair of ports that can carry a wire between an existing port and a new node: same-named ports first (err → err), else the first that fits. */
export function linkFor(doc: GraphDocument, node: GraphNode, link: NewNodeLink): { from: PortRef; to: PortRef } | undefined {
  const withNode = { ...doc, nodes: [...doc.nodes, node] };
  const def = registry().require(node.type);
  const candidates = 'from' in link
    ? def.inputs.map((p) => ({ from: link.from, to: { node: node.id, port: p.id } }))
    : def.outputs.map((p) => ({ from: { node: node.id, port: p.id }, to: link.to }));
  const fits = candidates.filter((c) => canConnect(withNode, registry(), c.from, c.to).ok);
  return fits.find((c) => c.from.port === c.to.port) ?? fits[0];
}

/**
 * Adds a node and, when `link` is given and a port fits, wires it up: one undo step.
 * Returns the new node's id.
 */
export function addNodeLinked(type: string, position: { x: number; y: number }, link?: NewNodeLink): string {
  const doc = useDocumentStore.getState().doc;
  const node = newNode(doc, type, position);
  const wire = link && linkFor(doc, node, link);
  update((d) => ({
    nodes: [...d.nodes, node],
    edges: wire ? [...d.edges, { id: edgeId(wire.from, wire.to), ...wire }] : d.edges,
  }));
  useSelectionStore.getState().selectNode(node.id);
  const label = registry().require(type).label;
  notify(wire ? `Added ${label} (${node.id}), wired ${wire.from.node}.${wire.from.port} → ${wire.to.node}.${wire.to.port}` : `Added ${label} (${node.id})`);
  return node.id;
}

/** Connects an output to an input if canConnect allows it; otherwise shows why not. */
export function connect(from: PortRef, to: PortRef): boolean {
  const doc = useDocumentStore.getState().doc;
  const verdict = canConnect(doc, registry(), from, to);
  if (!verdict.ok) {
    notifyError(`Cannot connect: ${verdict.reason}`);
    return false;
  }
  update((d) => ({ ...d, edges: [...d.edges, { id: edgeId(from, to), from, to }] }));
  notify(`Connected ${from.node}.${from.port} → ${to.node}.${to.port}`);
  return true;
}

export function removeNodes(ids: readonly string[]): void {
  if (!ids.length) return;
  update((d) => ids.reduce(removeNode, d));
}

export function removeEdges(ids: readonly string[]): void {
  if (!ids.length) return;
  update((d) => ({ ...d, edges: d.edges.filter((e) => !ids.includes(e.id)) }));
  useSelectionStore.getState().setEdges([]);
}

/** Moves nodes; during a drag all moves are one undo step. */
export function moveNodes(moves: ReadonlyMap<string, { x: number; y: number }>): void {
  if (!moves.size) return;
  update((d) => ({ ...d, nodes: d.nodes.map((n) => (moves.has(n.id) ? { ...n, position: moves.get(n.id)! } : n)) }), groupFor());
}

export function setNodeParam(nodeId: string, key: string, value: ParamValue): void {
  update(
    (d) => (d.nodes.find((n) => n.id === nodeId)?.params[key] === value ? d : setParam(d, nodeId, key, value)),
    groupFor(`param:${nodeId}.${key}`),
  );
}

/** Disables the nodes (they pass their main input through) or, if all are disabled, enables them. */
export function toggleDisabled(ids: readonly string[]): void {
  const doc = useDocumentStore.getState().doc;
  const targets = doc.nodes.filter((n) => ids.includes(n.id));
  if (!targets.length) return;
  const disable = targets.some((n) => !n.disabled);
  update((d) => ({
    ...d,
    nodes: d.nodes.map((n) => {
      if (!ids.includes(n.id)) return n;
      const { disabled: _, ...rest } = n;
      return disable ? { ...rest, disabled: true } : rest;
    }),
  }));
  notify(`${disable ? 'Disabled' : 'Enabled'} ${targets.map((n) => n.id).join(', ')}${disable ? ': passes its main input through' : ''}`);
}
