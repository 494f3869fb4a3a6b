// What the user has selected on the canvas. The viewer and inspector follow the selected node.

import { create } from 'zustand';

interface SelectionState {
  nodeId?: string;
  edgeIds: readonly string[];
  selectNode(id: string | undefined): void;
  setEdges(ids: readonly string[]): void;
  clear(): void;
}

export const useSelectionStore = create<SelectionState>()((set) => ({
  nodeId: undefined,
  edgeIds: [],
  selectNode: (nodeId) => set({ nodeId, edgeIds: [] }),
  setEdges: (edgeIds) => set({ edgeIds }),
  clear: () => set({ nodeId: undefined, edgeIds: [] }),
}));
