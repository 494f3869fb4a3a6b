// After a reload or a crash: a bar offering to restore the autosaved session (unless it is
// just the graph already on screen). Starts the autosave.

import { useEffect, useState } from 'react';
import { serializeGraph } from '../../graph/serialize.ts';
import { useDocumentStore } from '../store/document-store.ts';
import { readAutosave, restoreAutosave, startAutosave, type AutosaveRecord } from './autosave.ts';

// Read once per page, before the autosave writes anything.
const offered: AutosaveRecord | undefined = readAutosave();
let answered = false;

export function RestoreOffer() {
  const [open, setOpen] = useState(!!offered && !answered);
  const same = useDocumentStore((s) => !!offered && serializeGraph(s.doc) === offered.graph);
  useEffect(() => startAutosave(() => !answered && !!offered), []);
  useEffect(() => {
    // Nothing to offer when the last session is what is on screen.
    if (!same) return;
    answered = true;
    setOpen(false);
  }, [same]);
  if (!open || !offered || same) return null;
  const answer = () => {
    answered = true;
    setOpen(false);
  };
  const nodes = (offered.graph.match(/"type":/g) ?? []).length;
  const when = new Date(offered.savedAt).toLocaleString();
  return (
    <div className="restore-offer" role="alertdialog" aria-label="Restore last session">
      <span>
        Restore your last session? <strong>{offered.name}</strong> · {nodes} nodes · autosaved {when}
      </span>
      <button type="button" className="primary" onClick={() => (answer(), void restoreAutosave(offered))}>Restore</button>
      <button type="button" onClick={answer}>Dismiss</button>
    </div>
  );
}
