// Runs the export of one Export node through the shared evaluator and downloads every file it
// made: the video, both videos of a colour + matte pair, the ZIP of a PNG sequence.
// Progress and the Cancel handle go to the export store; errors to the status line.

import { runExport } from '../media/export-job.ts';
import { engine } from './engine.ts';
import { downloadBlob } from './files/download-blob.ts';
import { useDocumentStore } from './store/document-store.ts';
import { useExportStore } from './store/export-store.ts';
import { notify, notifyError } from './store/notice-store.ts';
import { useSelectionStore } from './store/selection-store.ts';
import { activeRange, useTimelineStore } from './store/timeline-store.ts';

/** The Export node to run: the selected sink, or the only one in the graph. */
export function exportNodeToRun(): { id?: string; problem?: string } {
  const { doc } = useDocumentStore.getState();
  const sinks = doc.nodes.filter((n) => engine().registry.get(n.type)?.sink);
  const selected = sinks.find((n) => n.id === useSelectionStore.getState().nodeId);
  if (selected) return { id: selected.id };
  if (sinks.length === 1) return { id: sinks[0].id };
  return { problem: sinks.length ? 'select the Export node to run' : 'add an Export node first' };
}

/** The in/out points as an export range (end exclusive), when the user set any. */
function exportRange(): { start: number; end: number } | undefined {
  const t = useTimelineStore.getState();
  if (t.inPoint === undefined && t.outPoint === undefined) return undefined;
  const { first, last } = activeRange(t);
  return { start: first, end: last + 1 };
}

/**
 * Starts a download per file. Chromium may drop a download started in the same task as the
 * previous one, so each waits a moment (it asks the user once to allow several downloads).
 */
async function downloadAll(files: readonly { name: string; blob: Blob }[]): Promise<void> {
  for (const [i, f] of files.entries()) {
    if (i > 0) await new Promise((resolve) => setTimeout(resolve, 250));
    downloadBlob(f.blob, f.name);
  }
}

export async function exportGraph(): Promise<void> {
  const store = useExportStore.getState();
  if (store.running) return;
  const { id, problem } = exportNodeToRun();
  if (!id) {
    notifyError(`Cannot export: ${problem}`);
    return;
  }
  const controller = new AbortController();
  useTimelineStore.getState().patch({ speed: 0 });
  store.start(id, () => controller.abort(new DOMException('export cancelled', 'AbortError')));
  const { evaluator, services } = engine();
  const filename = useDocumentStore.getState().doc.nodes.find((n) => n.id === id)?.params.filename;
  const range = exportRange();
  notify(`Exporting ${String(filename || id)}${range ? ` (frames ${range.start}–${range.end - 1}, from in/out)` : ''}…`);
  try {
    const gpu = await services.gpu().catch(() => undefined);
    const result = await runExport({
      evaluator,
      exportNodeId: id,
      gpu,
      signal: controller.signal,
      target: { kind: 'memory' },
      range,
      onProgress: (done, total) => useExportStore.getState().progress(done, total),
    });
    const files = result.files.filter((f): f is { name: string; blob: Blob } => f.blob !== undefined);
    if (!files.length) throw new Error('the export produced no file');
    await downloadAll(files);
    const seconds = (result.durationUs / 1e6).toFixed(2);
    const names = files.map((f) => f.name).join(' and ');
    notify(`Exported ${names}: ${result.frameCount} frames, ${result.width}×${result.height}, ${seconds} s`);
  } catch (e) {
    if (controller.signal.aborted) notify('Export cancelled.');
    else notifyError(`Export failed: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    // The export walked the clip in order; the viewer's next frame is a jump for every node.
    evaluator.resetAll();
    useExportStore.getState().finish();
  }
}
