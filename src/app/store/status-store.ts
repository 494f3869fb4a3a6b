// Node statuses as the evaluator reports them (state, message, facts such as EP and ms/frame),
// and what each node is doing now: working on a frame (from the evaluator's run observer), and
// how many frames it computed (a node that computed its frame and reported nothing is ready).

import { create } from 'zustand';
import type { NodeRun } from '../../graph/evaluator.ts';
import type { NodeStatus } from '../../graph/types.ts';

/** A node computing a frame now: `frame` < `forFrame` while it pre-rolls towards it. */
export interface NodeWork {
  frame: number;
  forFrame: number;
}

/** Since the graph was opened: runs started (pre-roll included) and frames finished as asked. */
export interface NodeRunCount {
  runs: number;
  results: number;
  lastResult?: number;
}

interface StatusState {
  byNode: Readonly<Record<string, NodeStatus>>;
  working: Readonly<Record<string, NodeWork>>;
  counts: Readonly<Record<string, NodeRunCount>>;
  set(nodeId: string, status: NodeStatus): void;
  /** Drops statuses of nodes that no longer exist, and errors that may no longer hold. */
  prune(liveIds: ReadonlySet<string>, clearErrors: boolean): void;
  clearAll(): void;
  /** Forgets one node's status (its problem was just fixed). */
  clear(nodeId: string): void;
  /** A run of a node started or ended (the evaluator's run observer). */
  noteRun(run: NodeRun): void;
  /** The evaluation ended: nothing is working any more. */
  settled(): void;
}

const without = <T>(rec: Readonly<Record<string, T>>, id: string): Record<string, T> => {
  const { [id]: _, ...rest } = rec;
  return rest;
};

/**
 * A node just computed the frame it was asked for: an error it reported before no longer
 * holds, nor a "working" line it reported itself (a node that reports "ready" replaces both).
 */
function afterResult(status: NodeStatus | undefined): NodeStatus | undefined {
  if (!status || status.state === 'error' || status.state === 'working') return undefined;
  return status;
}

export const useStatusStore = create<StatusState>()((set, get) => ({
  byNode: {},
  working: {},
  counts: {},
  set: (nodeId, status) => set({ byNode: { ...get().byNode, [nodeId]: status } }),
  prune: (liveIds, clearErrors) => {
    const kept = Object.entries(get().byNode).filter(
      ([id, s]) => liveIds.has(id) && !(clearErrors && s.state === 'error'),
    );
    if (kept.length !== Object.keys(get().byNode).length) set({ byNode: Object.fromEntries(kept) });
    const counts = Object.entries(get().counts).filter(([id]) => liveIds.has(id));
    if (counts.length !== Object.keys(get().counts).length) set({ counts: Object.fromEntries(counts) });
  },
  clearAll: () => set({ byNode: {}, working: {}, counts: {} }),
  clear: (nodeId) => set({ byNode: without(get().byNode, nodeId) }),
  noteRun: (run) => {
    const { byNode, working, counts } = get();
    const id = run.nodeId;
    const count = counts[id] ?? { runs: 0, results: 0 };
    if (run.phase === 'start') {
      set({ working: { ...working, [id]: { frame: run.frame, forFrame: run.forFrame } }, counts: { ...counts, [id]: { ...count, runs: count.runs + 1 } } });
      return;
    }
    if (run.phase === 'done' && run.frame !== run.forFrame) return; // still pre-rolling towards its frame
    if (run.phase !== 'done') {
      set({ working: without(working, id) });
      return;
    }
    const status = afterResult(byNode[id]);
    set({
      working: without(working, id),
      counts: { ...counts, [id]: { ...count, results: count.results + 1, lastResult: run.frame } },
      ...(status === byNode[id] ? {} : { byNode: status ? { ...byNode, [id]: status } : without(byNode, id) }),
    });
  },
  settled: () => {
    const { working, byNode } = get();
    // A "working" line a node reported for a run that was then cancelled says nothing now.
    const stale = Object.entries(byNode).filter(([, s]) => s.state === 'working').map(([id]) => id);
    if (!Object.keys(working).length && !stale.length) return;
    set({ working: {}, byNode: stale.reduce<Record<string, NodeStatus>>((b, id) => without(b, id), { ...byNode }) });
  },
}));

/** The state a node shows: working, missing input, what it reported, ready once it computed a frame, else idle. */
export function shownState(
  status: NodeStatus | undefined,
  working: boolean,
  missing: boolean,
  computed: boolean,
): 'working' | 'missing' | NodeStatus['state'] {
  if (working) return 'working';
  if (missing) return 'missing';
  if (status && status.state !== 'idle') return status.state;
  return computed ? 'ready' : 'idle';
}
