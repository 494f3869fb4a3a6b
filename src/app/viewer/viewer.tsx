// The viewer: the viewed node's picture at the current frame (channel modes, zoom and pan, an
// A/B wipe against another node, a pixel probe, colour picking), the timeline below it, and
// any error of the evaluation in plain words.

import { useRef, useState } from 'react';
import type { NodeRegistry } from '../../graph/registry.ts';
import { engine } from '../engine.ts';
import { useDocumentStore } from '../store/document-store.ts';
import { useViewerStore } from '../store/viewer-store.ts';
import { Timeline } from '../timeline/timeline.tsx';
import { pickTargetFor } from './pick-target.ts';
import { useViewerRendering } from './use-viewer-rendering.ts';
import { ViewerControls, ZoomControls } from './viewer-controls.tsx';
import { ViewerStage, type Probe } from './viewer-stage.tsx';

function ProbeLine({ probe }: { probe?: Probe }) {
  if (!probe) return <span className="probe muted" data-testid="pixel-probe">Move the mouse over the picture to read pixels.</span>;
  const [r, g, b, a] = probe.rgba;
  return (
    <span className="probe" data-testid="pixel-probe">
      {probe.node} · x {probe.x} y {probe.y} · R {r} G {g} B {b} A {a}
    </span>
  );
}

export function Viewer() {
  const canvas = useRef<HTMLCanvasElement>(null);
  useViewerRendering(canvas);
  const [probe, setProbe] = useState<Probe>();
  const viewerTarget = useViewerStore((s) => s.target);
  // The viewer keeps a deleted node's id (undo brings it back), but names only what exists.
  const target = useDocumentStore((s) => (s.doc.nodes.some((n) => n.id === viewerTarget) ? viewerTarget : undefined));
  const state = useViewerStore((s) => s.state);
  const message = useViewerStore((s) => s.message);
  const shown = useViewerStore((s) => s.shown);
  const slots = useViewerStore((s) => s.slots);
  const slot = Object.entries(slots).find(([, id]) => id === target)?.[0];
  const picking = useViewerStore((s) => s.picking);
  // Live, the next frame is always being made: "working" would blink on every frame.
  const live = useViewerStore((s) => s.live);
  const pickSource = useDocumentStore((s) => picking && pickTargetFor(s.doc, engine().registry as NodeRegistry<unknown>, picking.node, picking.param)?.source.node);
  return (
    <section className="viewer" aria-label="Viewer">
      <div className="viewer-head">
        <h2>Viewer</h2>
        <span className="viewer-info" data-testid="viewer-info">
          {picking ? `${pickSource ?? picking.node} (input of ${picking.node})` : target ? target : 'nothing selected'}
          {shown ? ` · ${shown.width}×${shown.height} ${shown.kind}` : ''}
          {state === 'working' && !live ? ' · working…' : ''}
        </span>
        {slot && <span className="slot-badge" title={`Viewer slot ${slot} (press ${slot})`}>{slot}</span>}
        <ZoomControls />
      </div>
      <ViewerControls />
      <div className="viewer-frame">
        <ViewerStage canvas={canvas} onProbe={setProbe} />
        {picking && (
          <p className="viewer-message pick-hint" role="status" data-testid="pick-hint">
            Pick for {picking.node} from its input: click a pixel or drag a rectangle (its average) · <kbd>Esc</kbd> cancels
          </p>
        )}
        {message && !picking && (
          <p className={`viewer-message state-${state}`} role={state === 'error' ? 'alert' : 'status'} data-testid="viewer-message">
            {message}
          </p>
        )}
      </div>
      <ProbeLine probe={probe} />
      <Timeline />
    </section>
  );
}
