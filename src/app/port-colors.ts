// One colour per port type, shared by handles, wires and legends.

import type { PortType } from '../graph/types.ts';

export const portColor: Record<PortType, string> = {
  image: '#4da3ff',
  matte: '#d9d9d9',
};

/** A handle's colour: a port taking several types shows them split. */
export function handleBackground(types: readonly PortType[]): string {
  if (types.length === 1) return portColor[types[0]];
  const stops = types.map((t, i) => `${portColor[t]} ${(i * 100) / types.length}% ${((i + 1) * 100) / types.length}%`);
  return `linear-gradient(90deg, ${stops.join(', ')})`;
}
