// The media the graph refers to: a counter that changes when the user gives us a file (so
// pictures cached for older bytes are not shown again), and which file params name a file
// that cannot be found (the node asks for it: relink).

import { create } from 'zustand';

export interface MissingMedia {
  param: string;
  name: string;
}

interface MediaState {
  epoch: number;
  /** Missing files by node id. */
  missing: Readonly<Record<string, MissingMedia>>;
  bump(): void;
  setMissing(missing: Record<string, MissingMedia>): void;
}

export const useMediaStore = create<MediaState>()((set, get) => ({
  epoch: 0,
  missing: {},
  bump: () => set({ epoch: get().epoch + 1 }),
  setMissing: (missing) => set({ missing }),
}));
