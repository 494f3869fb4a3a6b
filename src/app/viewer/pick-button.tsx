// The picker next to a colour param in the inspector: arms a pick in the viewer (which then
// shows the node's input); pressed again, or Esc, cancels. Disabled, with the reason, while
// the node has no image wired in to pick from.

import type { NodeRegistry } from '../../graph/registry.ts';
import { engine } from '../engine.ts';
import { useDocumentStore } from '../store/document-store.ts';
import { notify } from '../store/notice-store.ts';
import { useViewerStore } from '../store/viewer-store.ts';
import { pickBlocker } from './pick-target.ts';

/** An eyedropper, drawn (no font on every system has one). */
function PipetteIcon() {
  return (
    <svg width="12" height="12" viewBox="0 0 16 16" aria-hidden>
      <path d="M11.5 1.5l3 3-2 2-1-1-6.5 6.5H3v-2l6.5-6.5-1-1z" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinejoin="round" />
      <path d="M3 13l-1.5 1.5" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" />
    </svg>
  );
}

export function PickButton({ nodeId, param, label }: { nodeId: string; param: string; label: string }) {
  const armed = useViewerStore((s) => s.picking?.node === nodeId && s.picking.param === param);
  const blocker = useDocumentStore((s) => pickBlocker(s.doc, engine().registry as NodeRegistry<unknown>, nodeId));
  const toggle = () => {
    useViewerStore.getState().patch({ picking: armed ? undefined : { node: nodeId, param } });
    notify(armed ? 'Colour pick cancelled' : `Pick ${label.toLowerCase()}: click or drag over the viewer (Esc cancels)`);
  };
  return (
    <button
      type="button"
      aria-pressed={armed}
      aria-label="Eyedropper: pick from the viewer"
      disabled={!!blocker}
      title={blocker ? `Cannot pick: ${blocker}` : 'Pick from the viewer: click a pixel, or drag a rectangle to take its average, of the node\'s input. Ctrl+click or Ctrl+drag in the viewer picks too.'}
      className="pick-button"
      onClick={toggle}
    >
      <PipetteIcon /> Pick
    </button>
  );
}
