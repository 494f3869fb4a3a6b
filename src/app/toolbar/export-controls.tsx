// Export button, progress bar (frame n of N) and Cancel.

import { exportGraph } from '../export-graph.ts';
import { useExportStore } from '../store/export-store.ts';

export function ExportControls() {
  const running = useExportStore((s) => s.running);
  const cancel = useExportStore((s) => s.cancel);
  if (!running) {
    return (
      <div className="export-controls">
        <button type="button" className="primary" onClick={() => void exportGraph()}>Export MP4</button>
      </div>
    );
  }
  const total = running.total;
  const label = total ? `frame ${running.done} of ${total}` : 'preparing…';
  return (
    <div className="export-controls">
      <div className="export-progress" role="status" aria-label="Export progress">
        <progress max={total ?? 1} value={total ? running.done : undefined} aria-label={`Export ${label}`} />
        <span data-testid="export-progress">{label}</span>
      </div>
      <button type="button" onClick={() => cancel?.()}>Cancel</button>
    </div>
  );
}
