// On a node whose file cannot be found: the missing file's name and a button to pick it again
// (dropping the file on the node works too).

import { useRef } from 'react';
import type { FileParam } from '../../graph/types.ts';
import { engine } from '../engine.ts';
import { useFilesForParam } from '../files/sequence-files.ts';
import { useDocumentStore } from '../store/document-store.ts';
import { useMediaStore } from '../store/media-store.ts';
import { useStatusStore } from '../store/status-store.ts';

export function RelinkMedia({ nodeId }: { nodeId: string }) {
  const missing = useMediaStore((s) => s.missing[nodeId]);
  const input = useRef<HTMLInputElement>(null);
  if (!missing) return null;
  const node = useDocumentStore.getState().doc.nodes.find((n) => n.id === nodeId);
  const spec = node && (engine().registry.get(node.type)?.params[missing.param] as FileParam | undefined);
  const short = missing.name.split('/').pop() ?? missing.name;
  return (
    <div className="graph-node-relink" role="alert">
      <span>Missing file “{short}”</span>
      <button type="button" className="nodrag" onClick={() => input.current?.click()} aria-label={`Relink ${short}: choose the file`}>
        Relink…
      </button>
      <input
        ref={input}
        type="file"
        hidden
        multiple
        accept={spec?.accept}
        onChange={(e) => {
          // Several files: a missing image sequence is relinked by picking its frames.
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (!files.length) return;
          useStatusStore.getState().clear(nodeId);
          void useFilesForParam(nodeId, missing.param, files);
        }}
      />
    </div>
  );
}
