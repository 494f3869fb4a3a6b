// Node statuses as the evaluator reports them (state, message, facts such as EP and ms/frame).

import { create } from 'zustand';
import type { NodeStatus } from '../../graph/types.ts';

interface StatusState {
  byNode: Readonly<Record<string, NodeStatus>>;
  set(nodeId: string, status: NodeStatus): void;
  /** Drops statuses of nodes that no longer exist, and errors that may no longer hold. */
  prune(liveIds: ReadonlySet<string>, clearErrors: boolean): void;
  clearAll(): void;
  /** Forgets one node's status (its problem was just fixed). */
  clear(nodeId: string): void;
}

export const useStatusStore = create<StatusState>()((set, get) => ({
  byNode: {},
  set: (nodeId, status) => set({ byNode: { ...get().byNode, [nodeId]: status } }),
  prune: (liveIds, clearErrors) => {
    const kept = Object.entries(get().byNode).filter(
      ([id, s]) => liveIds.has(id) && !(clearErrors && s.state === 'error'),
    );
    if (kept.length !== Object.keys(get().byNode).length) set({ byNode: Object.fromEntries(kept) });
  },
  clearAll: () => set({ byNode: {} }),
  clear: (nodeId) => {
    const { [nodeId]: _, ...rest } = get().byNode;
    set({ byNode: rest });
  },
}));
