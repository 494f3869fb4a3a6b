// How one graph node looks on the canvas: its label, a handle per port (coloured by type,
// labelled), a line naming its file when it has one, and its state: working (on which frame),
// missing input, error with its message, ready (with what the node reported), or idle.

import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { isParamShown, type PortSpec } from '../../graph/types.ts';
import { engine } from '../engine.ts';
import { handleBackground } from '../port-colors.ts';
import { useDocumentStore } from '../store/document-store.ts';
import { shownState, useStatusStore, type NodeWork } from '../store/status-store.ts';
import { useViewerStore } from '../store/viewer-store.ts';
import { NodeThumbnail } from './node-thumbnail.tsx';
import { RelinkMedia } from './relink-media.tsx';
import type { GraphFlowNode } from './flow-elements.ts';

function PortRow({ port, side }: { port: PortSpec; side: 'in' | 'out' }) {
  const title = `${port.label}: ${port.types.join(' or ')}${port.optional ? ' (optional)' : ''}`;
  return (
    <div className={`port-row port-${side}`} title={title}>
      <Handle
        type={side === 'in' ? 'target' : 'source'}
        position={side === 'in' ? Position.Left : Position.Right}
        id={port.id}
        className="port-handle"
        style={{ background: handleBackground(port.types) }}
        aria-label={`${side === 'in' ? 'input' : 'output'} ${port.label}`}
      />
      <span className="port-label">{port.label}</span>
    </div>
  );
}

function fileNames(params: Record<string, unknown>, fileKeys: string[]): string[] {
  return fileKeys
    .map((k) => params[k])
    .filter((v): v is string => typeof v === 'string' && v !== '')
    .map((v) => v.split('/').pop() ?? v);
}

/** Labels of required inputs with no wire, joined (a string keeps the store selector stable). */
function useMissingInputs(id: string, inputs: readonly PortSpec[]): string {
  return useDocumentStore((s) =>
    inputs
      .filter((p) => !p.optional && !s.doc.edges.some((e) => e.to.node === id && e.to.port === p.id))
      .map((p) => p.label)
      .join(', '),
  );
}

const stateWords: Record<string, string> = { missing: 'missing input' };
const stateTitles: Record<string, string> = {
  idle: 'idle: not computed yet (view it or something after it)',
  ready: 'ready: computed',
  working: 'working on a frame',
  missing: 'missing input: connect the inputs it needs',
};

/** What a working node is doing, in a few words (after a short delay, so fast nodes do not flicker). */
function WorkingBadge({ work }: { work: NodeWork }) {
  const text = work.frame < work.forFrame ? `pre-roll ${work.frame} → ${work.forFrame}` : `frame ${work.forFrame}`;
  return (
    <span className="graph-node-working" role="status" title={`Working on frame ${work.forFrame}`}>
      working · {text}
    </span>
  );
}

export const GraphNodeView = memo(function GraphNodeView({ id, data, selected }: NodeProps<GraphFlowNode>) {
  const { graphNode } = data;
  const def = engine().registry.get(graphNode.type);
  const status = useStatusStore((s) => s.byNode[id]);
  const work = useStatusStore((s) => s.working[id]);
  const count = useStatusStore((s) => s.counts[id]);
  const missing = useMissingInputs(id, def?.inputs ?? []);
  const slot = useViewerStore((s) => Object.entries(s.slots).find(([, n]) => n === id)?.[0]);
  const viewed = useViewerStore((s) => (s.target === id ? 'A' : s.wipe && s.compare === id ? 'B' : undefined));
  if (!def) return <div className="graph-node state-error">unknown node type {graphNode.type}</div>;
  const fileKeys = Object.entries(def.params)
    .filter(([k, p]) => p.kind === 'file' && isParamShown(def.params, k, graphNode.params))
    .map(([k]) => k);
  const files = fileNames(graphNode.params, fileKeys);
  const state = shownState(status, !!work, !!missing, (count?.results ?? 0) > 0);
  // The dot keeps its colour through a short run and turns "working" only if it lasts (CSS):
  // during playback fast nodes would otherwise blink on every frame.
  const dotState = work ? shownState(status, false, !!missing, (count?.results ?? 0) > 0) : state;
  const computed = count ? `; computed ${count.results} frame${count.results === 1 ? '' : 's'} (${count.runs} runs with pre-roll)` : '';
  const facts = Object.entries(status?.facts ?? {});
  const disabled = !!graphNode.disabled;
  return (
    <div
      className={`graph-node state-${state}${selected ? ' selected' : ''}${disabled ? ' disabled' : ''}`}
      data-node-type={graphNode.type}
      data-state={state}
      data-runs={count?.runs ?? 0}
      data-results={count?.results ?? 0}
      data-last-result={count?.lastResult}
      data-working-frame={work?.frame}
      data-working-for={work?.forFrame}
      title={def.description}
    >
      <div className="graph-node-header">
        <span
          className={`status-dot state-${dotState}${work ? ' busy' : ''}`}
          role="img"
          aria-label={`status ${stateWords[state] ?? state}`}
          title={`${stateTitles[state] ?? state}${computed}`}
        />
        <span className="graph-node-label">{def.label}</span>
        {disabled && <span className="graph-node-badge" title="Disabled (D): passes its main input through">off</span>}
        {viewed && <span className="graph-node-viewed" title={`Shown in the viewer${viewed === 'B' ? ' as B (right of the wipe)' : ''}`}>{viewed === 'A' ? '◉' : 'B'}</span>}
        {slot && <span className="graph-node-slot" title={`Viewer slot ${slot} (press ${slot} to view)`}>{slot}</span>}
        <span className="graph-node-id">{id}</span>
      </div>
      {work && <WorkingBadge work={work} />}
      <NodeThumbnail nodeId={id} />
      <div className="graph-node-ports">
        <div className="ports-in">
          {def.inputs.map((p) => <PortRow key={p.id} port={p} side="in" />)}
        </div>
        <div className="ports-out">
          {def.outputs.map((p) => <PortRow key={p.id} port={p} side="out" />)}
        </div>
      </div>
      {files.length > 0 && <div className="graph-node-file" title={files.join(', ')}>{files.join(', ')}</div>}
      <RelinkMedia nodeId={id} />
      {missing && !(status?.message && status.state === 'error') && (
        <div className="graph-node-message state-missing">missing input: {missing}</div>
      )}
      {status?.message && !(missing && status.state !== 'error') && (
        <div className="graph-node-message" role={state === 'error' ? 'alert' : undefined} title={status.message}>
          {status.message}
        </div>
      )}
      {facts.length > 0 && (
        <div className="graph-node-facts">
          {facts.map(([k, v]) => (
            <span key={k} className="fact" title={`${k}: ${v}`}><span className="fact-key">{k}</span> {v}</span>
          ))}
        </div>
      )}
    </div>
  );
});
