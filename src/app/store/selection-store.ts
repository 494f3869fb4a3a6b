// What the user has selected on the canvas: nodes (one of them primary: the inspector and the
// viewer follow it) and wires.

import { create } from 'zustand';

interface SelectionState {
  /** Every selected node, in selection order. */
  nodeIds: readonly string[];
  /** The primary selected node: the last one selected. */
  nodeId?: string;
  edgeIds: readonly string[];
  /** Selects one node only (or nothing). */
  selectNode(id: string | undefined): void;
  /** Selects these nodes; the last one is primary unless the current primary is among them. */
  selectNodes(ids: readonly string[]): void;
  setEdges(ids: readonly string[]): void;
  /** Forgets selected things that no longer exist. */
  keepOnly(liveNodes: ReadonlySet<string>, liveEdges: ReadonlySet<string>): void;
  clear(): void;
}

export const useSelectionStore = create<SelectionState>()((set, get) => ({
  nodeIds: [],
  nodeId: undefined,
  edgeIds: [],
  selectNode: (nodeId) => set({ nodeId, nodeIds: nodeId ? [nodeId] : [], edgeIds: [] }),
  selectNodes: (ids) => {
    const current = get().nodeId;
    const nodeId = current && ids.includes(current) ? current : ids[ids.length - 1];
    set({ nodeIds: [...ids], nodeId });
  },
  setEdges: (edgeIds) => set({ edgeIds }),
  keepOnly: (liveNodes, liveEdges) => {
    const { nodeIds, edgeIds, nodeId } = get();
    const nodes = nodeIds.filter((id) => liveNodes.has(id));
    const edges = edgeIds.filter((id) => liveEdges.has(id));
    if (nodes.length === nodeIds.length && edges.length === edgeIds.length) return;
    set({
      nodeIds: nodes,
      edgeIds: edges,
      nodeId: nodeId && liveNodes.has(nodeId) ? nodeId : nodes[nodes.length - 1],
    });
  },
  clear: () => set({ nodeId: undefined, nodeIds: [], edgeIds: [] }),
}));
