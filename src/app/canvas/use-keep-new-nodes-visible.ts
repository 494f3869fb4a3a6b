// When a node appears outside the visible part of the canvas, zoom out to show the whole graph.

import { useReactFlow } from '@xyflow/react';
import { useEffect, useRef, type RefObject } from 'react';
import type { GraphDocument } from '../../graph/document.ts';

const NODE_BOX = { width: 210, height: 140 };

export function useKeepNewNodesVisible(doc: GraphDocument, container: RefObject<HTMLElement | null>): void {
  const flow = useReactFlow();
  const known = useRef<Set<string> | undefined>(undefined);
  useEffect(() => {
    const ids = new Set(doc.nodes.map((n) => n.id));
    const before = known.current;
    known.current = ids;
    const box = container.current?.getBoundingClientRect();
    if (!before || !box) return;
    const added = doc.nodes.filter((n) => !before.has(n.id));
    // A whole new document (Open, New) is framed by fitting it.
    if (added.length === doc.nodes.length && added.length > 0) {
      void flow.fitView({ padding: 0.15, maxZoom: 1 });
      return;
    }
    const outside = added.some((n) => {
      const a = flow.flowToScreenPosition(n.position);
      const b = flow.flowToScreenPosition({ x: n.position.x + NODE_BOX.width, y: n.position.y + NODE_BOX.height });
      return a.x < box.left || a.y < box.top || b.x > box.right || b.y > box.bottom;
    });
    if (outside) void flow.fitView({ padding: 0.15, maxZoom: 1 });
  }, [doc, flow, container]);
}
