// The inspector: the selected node's name, description, status and params, generated from
// its definition's params schema.

import { isParamShown } from '../../graph/types.ts';
import { engine } from '../engine.ts';
import { toggleDisabled } from '../graph-actions.ts';
import { useDocumentStore } from '../store/document-store.ts';
import { useSelectionStore } from '../store/selection-store.ts';
import { useStatusStore } from '../store/status-store.ts';
import { ParamField } from './param-field.tsx';

export function Inspector() {
  const nodeId = useSelectionStore((s) => s.nodeId);
  const node = useDocumentStore((s) => s.doc.nodes.find((n) => n.id === nodeId));
  const status = useStatusStore((s) => (nodeId ? s.byNode[nodeId] : undefined));
  if (!node) {
    return (
      <section className="inspector" aria-label="Inspector">
        <h2>Inspector</h2>
        <p className="hint">Select a node to see and change its settings.</p>
      </section>
    );
  }
  const def = engine().registry.get(node.type);
  // Params the current mode does not use (e.g. a plate's picture in Video mode) are hidden.
  const schema = def?.params ?? {};
  const params = Object.entries(schema).filter(([key]) => isParamShown(schema, key, node.params));
  return (
    <section className="inspector" aria-label="Inspector">
      <h2>
        {def?.label ?? node.type} <span className="node-id">{node.id}</span>
      </h2>
      {def && <p className="description">{def.description}</p>}
      <label className="disable-toggle">
        <input type="checkbox" checked={!!node.disabled} onChange={() => toggleDisabled([node.id])} />
        Disabled <kbd>D</kbd> <span className="hint">passes its main input through</span>
      </label>
      {status?.message && <p className={`inspector-status state-${status.state}`}>{status.message}</p>}
      {params.length === 0 && <p className="hint">This node has no settings.</p>}
      <div className="params">
        {params.map(([key, spec]) => <ParamField key={`${node.id}.${key}`} node={node} paramKey={key} spec={spec} />)}
      </div>
    </section>
  );
}
