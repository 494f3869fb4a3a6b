// Where a node added from the menu goes: in a column by category (sources left, outputs right),
// below whatever already sits in that column, so a pipeline built in order reads left to right.

import type { GraphDocument } from '../graph/document.ts';
import type { NodeDefinition } from '../graph/types.ts';

const columnOf: Record<NodeDefinition['category'], number> = {
  Source: 0,
  Matte: 1,
  Composite: 2,
  Output: 3,
  View: 3,
};

export const COLUMN_WIDTH = 250;
const ROW_GAP = 40;
/** Used for nodes the canvas has not measured yet. */
const FALLBACK_HEIGHT = 120;

export function placeNewNode(
  doc: GraphDocument,
  category: NodeDefinition['category'],
  heightOf: (nodeId: string) => number | undefined,
): { x: number; y: number } {
  const originX = doc.nodes.length ? Math.min(...doc.nodes.map((n) => n.position.x)) : 0;
  const originY = doc.nodes.length ? Math.min(...doc.nodes.map((n) => n.position.y)) : 0;
  const x = originX + columnOf[category] * COLUMN_WIDTH;
  let y = originY;
  for (const n of doc.nodes) {
    if (Math.abs(n.position.x - x) >= COLUMN_WIDTH * 0.8) continue;
    y = Math.max(y, n.position.y + (heightOf(n.id) ?? FALLBACK_HEIGHT) + ROW_GAP);
  }
  return { x, y };
}
