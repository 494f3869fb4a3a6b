// The graph document being edited. Only plain data lives here (nodes, edges, params,
// positions); the engine mirrors every new document into the evaluator.

import { create } from 'zustand';
import { emptyDocument, type GraphDocument } from '../../graph/document.ts';

interface DocumentState {
  doc: GraphDocument;
  /** File name the document was opened from or will be saved as. */
  name: string;
  /** Replaces the whole document (New, Open, first load). */
  replace(doc: GraphDocument, name: string): void;
  /** Applies an edit; returning the same object means "no change". */
  update(edit: (doc: GraphDocument) => GraphDocument): void;
}

export const useDocumentStore = create<DocumentState>()((set, get) => ({
  doc: emptyDocument(),
  name: 'untitled.json',
  replace: (doc, name) => set({ doc, name }),
  update: (edit) => {
    const next = edit(get().doc);
    if (next !== get().doc) set({ doc: next });
  },
}));
