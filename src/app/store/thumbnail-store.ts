// Small pictures of node outputs at the current frame, shown on the nodes. The pixels live in
// a plain map (not React state); the store only counts versions so a node redraws when its
// thumbnail changes.

import { create } from 'zustand';

export interface Thumbnail {
  image: ImageData;
  frame: number;
  /** True when it was made for the frame and graph now shown. */
  current: boolean;
}

const pictures = new Map<string, Thumbnail>();

interface ThumbnailState {
  versions: Readonly<Record<string, number>>;
  put(nodeId: string, thumb: Thumbnail): void;
  /** Marks every thumbnail as not matching the current frame/graph (they dim until renewed). */
  markStale(except: ReadonlySet<string>): void;
  drop(liveIds: ReadonlySet<string>): void;
  /** Removes these nodes' pictures now (they were made with something that is gone, e.g. a removed model). */
  forget(ids: Iterable<string>): void;
}

export const thumbnailOf = (nodeId: string): Thumbnail | undefined => pictures.get(nodeId);

export const useThumbnailStore = create<ThumbnailState>()((set, get) => ({
  versions: {},
  put: (nodeId, thumb) => {
    pictures.set(nodeId, thumb);
    set({ versions: { ...get().versions, [nodeId]: (get().versions[nodeId] ?? 0) + 1 } });
  },
  markStale: (except) => {
    const versions = { ...get().versions };
    let changed = false;
    for (const [id, t] of pictures) {
      if (except.has(id) || !t.current) continue;
      pictures.set(id, { ...t, current: false });
      versions[id] = (versions[id] ?? 0) + 1;
      changed = true;
    }
    if (changed) set({ versions });
  },
  forget: (ids) => {
    const versions = { ...get().versions };
    let changed = false;
    for (const id of ids) {
      if (!pictures.delete(id)) continue;
      versions[id] = (versions[id] ?? 0) + 1;
      changed = true;
    }
    if (changed) set({ versions });
  },
  drop: (liveIds) => {
    for (const id of [...pictures.keys()]) if (!liveIds.has(id)) pictures.delete(id);
  },
}));
