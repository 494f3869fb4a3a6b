// Progress of the running export (frame n of N), shown in the toolbar with a Cancel button.

import { create } from 'zustand';

export interface ExportProgress {
  nodeId: string;
  /** Frames finished so far, and the total. */
  done: number;
  total?: number;
}

interface ExportState {
  running?: ExportProgress;
  cancel?: () => void;
  start(nodeId: string, cancel: () => void): void;
  progress(done: number, total?: number): void;
  finish(): void;
}

export const useExportStore = create<ExportState>()((set, get) => ({
  running: undefined,
  cancel: undefined,
  start: (nodeId, cancel) => set({ running: { nodeId, done: 0 }, cancel }),
  progress: (done, total) => {
    const r = get().running;
    if (r) set({ running: { ...r, done, total: total ?? r.total } });
  },
  finish: () => set({ running: undefined, cancel: undefined }),
}));
