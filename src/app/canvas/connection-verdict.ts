// canConnect for a connection React Flow reports, whichever end the user started from.

import { canConnect, type ConnectVerdict } from '../../graph/can-connect.ts';
import type { NodeRegistry } from '../../graph/registry.ts';
import { engine } from '../engine.ts';
import { useDocumentStore } from '../store/document-store.ts';

export interface HandleEnd {
  nodeId: string;
  id?: string | null;
  type: 'source' | 'target';
}

export function verdictFor(a: HandleEnd, b: HandleEnd): ConnectVerdict {
  if (a.type === b.type) {
    return { ok: false, reason: 'a wire goes from an output (right side) to an input (left side)' };
  }
  const [out, inp] = a.type === 'source' ? [a, b] : [b, a];
  return canConnect(
    useDocumentStore.getState().doc,
    engine().registry as NodeRegistry<unknown>,
    { node: out.nodeId, port: out.id ?? '' },
    { node: inp.nodeId, port: inp.id ?? '' },
  );
}
