// The node canvas (React Flow), controlled by the document store: moves, selections, deletions
// and new wires become document edits. A refused wire shows canConnect's reason in the status
// line; files dropped here are handled by files/handle-drop.ts.

import {
  Background,
  Controls,
  ReactFlow,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type FinalConnectionState,
  type NodeChange,
} from '@xyflow/react';
import { useCallback, useMemo, useRef, useState, type DragEvent } from 'react';
import type { NodeRegistry } from '../../graph/registry.ts';
import { engine } from '../engine.ts';
import { handleDroppedFiles } from '../files/handle-drop.ts';
import { connect, moveNode, removeEdges, removeNodes } from '../graph-actions.ts';
import { useDocumentStore } from '../store/document-store.ts';
import { notifyError } from '../store/notice-store.ts';
import { useSelectionStore } from '../store/selection-store.ts';
import { FlowNodeCache, flowEdges, type GraphFlowNode, type Measured } from './flow-elements.ts';
import { GraphNodeView } from './graph-node-view.tsx';
import { useMeasuredHeights } from './measured-heights.ts';
import { useKeepNewNodesVisible } from './use-keep-new-nodes-visible.ts';

const nodeTypes = { graph: GraphNodeView };
const deleteKeys = ['Delete', 'Backspace'];

export function GraphCanvas() {
  const doc = useDocumentStore((s) => s.doc);
  const selectedNode = useSelectionStore((s) => s.nodeId);
  const selectedEdges = useSelectionStore((s) => s.edgeIds);
  const [measured, setMeasured] = useState<ReadonlyMap<string, Measured>>(new Map());
  const measuredRef = useRef(measured);
  measuredRef.current = measured;
  const [cache] = useState(() => new FlowNodeCache());
  const flow = useReactFlow<GraphFlowNode>();
  const container = useRef<HTMLDivElement>(null);
  useMeasuredHeights(measured);
  useKeepNewNodesVisible(doc, container);

  const nodes = useMemo(() => cache.nodes(doc, selectedNode, measured), [cache, doc, selectedNode, measured]);
  const edges = useMemo(
    () => flowEdges(doc, engine().registry as NodeRegistry<unknown>, selectedEdges),
    [doc, selectedEdges],
  );

  const onNodesChange = useCallback((changes: NodeChange<GraphFlowNode>[]) => {
    const removed: string[] = [];
    let sizes: Map<string, Measured> | undefined;
    for (const c of changes) {
      if (c.type === 'position' && c.position) moveNode(c.id, c.position);
      else if (c.type === 'remove') removed.push(c.id);
      else if (c.type === 'select') {
        const sel = useSelectionStore.getState();
        if (c.selected) sel.selectNode(c.id);
        else if (sel.nodeId === c.id) sel.selectNode(undefined);
      } else if (c.type === 'dimensions' && c.dimensions) {
        sizes ??= new Map(measuredRef.current);
        sizes.set(c.id, { width: c.dimensions.width, height: c.dimensions.height });
      }
    }
    if (sizes) setMeasured(sizes);
    removeNodes(removed);
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    const removed = changes.filter((c) => c.type === 'remove').map((c) => c.id);
    const selects = changes.filter((c) => c.type === 'select');
    if (selects.length) {
      const ids = new Set(useSelectionStore.getState().edgeIds);
      for (const c of selects) {
        if (c.selected) ids.add(c.id);
        else ids.delete(c.id);
      }
      const sel = useSelectionStore.getState();
      if (ids.size) {
        sel.selectNode(undefined);
        sel.setEdges([...ids]);
      } else sel.setEdges([]);
    }
    removeEdges(removed);
  }, []);

  const onConnect = useCallback((c: Connection) => {
    if (!c.sourceHandle || !c.targetHandle) return;
    connect({ node: c.source, port: c.sourceHandle }, { node: c.target, port: c.targetHandle });
  }, []);

  // React Flow only calls onConnect for output -> input; say why other drops did nothing.
  const onConnectEnd = useCallback((_: MouseEvent | TouchEvent, state: FinalConnectionState) => {
    if (state.isValid !== false || !state.toHandle || !state.fromHandle) return;
    if (state.toHandle.type === state.fromHandle.type) {
      notifyError(`Cannot connect: a wire goes from an output (right side) to an input (left side)`);
    }
  }, []);

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const files = [...e.dataTransfer.files];
      if (!files.length) return;
      e.preventDefault();
      const nodeEl = (e.target as Element).closest?.('.react-flow__node');
      const position = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      void handleDroppedFiles(files, { nodeId: nodeEl?.getAttribute('data-id') ?? undefined, position });
    },
    [flow],
  );

  return (
    <div className="canvas" ref={container} onDragOver={onDragOver} onDrop={onDrop} aria-label="Graph canvas">
      <ReactFlow<GraphFlowNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        onPaneClick={() => useSelectionStore.getState().clear()}
        deleteKeyCode={deleteKeys}
        multiSelectionKeyCode={null}
        colorMode="dark"
        fitView
        fitViewOptions={{ maxZoom: 1, padding: 0.15 }}
        minZoom={0.2}
      >
        <Background gap={20} size={1} />
        <Controls showInteractive={false} position="bottom-left" />
      </ReactFlow>
      {doc.nodes.length === 0 && (
        <div className="canvas-empty">Empty graph: use “Add node”, or drop a video here.</div>
      )}
    </div>
  );
}
