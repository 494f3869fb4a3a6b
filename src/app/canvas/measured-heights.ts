// Node heights as the canvas measured them, readable outside React (node placement uses them).

import { useEffect } from 'react';
import type { Measured } from './flow-elements.ts';

let heights: ReadonlyMap<string, Measured> = new Map();

export const measuredHeight = (nodeId: string): number | undefined => heights.get(nodeId)?.height;

export function useMeasuredHeights(measured: ReadonlyMap<string, Measured>): void {
  useEffect(() => {
    heights = measured;
  }, [measured]);
}
