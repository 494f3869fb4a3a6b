// What the viewer shows and how: the viewed node (A), the node compared with it (B) in the
// A/B wipe, the channel mode, zoom and pan, the number-key slots, and the state of the
// picture on screen. The frame and playback live in the timeline store.

import { create } from 'zustand';

export type ChannelMode = 'rgb' | 'r' | 'g' | 'b' | 'alpha' | 'overlay' | 'checker';

export interface ViewerState {
  /** The node whose output is shown (A): follows the selection, stays when the selection clears. */
  target?: string;
  /** The node shown right of the wipe divider (B). */
  compare?: string;
  /** The node viewed before the current one (offered as B). */
  previous?: string;
  wipe: boolean;
  /** Divider position across the picture, 0..1. */
  wipePos: number;
  channel: ChannelMode;
  /** 'fit' keeps the picture fitted to the stage; a number is screen px per picture px. */
  zoom: 'fit' | number;
  /** Picture's top-left on the stage, screen px (used when zoom is a number). */
  pan: { x: number; y: number };
  /** Number keys 1-9: node ids assigned to viewer slots. */
  slots: Readonly<Record<number, string>>;
  state: 'empty' | 'working' | 'shown' | 'error';
  message?: string;
  /** Size and kind of the picture on screen. */
  shown?: { width: number; height: number; kind: string };
  /**
   * A colour pick armed from the inspector: the viewer shows the node's input, and the next
   * click (one pixel) or drag (the rectangle's average) in it sets that colour param.
   */
  picking?: { node: string; param: string };
  /** A live source (a camera) feeds what is viewed: the viewer keeps showing its new frames. */
  live: boolean;
  setTarget(nodeId: string | undefined): void;
  patch(p: Partial<Omit<ViewerState, 'setTarget' | 'patch' | 'assignSlot'>>): void;
  assignSlot(slot: number, nodeId: string): void;
}

export const useViewerStore = create<ViewerState>()((set, get) => ({
  wipe: false,
  wipePos: 0.5,
  channel: 'rgb',
  zoom: 'fit',
  pan: { x: 0, y: 0 },
  slots: {},
  state: 'empty',
  live: false,
  setTarget: (target) => {
    const current = get().target;
    if (target === current) return;
    set({ target, previous: current ?? get().previous });
  },
  patch: (p) => set(p),
  assignSlot: (slot, nodeId) => {
    const slots = Object.fromEntries(Object.entries(get().slots).filter(([, id]) => id !== nodeId));
    set({ slots: { ...slots, [slot]: nodeId } });
  },
}));
