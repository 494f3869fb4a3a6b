// Opens the node search from the keyboard (Tab) or the toolbar: at the mouse when it is over
// the canvas, else in the middle of the canvas.

import { useSearchStore } from '../store/search-store.ts';
import { canvasPointer } from './canvas-pointer.ts';

export function openNodeSearch(anchor?: { x: number; y: number }): void {
  const pointer = canvasPointer();
  const canvas = document.querySelector('.canvas')?.getBoundingClientRect();
  const at = anchor ?? pointer?.client ?? (canvas ? { x: canvas.left + canvas.width / 2 - 170, y: canvas.top + 60 } : { x: 100, y: 100 });
  useSearchStore.getState().open({
    at,
    place: anchor ? undefined : pointer?.flow,
    // Tab wires the new node to the selected one, as in Nuke; the toolbar button only adds.
    linkFromSelection: !anchor,
    returnFocus: document.activeElement as HTMLElement | null,
  });
}
