// Number keys 1-9, as in Nuke: with a node selected, assign it to that viewer slot and view
// it; with nothing selected, view the node in that slot. Esc cancels an armed colour pick.

import { controlOwnsKey } from '../edit/key-targets.ts';
import type { KeyCommand } from '../edit/use-shortcuts.ts';
import { notify } from '../store/notice-store.ts';
import { useSelectionStore } from '../store/selection-store.ts';
import { useViewerStore } from '../store/viewer-store.ts';

export const viewerKeys: KeyCommand = (e) => {
  // Esc cancels a colour pick armed in the inspector.
  if (e.key === 'Escape' && useViewerStore.getState().picking) {
    useViewerStore.getState().patch({ picking: undefined });
    notify('Colour pick cancelled');
    return true;
  }
  if (e.ctrlKey || e.metaKey || e.altKey || !/^[1-9]$/.test(e.key)) return false;
  if (controlOwnsKey(document.activeElement, e.key)) return false;
  const slot = Number(e.key);
  const viewer = useViewerStore.getState();
  const selected = useSelectionStore.getState().nodeId;
  if (selected) {
    viewer.assignSlot(slot, selected);
    viewer.setTarget(selected);
    notify(`Viewer slot ${slot}: ${selected}`);
    return true;
  }
  const id = viewer.slots[slot];
  if (!id) {
    notify(`Viewer slot ${slot} is empty: select a node and press ${slot}`);
    return true;
  }
  viewer.setTarget(id);
  notify(`Viewing slot ${slot}: ${id}`);
  return true;
};
