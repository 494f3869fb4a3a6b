// Export button (named for what the Export node to run writes), progress bar (frame n of N)
// and Cancel.

import { exportGraph, exportNodeToRun } from '../export-graph.ts';
import { useDocumentStore } from '../store/document-store.ts';
import { useExportStore } from '../store/export-store.ts';
import { useSelectionStore } from '../store/selection-store.ts';

const FORMAT_NAMES: Record<string, string> = {
  mp4: 'MP4', webm: 'WebM', 'webm-alpha': 'WebM with alpha', 'matte-pair': 'colour + matte', 'png-sequence': 'PNG sequence',
};

/** "Export MP4", "Export PNG sequence" …; plain "Export" when no single Export node is meant. */
function useExportLabel(): string {
  useSelectionStore((s) => s.nodeId); // the selection picks among several Export nodes
  const format = useDocumentStore((s) => {
    const { id } = exportNodeToRun();
    const node = id ? s.doc.nodes.find((n) => n.id === id) : undefined;
    return node ? String(node.params.format ?? 'mp4') : undefined;
  });
  return format ? `Export ${FORMAT_NAMES[format] ?? format}` : 'Export';
}

export function ExportControls() {
  const running = useExportStore((s) => s.running);
  const cancel = useExportStore((s) => s.cancel);
  const label = useExportLabel();
  if (!running) {
    return (
      <div className="export-controls">
        <button type="button" className="primary" onClick={() => void exportGraph()}>{label}</button>
      </div>
    );
  }
  const total = running.total;
  const done = total ? `frame ${running.done} of ${total}` : 'preparing…';
  return (
    <div className="export-controls">
      <div className="export-progress" role="status" aria-label="Export progress">
        <progress max={total ?? 1} value={total ? running.done : undefined} aria-label={`Export ${done}`} />
        <span data-testid="export-progress">{done}</span>
      </div>
      <button type="button" onClick={() => cancel?.()}>Cancel</button>
    </div>
  );
}
