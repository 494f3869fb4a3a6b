// The node canvas (React Flow), controlled by the document store: moves, selections, deletions
// and new wires become document edits (a drag or a Delete is one undo step). A refused wire
// shows canConnect's reason next to the mouse and in the status line; a wire dropped on empty
// canvas opens the node search for types that fit it; files and folders dropped here go to
// dropped-folders.ts and handle-drop.ts.

import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type FinalConnectionState,
  type NodeChange,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import type { NodeRegistry } from '../../graph/registry.ts';
import { setCanvasPointer } from '../edit/canvas-pointer.ts';
import { registerFrameAll } from '../edit/canvas-view.ts';
import { engine } from '../engine.ts';
import { handleDroppedItems, takeDropped } from '../files/dropped-folders.ts';
import { connect, moveNodes } from '../graph-actions.ts';
import { portColor } from '../port-colors.ts';
import { useDocumentStore } from '../store/document-store.ts';
import { beginGesture, endGesture } from '../store/edit-groups.ts';
import { useHintStore } from '../store/hint-store.ts';
import { notifyError } from '../store/notice-store.ts';
import { useSearchStore } from '../store/search-store.ts';
import { useSelectionStore } from '../store/selection-store.ts';
import { ConnectionHint } from './connection-hint.tsx';
import { verdictFor } from './connection-verdict.ts';
import { deleteSelected } from './delete-selected.ts';
import { FlowNodeCache, flowEdges, type GraphFlowNode, type Measured } from './flow-elements.ts';
import { GraphNodeView } from './graph-node-view.tsx';
import { useEvaluatorActivity } from './use-evaluator-activity.ts';
import { useMeasuredHeights } from './measured-heights.ts';
import { useKeepNewNodesVisible } from './use-keep-new-nodes-visible.ts';
import { TopBars } from '../newcomer/top-bars.tsx';

const nodeTypes = { graph: GraphNodeView };
const deleteKeys = ['Delete', 'Backspace'];
const multiSelectKeys = ['Control', 'Meta'];
const fitOptions = { maxZoom: 1, padding: 0.15 };

function applySelection(changes: NodeChange<GraphFlowNode>[]) {
  const sel = useSelectionStore.getState();
  const ids = [...sel.nodeIds];
  for (const c of changes) {
    if (c.type !== 'select') continue;
    const at = ids.indexOf(c.id);
    if (c.selected && at < 0) ids.push(c.id);
    if (!c.selected && at >= 0) ids.splice(at, 1);
  }
  if (ids.length !== sel.nodeIds.length || ids.some((id, i) => id !== sel.nodeIds[i])) sel.selectNodes(ids);
}

export function GraphCanvas() {
  const doc = useDocumentStore((s) => s.doc);
  const selectedNodes = useSelectionStore((s) => s.nodeIds);
  const selectedEdges = useSelectionStore((s) => s.edgeIds);
  const [measured, setMeasured] = useState<ReadonlyMap<string, Measured>>(new Map());
  const measuredRef = useRef(measured);
  measuredRef.current = measured;
  const [cache] = useState(() => new FlowNodeCache());
  const flow = useReactFlow<GraphFlowNode>();
  const container = useRef<HTMLDivElement>(null);
  useMeasuredHeights(measured);
  useEvaluatorActivity();
  useKeepNewNodesVisible(doc, container);
  useEffect(() => {
    registerFrameAll(() => void flow.fitView({ ...fitOptions, duration: 200 }));
    return () => registerFrameAll(undefined);
  }, [flow]);

  const selectedSet = useMemo(() => new Set(selectedNodes), [selectedNodes]);
  const nodes = useMemo(() => cache.nodes(doc, selectedSet, measured), [cache, doc, selectedSet, measured]);
  const edges = useMemo(
    () => flowEdges(doc, engine().registry as NodeRegistry<unknown>, selectedEdges),
    [doc, selectedEdges],
  );

  const onNodesChange = useCallback((changes: NodeChange<GraphFlowNode>[]) => {
    let sizes: Map<string, Measured> | undefined;
    const moves = new Map<string, { x: number; y: number }>();
    for (const c of changes) {
      if (c.type === 'position' && c.position) moves.set(c.id, c.position);
      else if (c.type === 'dimensions' && c.dimensions) {
        sizes ??= new Map(measuredRef.current);
        sizes.set(c.id, { width: c.dimensions.width, height: c.dimensions.height });
      }
    }
    if (sizes) setMeasured(sizes);
    moveNodes(moves);
    applySelection(changes);
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    const selects = changes.filter((c) => c.type === 'select');
    if (!selects.length) return;
    const ids = new Set(useSelectionStore.getState().edgeIds);
    for (const c of selects) {
      if (c.selected) ids.add(c.id);
      else ids.delete(c.id);
    }
    useSelectionStore.getState().setEdges([...ids]);
  }, []);

  const onConnect = useCallback((c: Connection) => {
    if (!c.sourceHandle || !c.targetHandle) return;
    connect({ node: c.source, port: c.sourceHandle }, { node: c.target, port: c.targetHandle });
  }, []);

  const isValidConnection = useCallback((c: Connection | Edge) => {
    return verdictFor(
      { nodeId: c.source, id: c.sourceHandle, type: 'source' },
      { nodeId: c.target, id: c.targetHandle, type: 'target' },
    ).ok;
  }, []);

  // A refused drop says why, next to the mouse; a drop on empty canvas offers fitting nodes.
  const onConnectEnd = useCallback((event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
    if (!state.fromHandle) return;
    const point = 'changedTouches' in event ? event.changedTouches[0] : event;
    const at = { x: point.clientX, y: point.clientY };
    if (state.toHandle) {
      const verdict = verdictFor(state.fromHandle, state.toHandle);
      if (!verdict.ok) {
        notifyError(`Cannot connect: ${verdict.reason}`);
        useHintStore.getState().show({ text: verdict.reason, ...at });
      }
      return;
    }
    const onPane = (event.target as Element | null)?.closest?.('.react-flow__pane');
    if (!onPane) return;
    const ref = { node: state.fromHandle.nodeId, port: state.fromHandle.id ?? '' };
    useSearchStore.getState().open({
      at,
      place: flow.screenToFlowPosition(at),
      link: state.fromHandle.type === 'source' ? { from: ref } : { to: ref },
      returnFocus: document.activeElement as HTMLElement | null,
    });
  }, [flow]);

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const dropped = takeDropped(e.dataTransfer);
      if (!dropped.files.length && !dropped.folders.length) return;
      e.preventDefault();
      const nodeEl = (e.target as Element).closest?.('.react-flow__node');
      const position = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      void handleDroppedItems(dropped, { nodeId: nodeEl?.getAttribute('data-id') ?? undefined, position });
    },
    [flow],
  );

  const onPointerMove = useCallback(
    (e: React.PointerEvent) => {
      const client = { x: e.clientX, y: e.clientY };
      setCanvasPointer({ client, flow: flow.screenToFlowPosition(client) });
    },
    [flow],
  );

  return (
    <div
      className="canvas"
      ref={container}
      onDragOver={onDragOver}
      onDrop={onDrop}
      onPointerMove={onPointerMove}
      onPointerLeave={() => setCanvasPointer(undefined)}
      aria-label="Graph canvas"
      role="region"
    >
      <ReactFlow<GraphFlowNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onDelete={({ nodes: n, edges: e }) => deleteSelected(n.map((x) => x.id), e.map((x) => x.id))}
        onNodeDragStart={beginGesture}
        onNodeDragStop={endGesture}
        onSelectionDragStart={beginGesture}
        onSelectionDragStop={endGesture}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onPaneClick={() => useSelectionStore.getState().clear()}
        deleteKeyCode={deleteKeys}
        multiSelectionKeyCode={multiSelectKeys}
        selectionKeyCode="Shift"
        panActivationKeyCode={null}
        zoomActivationKeyCode={null}
        colorMode="dark"
        fitView
        fitViewOptions={fitOptions}
        minZoom={0.2}
      >
        <Background gap={20} size={1} />
        <Controls showInteractive={false} position="bottom-left" />
        <MiniMap
          position="bottom-right"
          pannable
          zoomable
          ariaLabel="Minimap of the graph"
          nodeColor={(n) => (n.selected ? portColor.image : '#5b6270')}
          maskColor="rgb(10 12 16 / 0.6)"
          style={{ width: 150, height: 100 }}
        />
        <ConnectionHint container={container} />
      </ReactFlow>
      <TopBars />
      {doc.nodes.length === 0 && (
        <div className="canvas-empty">
          <p>Drop a video here or press <kbd>Tab</kbd> to add a node</p>
        </div>
      )}
    </div>
  );
}
