// Undo and redo as the user invokes them (keys, toolbar), saying what happened.

import { useDocumentStore } from '../store/document-store.ts';
import { notify } from '../store/notice-store.ts';

const steps = (n: number) => `${n} step${n === 1 ? '' : 's'}`;

export function undoEdit(): void {
  const store = useDocumentStore.getState();
  if (!store.undo()) return notify('Nothing to undo.');
  const h = useDocumentStore.getState().history;
  notify(`Undone (${steps(h.past.length)} left to undo, ${steps(h.future.length)} to redo).`);
}

export function redoEdit(): void {
  const store = useDocumentStore.getState();
  if (!store.redo()) return notify('Nothing to redo.');
  const h = useDocumentStore.getState().history;
  notify(`Redone (${steps(h.future.length)} left to redo).`);
}
