// The viewer: the viewed node's picture at the current frame, scaled to fit, with the frame
// slider below and any error of the evaluation in plain words.

import { useRef } from 'react';
import { useViewerStore } from '../store/viewer-store.ts';
import { FrameBar } from './frame-bar.tsx';
import { useViewerRendering } from './use-viewer-rendering.ts';

export function Viewer() {
  const canvas = useRef<HTMLCanvasElement>(null);
  useViewerRendering(canvas);
  const target = useViewerStore((s) => s.target);
  const state = useViewerStore((s) => s.state);
  const message = useViewerStore((s) => s.message);
  const shown = useViewerStore((s) => s.shown);
  return (
    <section className="viewer" aria-label="Viewer">
      <div className="viewer-head">
        <h2>Viewer</h2>
        <span className="viewer-info" data-testid="viewer-info">
          {target ? target : 'nothing selected'}
          {shown ? ` · ${shown.width}×${shown.height} ${shown.kind}` : ''}
          {state === 'working' ? ' · working…' : ''}
        </span>
      </div>
      <div className={`viewer-stage state-${state}`}>
        <canvas ref={canvas} className="viewer-canvas" hidden={state === 'empty' || (state === 'error' && !shown)} aria-label="Viewed frame" />
        {state === 'empty' && <p className="hint">Select a node to see its output at this frame.</p>}
        {message && (
          <p className={`viewer-message state-${state}`} role={state === 'error' ? 'alert' : 'status'} data-testid="viewer-message">
            {message}
          </p>
        )}
      </div>
      <FrameBar />
    </section>
  );
}
