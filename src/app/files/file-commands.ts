// File commands reachable from keys as well as the toolbar: the toolbar registers its hidden
// "open graph" picker here.

import { useDialogStore } from '../store/dialog-store.ts';

let openPicker: (() => void) | undefined;

export function registerOpenPicker(fn: (() => void) | undefined): void {
  openPicker = fn;
}

export const openGraphPicker = (): void => openPicker?.();

export const askSaveAs = (): void => useDialogStore.getState().set({ saveAs: true });
