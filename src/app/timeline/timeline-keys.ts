// Timeline keys: Space play/pause, J/K/L shuttle, ←/→ step (Shift: 10), Home/End jump to
// in/out, I/O set in/out.

import { controlOwnsKey } from '../edit/key-targets.ts';
import type { KeyCommand } from '../edit/use-shortcuts.ts';
import { goToIn, goToOut, setIn, setOut, shuttle, step, stop, togglePlay } from './transport.ts';

export const timelineKeys: KeyCommand = (e) => {
  if (e.ctrlKey || e.metaKey || e.altKey || controlOwnsKey(document.activeElement, e.key)) return false;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  const actions: Record<string, () => void> = {
    ' ': togglePlay,
    j: () => shuttle(-1),
    k: stop,
    l: () => shuttle(1),
    ArrowLeft: () => step(e.shiftKey ? -10 : -1),
    ArrowRight: () => step(e.shiftKey ? 10 : 1),
    Home: goToIn,
    End: goToOut,
    i: setIn,
    o: setOut,
  };
  const action = actions[key];
  if (!action) return false;
  action();
  return true;
};
