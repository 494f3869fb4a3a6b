// The status line at the bottom: the latest notice (errors in red, announced to screen
// readers), the nodes that are in error now (click to select the first), and the counts.

import { useDocumentStore } from './store/document-store.ts';
import { useMediaStore } from './store/media-store.ts';
import { useNoticeStore } from './store/notice-store.ts';
import { useSelectionStore } from './store/selection-store.ts';
import { useStatusStore } from './store/status-store.ts';

function ProblemNodes() {
  const failing = useStatusStore((s) =>
    Object.entries(s.byNode).filter(([, st]) => st.state === 'error').map(([id]) => id).join(','),
  );
  const missing = useMediaStore((s) => Object.keys(s.missing).join(','));
  // Only nodes of this graph: a report that arrives for a graph just replaced is not a problem here.
  const present = useDocumentStore((s) => s.doc.nodes.map((n) => n.id).join(','));
  const exists = new Set(present.split(','));
  const ids = [...new Set([...failing.split(','), ...missing.split(',')].filter((id) => id && exists.has(id)))];
  if (!ids.length) return null;
  const text = `${ids.length} node${ids.length === 1 ? '' : 's'} need${ids.length === 1 ? 's' : ''} attention: ${ids.join(', ')}`;
  return (
    <button type="button" className="problems" onClick={() => useSelectionStore.getState().selectNode(ids[0])} title="Select the first one">
      ⚠ {text}
    </button>
  );
}

export function StatusLine() {
  const notice = useNoticeStore((s) => s.notice);
  const counts = useDocumentStore((s) => `${s.doc.nodes.length} nodes · ${s.doc.edges.length} wires`);
  return (
    <footer className="status-line">
      <span
        className={`notice ${notice?.kind ?? 'info'}`}
        role={notice?.kind === 'error' ? 'alert' : 'status'}
        data-testid="notice"
        key={notice?.seq}
        title={notice?.text}
      >
        {notice?.text ?? 'Ready.'}
      </span>
      <ProblemNodes />
      <span className="counts">{counts}</span>
    </footer>
  );
}
