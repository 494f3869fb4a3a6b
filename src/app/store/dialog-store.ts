// Which modal dialog is open (Save As), if any.

import { create } from 'zustand';

interface DialogState {
  saveAs: boolean;
  set(p: Partial<Omit<DialogState, 'set'>>): void;
}

export const useDialogStore = create<DialogState>()((set) => ({
  saveAs: false,
  set: (p) => set(p),
}));
