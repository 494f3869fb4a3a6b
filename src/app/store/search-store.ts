// The node search popup: open or not, where it shows, where the new node goes, and the wire
// the new node should take (when opened by dropping a wire on empty canvas).

import { create } from 'zustand';
import type { PortRef } from '../../graph/document.ts';

export interface SearchRequest {
  /** Screen point the popup opens at. */
  at: { x: number; y: number };
  /** Graph point the node goes to; undefined: next to the selection, or placed by category. */
  place?: { x: number; y: number };
  /** Wire the new node takes: from an existing output, or into an existing input. */
  link?: { from: PortRef } | { to: PortRef };
  /** When the selected node's outputs may feed the new node (opened with Tab, as in Nuke). */
  linkFromSelection?: boolean;
  /** Where focus goes back to on close. */
  returnFocus?: HTMLElement | null;
}

interface SearchState {
  request?: SearchRequest;
  open(request: SearchRequest): void;
  close(): void;
}

export const useSearchStore = create<SearchState>()((set, get) => ({
  request: undefined,
  open: (request) => set({ request }),
  close: () => {
    const back = get().request?.returnFocus;
    set({ request: undefined });
    if (back?.isConnected) back.focus();
  },
}));
