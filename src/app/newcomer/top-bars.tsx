// Messages across the top of the canvas: the restore offer, what this browser cannot do (from
// the start-up check), and a first-open hint line with the keys that matter. Each can be
// dismissed; the hint stays dismissed.

import { useEffect, useState } from 'react';
import { RestoreOffer } from '../files/restore-offer.tsx';
import { checkCapabilities, type CapabilityProblem } from './capabilities.ts';

const HINT_KEY = 'mattegraph.hint.dismissed';
let checked: Promise<CapabilityProblem[]> | undefined;

function CapabilityBar() {
  const [problems, setProblems] = useState<CapabilityProblem[]>([]);
  const [open, setOpen] = useState(true);
  useEffect(() => {
    let live = true;
    checked ??= checkCapabilities();
    void checked.then((p) => live && setProblems(p));
    return () => {
      live = false;
    };
  }, []);
  if (!open || !problems.length) return null;
  const severe = problems.some((p) => p.severity === 'error');
  return (
    <div className={`top-bar capability-bar ${severe ? 'error' : 'warning'}`} role="alert" aria-label="Browser check">
      <ul>
        {problems.map((p) => <li key={p.feature}>{p.consequence}</li>)}
      </ul>
      <button type="button" onClick={() => setOpen(false)} aria-label="Dismiss the browser check">×</button>
    </div>
  );
}

function HintLine() {
  const [open, setOpen] = useState(() => localStorage.getItem(HINT_KEY) !== '1');
  if (!open) return null;
  return (
    <div className="top-bar hint-line" role="note" aria-label="Getting started">
      <span>
        Select a node to view it · <kbd>Tab</kbd> add a node · drag from a port to wire · <kbd>Space</kbd> play ·{' '}
        <kbd>1</kbd>–<kbd>9</kbd> viewer slots · <kbd>D</kbd> disable · <kbd>Ctrl</kbd>+<kbd>Z</kbd> undo
      </span>
      <button
        type="button"
        aria-label="Dismiss the hint"
        onClick={() => {
          localStorage.setItem(HINT_KEY, '1');
          setOpen(false);
        }}
      >
        ×
      </button>
    </div>
  );
}

export function TopBars() {
  return (
    <div className="top-bars">
      <RestoreOffer />
      <CapabilityBar />
      <HintLine />
    </div>
  );
}
