// One inspector row, generated from a param's schema: the control depends on its kind. A
// colour of a node with an image input can also be picked from the viewer.

import type { GraphNode } from '../../graph/document.ts';
import type { ParamSpec, ParamValue } from '../../graph/types.ts';
import type { NodeRegistry } from '../../graph/registry.ts';
import type { ModelFamily } from '../../ml/model-library.ts';
import { engine } from '../engine.ts';
import { FolderButton } from '../files/folder-button.tsx';
import { takesSequences, useFilesForParam } from '../files/sequence-files.ts';
import { setNodeParam } from '../graph-actions.ts';
import { FileField } from './file-field.tsx';
import { ModelField } from './model-field.tsx';
import { PickButton } from '../viewer/pick-button.tsx';
import { hasPickableColour } from '../viewer/pick-target.ts';
import { NumberField } from './number-field.tsx';

interface Props {
  node: GraphNode;
  paramKey: string;
  spec: ParamSpec;
}

function Control({ node, paramKey, spec, id }: Props & { id: string }) {
  const value: ParamValue = node.params[paramKey] ?? spec.default;
  const set = (v: ParamValue) => setNodeParam(node.id, paramKey, v);
  switch (spec.kind) {
    case 'number':
      return <NumberField id={id} label={spec.label} value={Number(value)} min={spec.min} max={spec.max} step={spec.step} onChange={set} />;
    case 'numberOrAuto':
      return (
        <NumberField
          id={id}
          label={spec.label}
          value={value === 'auto' ? 'auto' : Number(value)}
          min={spec.min}
          max={spec.max}
          step={spec.step}
          allowAuto
          onChange={set}
        />
      );
    case 'boolean':
      return <input id={id} type="checkbox" checked={Boolean(value)} onChange={(e) => set(e.target.checked)} />;
    case 'color':
      return (
        <div className="color-field">
          <input id={id} type="color" value={String(value)} onChange={(e) => set(e.target.value)} />
          <code>{String(value)}</code>
          {hasPickableColour(engine().registry as NodeRegistry<unknown>, node.type) && (
            <PickButton nodeId={node.id} param={paramKey} label={spec.label} />
          )}
        </div>
      );
    case 'enum':
      return (
        <select id={id} value={String(value)} onChange={(e) => set(e.target.value)}>
          {spec.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
      );
    case 'file':
      return (
        <>
          <FileField id={id} label={spec.label} value={String(value)} accept={spec.accept} onFiles={(fs) => void useFilesForParam(node.id, paramKey, fs)} />
          {takesSequences(node.type) && <FolderButton nodeId={node.id} paramKey={paramKey} label={spec.label} />}
        </>
      );
    case 'model':
      return (
        <ModelField id={id} nodeId={node.id} label={spec.label} family={spec.family as ModelFamily} value={String(value)} onChange={set} />
      );
    case 'string':
      return <input id={id} type="text" value={String(value)} spellCheck={false} onChange={(e) => set(e.target.value)} />;
  }
}

export function ParamField(props: Props) {
  const id = `param-${props.node.id}-${props.paramKey}`;
  return (
    <div className="param-row">
      <label htmlFor={id} className="param-label" title={props.spec.help}>
        {props.spec.label}
      </label>
      <div className="param-control">
        <Control {...props} id={id} />
        {props.spec.help && <div className="param-help">{props.spec.help}</div>}
      </div>
    </div>
  );
}
