// Toolbar buttons for undo/redo and adding a node (each also has a key).

import { redoEdit, undoEdit } from '../edit/history-commands.ts';
import { openNodeSearch } from '../edit/open-search.ts';
import { useDocumentStore } from '../store/document-store.ts';

export function EditButtons() {
  const canUndo = useDocumentStore((s) => s.history.past.length > 0);
  const canRedo = useDocumentStore((s) => s.history.future.length > 0);
  return (
    <>
      <button type="button" onClick={undoEdit} disabled={!canUndo} title="Undo (Ctrl+Z)" aria-label="Undo">↶</button>
      <button type="button" onClick={redoEdit} disabled={!canRedo} title="Redo (Ctrl+Shift+Z or Ctrl+Y)" aria-label="Redo">↷</button>
      <button
        type="button"
        title="Add node (Tab): search node types"
        onClick={(e) => {
          const box = e.currentTarget.getBoundingClientRect();
          openNodeSearch({ x: box.left, y: box.bottom + 4 });
        }}
      >
        Add node <kbd>Tab</kbd>
      </button>
    </>
  );
}
