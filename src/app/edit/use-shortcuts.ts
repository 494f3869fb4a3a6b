// The editor's keyboard shortcuts, in one place (listed in the help line and the README).
// Keys typed into a text field, or that a focused control uses itself, are left alone.

import { useEffect } from 'react';
import { duplicateSelection, copySelection, inAppClipboard, isGraphText, pasteGraphText } from './graph-clipboard.ts';
import { frameAll } from './canvas-view.ts';
import { redoEdit, undoEdit } from './history-commands.ts';
import { controlOwnsKey, isTextEntry } from './key-targets.ts';
import { openNodeSearch } from './open-search.ts';
import { toggleDisabled } from '../graph-actions.ts';
import { saveGraph } from '../graph-file.ts';
import { askSaveAs, openGraphPicker } from '../files/file-commands.ts';
import { useDocumentStore } from '../store/document-store.ts';
import { useSearchStore } from '../store/search-store.ts';
import { useSelectionStore } from '../store/selection-store.ts';
import { deleteSelected } from '../canvas/delete-selected.ts';
import { timelineKeys } from '../timeline/timeline-keys.ts';
import { viewerKeys } from '../viewer/viewer-keys.ts';

/** Extra single-key commands other parts of the editor add (viewer, timeline, files). */
export type KeyCommand = (e: KeyboardEvent) => boolean;
const extra: KeyCommand[] = [viewerKeys, timelineKeys];

export function addKeyCommand(command: KeyCommand): () => void {
  extra.push(command);
  return () => {
    const i = extra.indexOf(command);
    if (i >= 0) extra.splice(i, 1);
  };
}

/** A control reached with the keyboard: Tab moves on from it, even over the canvas. */
const keyboardOnControl = (el: Element) => el.matches('button, input, select, textarea, a[href]') && el.matches(':focus-visible');

/** Tab searches over the canvas (as in Nuke), except from a control there reached by Tab (zoom buttons, Relink…). */
const inCanvasOrNowhere = (el: Element | null) =>
  !el || el === document.body || (!!el.closest('.canvas') && !keyboardOnControl(el));

function onKeyDown(e: KeyboardEvent): void {
  if (e.defaultPrevented || useSearchStore.getState().request) return;
  const focused = document.activeElement;
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  // Handled keys stop here (capture phase): React Flow must not also move nodes with arrows.
  const run = (fn: () => void) => {
    e.preventDefault();
    e.stopPropagation();
    fn();
  };
  if (mod && !e.altKey) {
    if (isTextEntry(focused) && ['z', 'y', 'a', 'c', 'v', 'x'].includes(key)) return;
    if (key === 'z') return run(e.shiftKey ? redoEdit : undoEdit);
    if (key === 'y') return run(redoEdit);
    if (key === 'd') return run(duplicateSelection);
    if (key === 's') return run(e.shiftKey ? askSaveAs : saveGraph);
    if (key === 'o') return run(openGraphPicker);
    if (key === 'a') {
      return run(() => useSelectionStore.getState().selectNodes(useDocumentStore.getState().doc.nodes.map((n) => n.id)));
    }
  }
  if (e.key === 'Tab' && !mod && !e.altKey && !e.shiftKey && inCanvasOrNowhere(focused)) {
    return run(() => openNodeSearch());
  }
  for (const command of extra) {
    if (command(e)) {
      e.preventDefault();
      e.stopPropagation();
      return;
    }
  }
  if (mod || e.altKey || controlOwnsKey(focused, e.key)) return;
  if (key === 'd') return run(() => toggleDisabled(useSelectionStore.getState().nodeIds));
  if (key === 'f') return run(frameAll);
}

/** Copy/cut/paste events: nodes go to the clipboard as graph JSON unless a text field has focus. */
function onCopy(e: ClipboardEvent, cut: boolean): void {
  if (isTextEntry(document.activeElement) || String(window.getSelection() ?? '') !== '') return;
  const text = copySelection();
  if (!text) return;
  e.clipboardData?.setData('text/plain', text);
  e.preventDefault();
  if (cut) {
    const sel = useSelectionStore.getState();
    deleteSelected(sel.nodeIds, []);
  }
}

function onPaste(e: ClipboardEvent): void {
  if (isTextEntry(document.activeElement)) return;
  const fromSystem = e.clipboardData?.getData('text/plain');
  const text = isGraphText(fromSystem) ? fromSystem : inAppClipboard();
  if (!text) return;
  e.preventDefault();
  pasteGraphText(text);
}

/**
 * Toolbar, viewer and timeline buttons do not take focus from a mouse click (as in desktop
 * editors): the keys keep working on the canvas after clicking "Alpha" or "Play".
 */
function keepFocusOnClick(e: MouseEvent): void {
  if ((e.target as Element | null)?.closest?.('.toolbar button, .viewer button')) e.preventDefault();
}

export function useShortcuts(): void {
  useEffect(() => {
    document.addEventListener('mousedown', keepFocusOnClick, true);
    const copy = (e: ClipboardEvent) => onCopy(e, false);
    const cut = (e: ClipboardEvent) => onCopy(e, true);
    window.addEventListener('keydown', onKeyDown, true);
    document.addEventListener('copy', copy);
    document.addEventListener('cut', cut);
    document.addEventListener('paste', onPaste);
    return () => {
      document.removeEventListener('mousedown', keepFocusOnClick, true);
      window.removeEventListener('keydown', onKeyDown, true);
      document.removeEventListener('copy', copy);
      document.removeEventListener('cut', cut);
      document.removeEventListener('paste', onPaste);
    };
  }, []);
}
