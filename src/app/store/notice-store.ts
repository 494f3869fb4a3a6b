// The one-line message in the status bar: what just happened, or what went wrong and why.

import { create } from 'zustand';

export type NoticeKind = 'info' | 'error';

export interface Notice {
  kind: NoticeKind;
  text: string;
  /** Increments on every notice, so the same text shown twice still re-announces. */
  seq: number;
}

interface NoticeState {
  notice?: Notice;
  show(kind: NoticeKind, text: string): void;
  clear(): void;
}

export const useNoticeStore = create<NoticeState>()((set, get) => ({
  notice: undefined,
  show: (kind, text) => set({ notice: { kind, text, seq: (get().notice?.seq ?? 0) + 1 } }),
  clear: () => set({ notice: undefined }),
}));

export const notify = (text: string) => useNoticeStore.getState().show('info', text);
export const notifyError = (text: string) => useNoticeStore.getState().show('error', text);
