// The viewer's controls: channel mode, A/B wipe (with the node for B), zoom to fit or 100%.

import { engine } from '../engine.ts';
import { useDocumentStore } from '../store/document-store.ts';
import { useViewerStore, type ChannelMode } from '../store/viewer-store.ts';
import { actualSize } from './stage-transform.ts';

const modes: { mode: ChannelMode; label: string; title: string }[] = [
  { mode: 'rgb', label: 'RGB', title: 'Colour' },
  { mode: 'r', label: 'R', title: 'Red channel as grey' },
  { mode: 'g', label: 'G', title: 'Green channel as grey' },
  { mode: 'b', label: 'B', title: 'Blue channel as grey' },
  { mode: 'alpha', label: 'Alpha', title: 'Alpha as grey (a matte’s value)' },
  { mode: 'overlay', label: 'Overlay', title: 'Matte overlay: the source tinted red where alpha is low' },
  { mode: 'checker', label: 'Checker', title: 'The source over a checkerboard, by alpha' },
];

function ChannelButtons() {
  const channel = useViewerStore((s) => s.channel);
  return (
    <div className="segmented" role="radiogroup" aria-label="Channel">
      {modes.map((m) => (
        <button
          key={m.mode}
          type="button"
          role="radio"
          aria-checked={channel === m.mode}
          title={m.title}
          className={channel === m.mode ? 'on' : undefined}
          onClick={() => useViewerStore.getState().patch({ channel: m.mode })}
        >
          {m.label}
        </button>
      ))}
    </div>
  );
}

function WipeControls() {
  const wipe = useViewerStore((s) => s.wipe);
  const compare = useViewerStore((s) => s.compare);
  const target = useViewerStore((s) => s.target);
  const nodes = useDocumentStore((s) => s.doc.nodes);
  const toggle = () => {
    const v = useViewerStore.getState();
    if (v.wipe) return v.patch({ wipe: false });
    const fallback = [v.previous, v.slots[2], v.slots[1], ...nodes.map((n) => n.id)].find(
      (id) => id && id !== v.target && nodes.some((n) => n.id === id),
    );
    v.patch({ wipe: true, compare: v.compare && v.compare !== v.target ? v.compare : fallback });
  };
  return (
    <div className="wipe-controls">
      <button type="button" aria-pressed={wipe} className={wipe ? 'on' : undefined} onClick={toggle} title="A/B wipe: A (the viewed node) left, B right">
        A/B
      </button>
      {wipe && (
        <select
          aria-label="Compare with (B)"
          value={compare ?? ''}
          onChange={(e) => useViewerStore.getState().patch({ compare: e.target.value || undefined })}
        >
          <option value="">B: choose a node</option>
          {nodes.filter((n) => n.id !== target).map((n) => (
            <option key={n.id} value={n.id}>B: {n.id} ({engine().registry.get(n.type)?.label ?? n.type})</option>
          ))}
        </select>
      )}
    </div>
  );
}

export function ZoomControls() {
  const zoom = useViewerStore((s) => s.zoom);
  const shown = useViewerStore((s) => s.shown);
  const toActual = () => {
    const stage = document.querySelector('.viewer-stage');
    if (!stage || !shown) return;
    const t = actualSize(stage.clientWidth, stage.clientHeight, shown.width, shown.height);
    useViewerStore.getState().patch({ zoom: 1, pan: { x: t.x, y: t.y } });
  };
  return (
    <div className="zoom-controls">
      <button type="button" className={zoom === 'fit' ? 'on' : undefined} aria-pressed={zoom === 'fit'} onClick={() => useViewerStore.getState().patch({ zoom: 'fit' })} title="Zoom to fit">
        Fit
      </button>
      <button type="button" className={zoom === 1 ? 'on' : undefined} aria-pressed={zoom === 1} onClick={toActual} title="One picture pixel per screen pixel">
        100%
      </button>
      <span className="zoom-value" data-testid="zoom-value">{zoom === 'fit' ? 'fit' : `${Math.round(zoom * 100)}%`}</span>
    </div>
  );
}

export function ViewerControls() {
  return (
    <div className="viewer-controls">
      <ChannelButtons />
      <WipeControls />
    </div>
  );
}
