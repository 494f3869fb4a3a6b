// Save As: asks for the graph's name, then saves it as "<name>.mattegraph.json".

import { useEffect, useRef, useState } from 'react';
import { graphFileName, graphStem } from '../files/graph-file-name.ts';
import { saveGraphAs } from '../graph-file.ts';
import { useDialogStore } from '../store/dialog-store.ts';
import { useDocumentStore } from '../store/document-store.ts';

function SaveAsForm() {
  const [name, setName] = useState(() => graphStem(useDocumentStore.getState().name));
  const input = useRef<HTMLInputElement>(null);
  const close = () => useDialogStore.getState().set({ saveAs: false });
  useEffect(() => {
    input.current?.select();
  }, []);
  return (
    <div className="dialog-backdrop" onPointerDown={(e) => e.target === e.currentTarget && close()}>
      <form
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-label="Save graph as"
        onSubmit={(e) => {
          e.preventDefault();
          close();
          saveGraphAs(name);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') close();
          e.stopPropagation();
        }}
      >
        <h2>Save graph as</h2>
        <label className="dialog-field">
          Name
          <input ref={input} type="text" value={name} onChange={(e) => setName(e.target.value)} spellCheck={false} autoFocus />
        </label>
        <p className="hint">Saved as <code>{graphFileName(name)}</code> in your downloads.</p>
        <div className="dialog-buttons">
          <button type="button" onClick={close}>Cancel</button>
          <button type="submit" className="primary">Save</button>
        </div>
      </form>
    </div>
  );
}

export function SaveAsDialog() {
  const open = useDialogStore((s) => s.saveAs);
  return open ? <SaveAsForm /> : null;
}
