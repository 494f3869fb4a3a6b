// Turns the graph document into React Flow nodes and edges. Node objects are reused while
// nothing about them changed, so React Flow does not re-measure them on every edit.

import type { Edge, Node } from '@xyflow/react';
import type { GraphDocument, GraphNode } from '../../graph/document.ts';
import type { NodeRegistry } from '../../graph/registry.ts';
import { portColor } from '../port-colors.ts';

export type GraphFlowNode = Node<{ graphNode: GraphNode }, 'graph'>;

export interface Measured {
  width: number;
  height: number;
}

interface CacheEntry {
  graphNode: GraphNode;
  selected: boolean;
  measured?: Measured;
  flow: GraphFlowNode;
}

export class FlowNodeCache {
  private readonly entries = new Map<string, CacheEntry>();

  nodes(doc: GraphDocument, selectedIds: ReadonlySet<string>, measured: ReadonlyMap<string, Measured>): GraphFlowNode[] {
    const out: GraphFlowNode[] = [];
    const live = new Set<string>();
    for (const graphNode of doc.nodes) {
      live.add(graphNode.id);
      const selected = selectedIds.has(graphNode.id);
      const size = measured.get(graphNode.id);
      const old = this.entries.get(graphNode.id);
      if (old && old.graphNode === graphNode && old.selected === selected && old.measured === size) {
        out.push(old.flow);
        continue;
      }
      const flow: GraphFlowNode = {
        id: graphNode.id,
        type: 'graph',
        position: graphNode.position,
        data: { graphNode },
        selected,
        ...(size ? { measured: size } : {}),
      };
      this.entries.set(graphNode.id, { graphNode, selected, measured: size, flow });
      out.push(flow);
    }
    for (const id of [...this.entries.keys()]) if (!live.has(id)) this.entries.delete(id);
    return out;
  }
}

export function flowEdges(doc: GraphDocument, registry: NodeRegistry<unknown>, selected: readonly string[]): Edge[] {
  return doc.edges.map((e) => {
    const src = doc.nodes.find((n) => n.id === e.from.node);
    const type = src && registry.get(src.type)?.outputs.find((p) => p.id === e.from.port)?.types[0];
    const isSelected = selected.includes(e.id);
    return {
      id: e.id,
      source: e.from.node,
      sourceHandle: e.from.port,
      target: e.to.node,
      targetHandle: e.to.port,
      selected: isSelected,
      className: type ? `wire-${type}` : undefined,
      ariaLabel: `wire ${e.from.node}.${e.from.port} to ${e.to.node}.${e.to.port}${type ? ` (${type})` : ''}`,
      style: { stroke: type ? portColor[type] : undefined, strokeWidth: isSelected ? 3 : 2 },
    };
  });
}
