// Colour picking on the viewer stage: armed from the inspector's picker (the viewer then shows
// the node's input), or Ctrl+click / Ctrl+drag for the selected node, as in Nuke. A click picks
// one pixel, a drag the average of the rectangle, drawn while dragging. Coordinates are the
// picture's pixels, whatever the zoom and pan.

import { useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { NodeRegistry } from '../../graph/registry.ts';
import { engine } from '../engine.ts';
import { useDocumentStore } from '../store/document-store.ts';
import { notify } from '../store/notice-store.ts';
import { useSelectionStore } from '../store/selection-store.ts';
import { useViewerStore } from '../store/viewer-store.ts';
import { applyPick } from './pick-colour.ts';
import { rectBetween, type PixelRect } from './pick-sample.ts';
import { pickTargetFor, type PickTarget } from './pick-target.ts';
import type { StageTransform } from './stage-transform.ts';

type Point = { x: number; y: number };

/** Screen pixels the pointer may move and still count as a click. */
const CLICK_SLOP = 3;

const registry = () => engine().registry as NodeRegistry<unknown>;

/** The target of a pick armed in the inspector, while it can still be picked. */
export function armedTarget(): PickTarget | undefined {
  const armed = useViewerStore.getState().picking;
  return armed && pickTargetFor(useDocumentStore.getState().doc, registry(), armed.node, armed.param);
}

/** Ctrl+click picks for the selected node, or else for the viewed one. */
function ctrlTarget(): PickTarget | undefined {
  const doc = useDocumentStore.getState().doc;
  return pickTargetFor(doc, registry(), useSelectionStore.getState().nodeId) ?? pickTargetFor(doc, registry(), useViewerStore.getState().target);
}

export function usePicking(t: StageTransform, w: number, h: number, stagePoint: (e: ReactPointerEvent) => Point) {
  const armed = useViewerStore((s) => s.picking !== undefined);
  const [rect, setRect] = useState<PixelRect>();
  const active = useRef<{ target: PickTarget; start: Point; startClient: Point; end: Point; armed: boolean } | undefined>(undefined);
  /** The picture pixel under a stage point, kept inside the picture (a drag may leave it). */
  const clampedPixel = (p: Point): Point => ({
    x: Math.max(0, Math.min(w - 1, Math.floor((p.x - t.x) / t.scale))),
    y: Math.max(0, Math.min(h - 1, Math.floor((p.y - t.y) / t.scale))),
  });

  /** Starts a pick if one is armed or Ctrl is held; true when the pointer is the picker's. */
  const begin = (e: ReactPointerEvent): boolean => {
    const ctrl = e.ctrlKey || e.metaKey;
    if (!armed && !ctrl) return false;
    const target = armed ? armedTarget() : ctrlTarget();
    if (!target) {
      notify('Ctrl+click picks a colour for the selected node: select a Color Key wired to a source');
      return true;
    }
    const at = stagePoint(e);
    const px = (at.x - t.x) / t.scale;
    const py = (at.y - t.y) / t.scale;
    if (px < 0 || py < 0 || px >= w || py >= h) {
      notify('Outside the picture: click or drag over the picture itself to pick');
      return true;
    }
    e.currentTarget.setPointerCapture(e.pointerId);
    const start = clampedPixel(at);
    active.current = { target, start, startClient: { x: e.clientX, y: e.clientY }, end: start, armed };
    setRect(rectBetween(start, start));
    return true;
  };

  const move = (e: ReactPointerEvent) => {
    const a = active.current;
    if (!a) return;
    a.end = clampedPixel(stagePoint(e));
    setRect(rectBetween(a.start, a.end));
  };

  const end = (e: ReactPointerEvent) => {
    const a = active.current;
    if (!a) return;
    active.current = undefined;
    setRect(undefined);
    const moved = Math.hypot(e.clientX - a.startClient.x, e.clientY - a.startClient.y) > CLICK_SLOP;
    const picked = moved ? rectBetween(a.start, clampedPixel(stagePoint(e))) : rectBetween(a.start, a.start);
    if (a.armed) useViewerStore.getState().patch({ picking: undefined });
    void applyPick(a.target, picked, { width: w, height: h });
  };

  return { armed, rect, begin, move, end };
}

/** The rectangle being dragged, over the picture, with its size in picture pixels. */
export function PickRectangle({ rect, t }: { rect: PixelRect; t: StageTransform }) {
  const pw = rect.x1 - rect.x0 + 1;
  const ph = rect.y1 - rect.y0 + 1;
  return (
    <div
      data-testid="pick-rect"
      className="pick-rect"
      aria-hidden
      style={{ left: t.x + rect.x0 * t.scale, top: t.y + rect.y0 * t.scale, width: pw * t.scale, height: ph * t.scale }}
    >
      <span className="pick-rect-size">
        {pw}×{ph} px
      </span>
    </div>
  );
}
