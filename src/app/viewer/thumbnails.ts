// Thumbnails on the nodes: after the viewer evaluated a frame, every node upstream of what it
// shows holds its output for that frame in the evaluator, so asking for it again costs no
// evaluation. Each is read once, shrunk on a canvas, and kept by (graph state, node, frame),
// so scrubbing over frames seen before shows their thumbnails too. Each is evaluated only from
// a document of that graph state (an edit made meanwhile ends the pass), so none is kept under
// a state it does not show.

import type { GraphDocument } from '../../graph/document.ts';
import { StaleDocumentError } from '../../graph/evaluator.ts';
import { planFor } from '../../graph/planner.ts';
import type { NodeRegistry } from '../../graph/registry.ts';
import type { Engine } from '../engine.ts';
import { useThumbnailStore } from '../store/thumbnail-store.ts';
import { fetchPicture } from './fetch-picture.ts';
import type { Picture } from './picture.ts';
import { viewPort } from './view-port.ts';

const MAX_W = 176;
const MAX_H = 56;
const KEEP = 600;
const made = new Map<string, ImageData>();

function shrink(p: Picture): ImageData {
  const scale = Math.min(MAX_W / p.width, MAX_H / p.height, 1);
  const w = Math.max(1, Math.round(p.width * scale));
  const h = Math.max(1, Math.round(p.height * scale));
  const full = new OffscreenCanvas(p.width, p.height);
  full.getContext('2d')!.putImageData(new ImageData(p.pixels, p.width, p.height), 0, 0);
  const small = new OffscreenCanvas(w, h);
  const ctx = small.getContext('2d')!;
  ctx.imageSmoothingQuality = 'medium';
  ctx.drawImage(full, 0, 0, w, h);
  return ctx.getImageData(0, 0, w, h);
}

function remember(key: string, image: ImageData) {
  made.set(key, image);
  if (made.size > KEEP) made.delete(made.keys().next().value!);
}

/** Nodes whose outputs the evaluator holds after evaluating `targets`. */
function upstreamOf(doc: GraphDocument, registry: NodeRegistry<unknown>, targets: string[]): string[] {
  const ids = new Set<string>();
  for (const t of targets) {
    try {
      for (const id of planFor(doc, registry, t)) ids.add(id);
    } catch {
      // An incomplete graph: no thumbnails for what cannot be evaluated.
    }
  }
  return [...ids];
}

/**
 * Renews thumbnails for frame `frame`. With `evaluated` false (the viewer served its pictures
 * from its cache), only thumbnails made before for this state and frame are shown.
 */
export async function updateThumbnails(
  engine: Engine,
  doc: GraphDocument,
  targets: string[],
  frame: number,
  stateKey: string,
  accepts: (doc: GraphDocument) => boolean,
  evaluated: boolean,
  signal: AbortSignal,
): Promise<void> {
  const registry = engine.registry as NodeRegistry<unknown>;
  const renewed = new Set<string>();
  const store = useThumbnailStore.getState();
  for (const id of upstreamOf(doc, registry, targets)) {
    if (signal.aborted) return;
    const key = `${stateKey}|${id}|${frame}`;
    let image = made.get(key);
    if (!image && evaluated) {
      const port = viewPort(doc, registry, id);
      if (!port) continue;
      try {
        image = shrink(await fetchPicture(engine, port, frame, signal, accepts));
        remember(key, image);
      } catch (e) {
        if (e instanceof StaleDocumentError) return; // the graph changed: the next pass makes them
        continue; // nothing to show for this node (an error is reported on the node itself)
      }
    }
    if (!image || signal.aborted) continue;
    store.put(id, { image, frame, current: true });
    renewed.add(id);
  }
  store.markStale(renewed);
  store.drop(new Set(doc.nodes.map((n) => n.id)));
}
