// A short message shown next to the mouse for a moment (why a wire was refused).

import { create } from 'zustand';

export interface CursorHint {
  text: string;
  x: number;
  y: number;
}

interface HintState {
  hint?: CursorHint;
  show(hint: CursorHint, ms?: number): void;
}

let timer: ReturnType<typeof setTimeout> | undefined;

export const useHintStore = create<HintState>()((set) => ({
  hint: undefined,
  show: (hint, ms = 3500) => {
    clearTimeout(timer);
    set({ hint });
    timer = setTimeout(() => set({ hint: undefined }), ms);
  },
}));
