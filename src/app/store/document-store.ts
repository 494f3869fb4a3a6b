// The graph document being edited, with its undo/redo history. Only plain data lives here
// (nodes, edges, params, positions); the engine mirrors every new document into the evaluator.
// Every edit goes through `update`, so every edit can be undone.

import { create } from 'zustand';
import { emptyDocument, type GraphDocument } from '../../graph/document.ts';
import { record, redo, startHistory, undo, type History } from '../../graph/history.ts';

interface DocumentState {
  doc: GraphDocument;
  /** File name the document was opened from or will be saved as. */
  name: string;
  history: History<GraphDocument>;
  /** Replaces the whole document (New, Open, restore); the history starts again. */
  replace(doc: GraphDocument, name: string): void;
  /**
   * Applies an edit as one undo step; returning the same object means "no change". Edits with
   * the same `group` in a row (a drag, typing) merge into one step.
   */
  update(edit: (doc: GraphDocument) => GraphDocument, group?: string): void;
  undo(): boolean;
  redo(): boolean;
  rename(name: string): void;
}

export const useDocumentStore = create<DocumentState>()((set, get) => ({
  doc: emptyDocument(),
  name: 'untitled.mattegraph.json',
  history: startHistory(emptyDocument()),
  replace: (doc, name) => set({ doc, name, history: startHistory(doc) }),
  update: (edit, group) => {
    const { doc, history } = get();
    const next = edit(doc);
    if (next !== doc) set({ doc: next, history: record(history, next, group) });
  },
  undo: () => {
    const history = undo(get().history);
    if (history === get().history) return false;
    set({ doc: history.present, history });
    return true;
  },
  redo: () => {
    const history = redo(get().history);
    if (history === get().history) return false;
    set({ doc: history.present, history });
    return true;
  },
  rename: (name) => set({ name }),
}));
