// The viewer's frame position and what it currently shows (clip length, progress, error).

import { create } from 'zustand';

export interface ViewerState {
  /** The node whose output is shown: follows the selection, stays when the selection clears. */
  target?: string;
  frame: number;
  /** Frames in the clip feeding the viewed node; undefined when there is no source upstream. */
  frameCount?: number;
  fps?: number;
  state: 'empty' | 'working' | 'shown' | 'error';
  message?: string;
  /** Size and kind of the picture on screen. */
  shown?: { width: number; height: number; kind: string };
  setTarget(nodeId: string | undefined): void;
  setFrame(frame: number): void;
  patch(p: Partial<Omit<ViewerState, 'setTarget' | 'setFrame' | 'patch'>>): void;
}

export const useViewerStore = create<ViewerState>()((set) => ({
  frame: 0,
  state: 'empty',
  setTarget: (target) => set({ target }),
  setFrame: (frame) => set({ frame: Math.max(0, Math.round(frame)) }),
  patch: (p) => set(p),
}));
