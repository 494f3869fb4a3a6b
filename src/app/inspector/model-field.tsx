// The `model` param of a model node (RVM): `auto` or one of the library's models (installed or
// kept in browser storage), and a button to add an .onnx from disk (validated by the library,
// refused with its reason). The list follows the model page's adds and removes.

import { useEffect, useRef, useState } from 'react';
import type { ModelEntry, ModelFamily } from '../../ml/model-library.ts';
import { engine } from '../engine.ts';
import { useModelFile } from '../files/use-file.ts';
import { useModelsStore, watchModelLibrary } from '../models/models-store.ts';

interface Props {
  id: string;
  nodeId: string;
  label: string;
  family: ModelFamily;
  value: string;
  onChange(value: string): void;
}

export function ModelField({ id, nodeId, label, family, value, onChange }: Props) {
  const [models, setModels] = useState<ModelEntry[] | undefined>();
  const [listError, setListError] = useState<string>();
  const input = useRef<HTMLInputElement>(null);
  const version = useModelsStore((s) => s.version);
  useEffect(() => {
    watchModelLibrary();
    let live = true;
    engine().services.models.list(family).then(
      (m) => live && (setModels(m), setListError(undefined)),
      (e: unknown) => live && setListError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [family, value, version]);
  const known = models?.some((m) => m.id === value) ?? true;
  return (
    <div className="model-field">
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-label={label}>
        <option value="auto">auto (best installed)</option>
        {models?.map((m) => (
          <option key={m.id} value={m.id}>
            {m.label}
            {m.official ? '' : ' (not official)'}
          </option>
        ))}
        {!known && value !== 'auto' && <option value={value}>{value} (not available)</option>}
      </select>
      <button type="button" onClick={() => input.current?.click()}>Add .onnx…</button>
      <input
        ref={input}
        type="file"
        accept=".onnx"
        hidden
        aria-label={`${label}: add .onnx file`}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void useModelFile(file, nodeId);
        }}
      />
      {listError && <div className="field-error">{listError}</div>}
    </div>
  );
}
