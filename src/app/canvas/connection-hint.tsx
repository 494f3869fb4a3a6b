// Next to the mouse while dragging a wire over a port that cannot take it: the reason why
// (and for a few seconds after such a drop).

import { useConnection } from '@xyflow/react';
import type { RefObject } from 'react';
import { useHintStore } from '../store/hint-store.ts';
import { verdictFor } from './connection-verdict.ts';

export function ConnectionHint({ container }: { container: RefObject<HTMLElement | null> }) {
  const connection = useConnection();
  const after = useHintStore((s) => s.hint);
  let hint = after;
  if (connection.inProgress && connection.toHandle) {
    const verdict = verdictFor(connection.fromHandle, connection.toHandle);
    const box = container.current?.getBoundingClientRect();
    if (!verdict.ok && box) {
      hint = { text: verdict.reason, x: box.left + connection.pointer.x, y: box.top + connection.pointer.y };
    }
  }
  if (!hint) return null;
  return (
    <div className="cursor-hint" role="alert" style={{ left: hint.x + 14, top: hint.y + 14 }} data-testid="cursor-hint">
      {hint.text}
    </div>
  );
}
