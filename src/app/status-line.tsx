// The status line at the bottom: the latest notice (errors in red, announced to screen readers).

import { useDocumentStore } from './store/document-store.ts';
import { useNoticeStore } from './store/notice-store.ts';

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
      <span className="counts">{counts}</span>
    </footer>
  );
}
