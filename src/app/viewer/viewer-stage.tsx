// The viewer's picture area: the canvas placed by zoom and pan (fit by default), scroll to
// zoom around the mouse, drag to pan, the A/B wipe divider (drag it, or arrows when focused),
// the pixel probe (the RGBA values under the mouse), and colour picking: with a pick armed in
// the inspector, or with Ctrl held, a click picks a pixel and a drag the average of a rectangle.

import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent, type RefObject } from 'react';
import { useViewerStore } from '../store/viewer-store.ts';
import { probeAt } from './compose-view.ts';
import { currentView } from './current-view.ts';
import { PickRectangle, usePicking } from './use-picking.tsx';
import { fitTransform, pictureAt, zoomAt, type StageTransform } from './stage-transform.ts';

export interface Probe {
  x: number;
  y: number;
  node: string;
  rgba: [number, number, number, number];
}

/**
 * A client point in stage coordinates: from the stage's padding box, where the canvas and the
 * divider are placed (its border is not part of it).
 */
function toStage(el: HTMLElement, clientX: number, clientY: number): { x: number; y: number } {
  const box = el.getBoundingClientRect();
  return { x: clientX - box.left - el.clientLeft, y: clientY - box.top - el.clientTop };
}

function useStageSize(stage: RefObject<HTMLDivElement | null>) {
  const [size, setSize] = useState({ w: 1, h: 1 });
  useEffect(() => {
    const el = stage.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setSize({ w: el.clientWidth, h: el.clientHeight }));
    observer.observe(el);
    setSize({ w: el.clientWidth, h: el.clientHeight });
    return () => observer.disconnect();
  }, [stage]);
  return size;
}

export function ViewerStage({ canvas, onProbe }: { canvas: RefObject<HTMLCanvasElement | null>; onProbe(p: Probe | undefined): void }) {
  const stage = useRef<HTMLDivElement>(null);
  const size = useStageSize(stage);
  const state = useViewerStore((s) => s.state);
  const shown = useViewerStore((s) => s.shown);
  const zoom = useViewerStore((s) => s.zoom);
  const pan = useViewerStore((s) => s.pan);
  const wipe = useViewerStore((s) => s.wipe);
  const wipePos = useViewerStore((s) => s.wipePos);
  const compare = useViewerStore((s) => s.compare);
  const drag = useRef<{ x: number; y: number; t: StageTransform } | undefined>(undefined);
  const w = shown?.width ?? 1;
  const h = shown?.height ?? 1;
  const t: StageTransform = zoom === 'fit' ? fitTransform(size.w, size.h, w, h) : { scale: zoom, ...pan };
  const stagePoint = (e: ReactPointerEvent) => {
    return toStage(stage.current!, e.clientX, e.clientY);
  };
  const picking = usePicking(t, w, h, stagePoint);
  const setTransform = (n: StageTransform) => useViewerStore.getState().patch({ zoom: n.scale, pan: { x: n.x, y: n.y } });

  useEffect(() => {
    const el = stage.current;
    if (!el) return;
    // Non-passive, so the page does not scroll while zooming.
    const onWheel = (e: WheelEvent) => {
      if (!useViewerStore.getState().shown) return;
      e.preventDefault();
      const at = toStage(el, e.clientX, e.clientY);
      const factor = Math.pow(1.0015, -e.deltaY);
      setTransform(zoomAt(tRef.current, factor, at.x, at.y));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, []);
  const tRef = useRef(t);
  tRef.current = t;

  const probe = (clientX: number, clientY: number) => {
    const view = currentView();
    if (!view || !stage.current || !shown) return onProbe(undefined);
    const at = toStage(stage.current, clientX, clientY);
    const p = pictureAt(t, w, h, at.x, at.y);
    if (!p) return onProbe(undefined);
    const onB = wipe && view.b && p.x >= Math.round(wipePos * w);
    const picture = onB ? view.b!.picture : view.a.picture;
    const node = onB ? view.bNode! : view.aNode;
    onProbe({ ...p, node, rgba: probeAt(picture, w, h, p.x, p.y) });
  };

  const dividerX = t.x + wipePos * w * t.scale;
  const hidden = state === 'empty' || (state === 'error' && !shown);
  return (
    <div
      ref={stage}
      className={`viewer-stage state-${state}${drag.current ? ' panning' : ''}`}
      style={picking.armed ? { cursor: 'crosshair' } : undefined}
      onPointerDown={(e) => {
        if (e.button !== 0 || !shown) return;
        if (picking.begin(e)) return;
        e.currentTarget.setPointerCapture(e.pointerId);
        drag.current = { x: e.clientX, y: e.clientY, t };
      }}
      onPointerMove={(e) => {
        const d = drag.current;
        if (d) setTransform({ scale: d.t.scale, x: d.t.x + e.clientX - d.x, y: d.t.y + e.clientY - d.y });
        else picking.move(e);
        probe(e.clientX, e.clientY);
      }}
      onPointerUp={(e) => {
        drag.current = undefined;
        picking.end(e);
      }}
      onPointerLeave={() => onProbe(undefined)}
      data-testid="viewer-stage"
    >
      <canvas
        ref={canvas}
        className={`viewer-canvas${t.scale >= 2 ? ' pixelated' : ''}`}
        hidden={hidden}
        aria-label="Viewed frame"
        style={{ width: w, height: h, transform: `translate(${t.x}px, ${t.y}px) scale(${t.scale})` }}
      />
      {wipe && compare && shown && !hidden && (
        <div
          className="wipe-divider"
          role="slider"
          tabIndex={0}
          aria-label="Wipe position"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(wipePos * 100)}
          style={{ left: dividerX }}
          onPointerDown={(e) => {
            e.stopPropagation();
            e.currentTarget.setPointerCapture(e.pointerId);
          }}
          onPointerMove={(e) => {
            if (!e.currentTarget.hasPointerCapture(e.pointerId)) return;
            e.stopPropagation();
            const pos = (toStage(stage.current!, e.clientX, e.clientY).x - t.x) / (w * t.scale);
            useViewerStore.getState().patch({ wipePos: Math.max(0, Math.min(1, pos)) });
          }}
          onKeyDown={(e) => {
            const step = e.key === 'ArrowLeft' ? -0.02 : e.key === 'ArrowRight' ? 0.02 : 0;
            if (!step) return;
            e.preventDefault();
            e.stopPropagation();
            useViewerStore.getState().patch({ wipePos: Math.max(0, Math.min(1, wipePos + step)) });
          }}
        >
          <span className="wipe-label wipe-a">A</span>
          <span className="wipe-label wipe-b">B</span>
        </div>
      )}
      {picking.rect && <PickRectangle rect={picking.rect} t={t} />}
      {state === 'empty' && <p className="hint">Select a node to see its output at this frame.</p>}
    </div>
  );
}
