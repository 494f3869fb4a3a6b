// Edits the user makes to the graph, as functions over the document store. Connections are
// checked with canConnect; a refused one is not added and its reason is shown.

import { canConnect } from '../graph/can-connect.ts';
import {
  edgeId,
  freshNodeId,
  removeNode,
  setParam,
  type GraphDocument,
  type PortRef,
} from '../graph/document.ts';
import type { NodeRegistry } from '../graph/registry.ts';
import type { ParamValue } from '../graph/types.ts';
import { engine } from './engine.ts';
import { placeNewNode } from './node-placement.ts';
import { useDocumentStore } from './store/document-store.ts';
import { notify, notifyError } from './store/notice-store.ts';
import { useSelectionStore } from './store/selection-store.ts';

const registry = () => engine().registry as NodeRegistry<unknown>;
const update = (edit: (doc: GraphDocument) => GraphDocument) => useDocumentStore.getState().update(edit);

/** "RvmMatte" -> "rvmMatte": readable ids that match the example files' style. */
const idBase = (type: string) => type.charAt(0).toLowerCase() + type.slice(1);

/**
 * Adds a node of `type` (at `position`, or placed by category) and selects it.
 * `heightOf` gives measured node heights so placement avoids overlaps.
 */
export function addNode(
  type: string,
  position?: { x: number; y: number },
  heightOf: (id: string) => number | undefined = () => undefined,
): string {
  const def = registry().require(type);
  const doc = useDocumentStore.getState().doc;
  const id = freshNodeId(doc, idBase(type));
  const node = {
    id,
    type,
    version: def.version,
    params: registry().defaultParams(type),
    position: position ?? placeNewNode(doc, def.category, heightOf),
  };
  update((d) => ({ ...d, nodes: [...d.nodes, node] }));
  useSelectionStore.getState().selectNode(id);
  return id;
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
  const sel = useSelectionStore.getState();
  if (sel.nodeId && ids.includes(sel.nodeId)) sel.clear();
}

export function removeEdges(ids: readonly string[]): void {
  if (!ids.length) return;
  update((d) => ({ ...d, edges: d.edges.filter((e) => !ids.includes(e.id)) }));
  useSelectionStore.getState().setEdges([]);
}

export function moveNode(id: string, position: { x: number; y: number }): void {
  update((d) => ({ ...d, nodes: d.nodes.map((n) => (n.id === id ? { ...n, position } : n)) }));
}

export function setNodeParam(nodeId: string, key: string, value: ParamValue): void {
  update((d) => (d.nodes.find((n) => n.id === nodeId)?.params[key] === value ? d : setParam(d, nodeId, key, value)));
}
