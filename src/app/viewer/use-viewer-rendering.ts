// Keeps the viewer showing A (and B in the wipe) at the current frame. Any change of frame,
// node, params or wires starts a new request and aborts the older one; pictures seen before
// come from the picture cache; every picture is evaluated from a document of the graph state
// the request is for. Nothing is evaluated while an export runs: the export owns the
// evaluator's timeline then. Channel mode and wipe position only recompose what was fetched.
// While a colour pick is armed, A is the picked node's input (the picture the pick samples).
// With a live source (a camera) upstream, pictures are never cached and playback keeps going.

import { useEffect, type RefObject } from 'react';
import type { GraphDocument } from '../../graph/document.ts';
import { StaleDocumentError } from '../../graph/evaluator.ts';
import type { NodeRegistry } from '../../graph/registry.ts';
import type { ClipInfo } from '../../graph/types.ts';
import { engine } from '../engine.ts';
import { evalKey } from '../eval-key.ts';
import { useDocumentStore } from '../store/document-store.ts';
import { useExportStore } from '../store/export-store.ts';
import { useMediaStore } from '../store/media-store.ts';
import { useSelectionStore } from '../store/selection-store.ts';
import { useTimelineStore } from '../store/timeline-store.ts';
import { useThumbnailStore } from '../store/thumbnail-store.ts';
import { useViewerStore } from '../store/viewer-store.ts';
import { composeView } from './compose-view.ts';
import { currentView, setCurrentView } from './current-view.ts';
import { hasLiveSource } from './live-sources.ts';
import { updateThumbnails } from './thumbnails.ts';
import { armedTarget } from './use-picking.tsx';
import { fetchView, viewStateKey, type ViewedPort } from './view-request.ts';
import { colourSourceFor, viewPort } from './view-port.ts';

/** Short pause so a burst of edits (typing, dragging a slider) makes one request. */
const SETTLE_MS = 30;
/** While playing, thumbnails are renewed at most this often. */
const PLAYING_THUMBS_MS = 1000;

let lastThumbs = 0;

function draw(canvas: HTMLCanvasElement) {
  const view = currentView();
  if (!view) return;
  const { channel, wipe, wipePos, picking } = useViewerStore.getState();
  // A pick is of colours: the input is shown in colour whatever the channel mode.
  const out = composeView(view.a, picking ? 'rgb' : channel, wipe ? view.b : undefined, wipe && view.b ? wipePos : undefined);
  if (canvas.width !== out.width) canvas.width = out.width;
  if (canvas.height !== out.height) canvas.height = out.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('the viewer canvas has no 2D context');
  ctx.putImageData(new ImageData(out.pixels, out.width, out.height), 0, 0);
}

function viewed(nodeId: string | undefined): ViewedPort | undefined {
  if (!nodeId) return undefined;
  const doc = useDocumentStore.getState().doc;
  const registry = engine().registry as NodeRegistry<unknown>;
  const port = viewPort(doc, registry, nodeId);
  return port && { port, colour: colourSourceFor(doc, registry, port) };
}

export function useViewerRendering(canvas: RefObject<HTMLCanvasElement | null>): void {
  const selected = useSelectionStore((s) => s.nodeId);
  const target = useViewerStore((s) => s.target);
  const compare = useViewerStore((s) => s.compare);
  const wipe = useViewerStore((s) => s.wipe);
  const channel = useViewerStore((s) => s.channel);
  const wipePos = useViewerStore((s) => s.wipePos);
  const frame = useTimelineStore((s) => s.frame);
  const key = useDocumentStore((s) => evalKey(s.doc));
  const epoch = useMediaStore((s) => s.epoch);
  const exporting = useExportStore((s) => s.running !== undefined);
  const picking = useViewerStore((s) => s.picking);
  const live = useDocumentStore((s) => hasLiveSource(s.doc, [target, wipe ? compare : undefined]));

  useEffect(() => {
    useViewerStore.getState().patch({ live });
  }, [live]);

  useEffect(() => {
    if (selected) useViewerStore.getState().setTarget(selected);
  }, [selected]);

  useEffect(() => {
    if (canvas.current) draw(canvas.current);
  }, [channel, wipePos, canvas]);

  useEffect(() => {
    const viewer = useViewerStore.getState();
    const pick = picking && armedTarget();
    // An armed pick whose node went (or lost its source) is over.
    if (picking && !pick) viewer.patch({ picking: undefined });
    const a = pick ? { port: pick.source } : viewed(target);
    const b = wipe && compare && compare !== target ? viewed(compare) : undefined;
    if (!a || !canvas.current) {
      setCurrentView(undefined);
      viewer.patch({ state: 'empty', message: undefined, shown: undefined });
      useTimelineStore.getState().patch({ frameCount: undefined });
      return;
    }
    if (exporting) {
      viewer.patch({ state: 'working', message: 'Exporting… the viewer resumes when the export ends.' });
      return;
    }
    const controller = new AbortController();
    const { signal } = controller;
    const stateKey = viewStateKey(key, epoch);
    // Moving a node makes a new document of the same state: it is accepted (the key is content).
    const accepts = (doc: GraphDocument) => evalKey(doc) === key;
    const playing = useTimelineStore.getState().speed !== 0 || live;
    viewer.patch({ state: 'working', message: undefined });
    const onClip = (clip?: ClipInfo) => useTimelineStore.getState().patch({ frameCount: clip?.frameCount, fps: clip?.fps });
    const run = async () => {
      const r = await fetchView(engine(), { a, b, frame, stateKey, accepts, live }, signal, onClip);
      if (signal.aborted || !canvas.current) return;
      setCurrentView({ frame: r.frame, a: r.a, b: r.b, aNode: a.port.node, bNode: b?.port.node });
      draw(canvas.current);
      const { width, height, kind } = r.a.picture;
      useViewerStore.getState().patch({ state: 'shown', message: undefined, shown: { width, height, kind } });
      // evalMs keeps the last real evaluation's time: cached frames say nothing about the graph.
      useTimelineStore.getState().patch({ shownFrame: r.frame, shownAt: performance.now(), ...(r.evaluated ? { evalMs: r.evalMs } : {}) });
      if (r.frame !== frame) useTimelineStore.getState().setFrame(r.frame);
      const now = performance.now();
      if (!playing || now - lastThumbs > PLAYING_THUMBS_MS) {
        lastThumbs = now;
        const targets = [a.port.node, ...(b ? [b.port.node] : [])];
        await updateThumbnails(engine(), useDocumentStore.getState().doc, targets, r.frame, stateKey, accepts, r.evaluated, signal);
      }
    };
    const timer = setTimeout(() => {
      run().catch((e: unknown) => {
        // Stale: an edit reached the evaluator before this request was aborted; the request
        // for the edited graph (already made, or about to be) shows it.
        if (signal.aborted || e instanceof StaleDocumentError) return;
        setCurrentView(undefined);
        useThumbnailStore.getState().markStale(new Set());
        useViewerStore.getState().patch({ state: 'error', message: e instanceof Error ? e.message : String(e), shown: undefined });
        useTimelineStore.getState().patch({ speed: 0 });
      });
    }, playing ? 0 : SETTLE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [target, compare, wipe, frame, key, epoch, exporting, canvas, picking, live]);
}
