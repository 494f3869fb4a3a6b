// Keeps the viewer canvas showing the viewed node at the current frame. Any change (frame,
// node, params, wires) starts a new request and aborts the older one. Nothing is evaluated
// while an export runs: the export owns the evaluator's timeline then.

import { useEffect, type RefObject } from 'react';
import type { NodeRegistry } from '../../graph/registry.ts';
import type { ClipInfo } from '../../graph/types.ts';
import { engine } from '../engine.ts';
import { evalKey } from '../eval-key.ts';
import { useDocumentStore } from '../store/document-store.ts';
import { useExportStore } from '../store/export-store.ts';
import { useSelectionStore } from '../store/selection-store.ts';
import { useViewerStore } from '../store/viewer-store.ts';
import { renderFrame } from './render-frame.ts';
import { viewPort } from './view-port.ts';

/** Short pause so a burst of edits (typing, dragging a slider) makes one request. */
const SETTLE_MS = 40;

export function useViewerRendering(canvas: RefObject<HTMLCanvasElement | null>): void {
  const selected = useSelectionStore((s) => s.nodeId);
  const target = useViewerStore((s) => s.target);
  const frame = useViewerStore((s) => s.frame);
  const key = useDocumentStore((s) => evalKey(s.doc));
  const exporting = useExportStore((s) => s.running !== undefined);

  useEffect(() => {
    if (selected) useViewerStore.getState().setTarget(selected);
  }, [selected]);

  useEffect(() => {
    const viewer = useViewerStore.getState();
    const doc = useDocumentStore.getState().doc;
    const port = target ? viewPort(doc, engine().registry as NodeRegistry<unknown>, target) : undefined;
    if (!port || !canvas.current) {
      viewer.patch({ state: 'empty', message: undefined, frameCount: undefined, shown: undefined });
      return;
    }
    if (exporting) {
      viewer.patch({ state: 'working', message: 'Exporting… the viewer resumes when the export ends.' });
      return;
    }
    const controller = new AbortController();
    viewer.patch({ state: 'working', message: undefined });
    const timer = setTimeout(() => {
      const onClip = (clip?: ClipInfo) => viewer.patch({ frameCount: clip?.frameCount, fps: clip?.fps });
      renderFrame(engine(), port, frame, canvas.current!, controller.signal, onClip).then(
        (r) => {
          if (controller.signal.aborted) return;
          useViewerStore.getState().patch({
            state: 'shown',
            message: undefined,
            shown: { width: r.width, height: r.height, kind: r.kind },
          });
          if (r.frame !== frame) useViewerStore.getState().setFrame(r.frame);
        },
        (e: unknown) => {
          if (controller.signal.aborted) return;
          useViewerStore.getState().patch({ state: 'error', message: e instanceof Error ? e.message : String(e), shown: undefined });
        },
      );
    }, SETTLE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [target, frame, key, exporting, canvas]);
}
