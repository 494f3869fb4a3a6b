// Puts a file the user picked or dropped into the graph: the File is registered with the
// services by its name and a node's file param is set to that name; an .onnx goes to the
// model library (which validates it) and the node's `model` param names the new entry.

import type { GraphNode } from '../../graph/document.ts';
import type { FileParam } from '../../graph/types.ts';
import { familyOfIo } from '../../ml/io-signature.ts';
import type { ModelFamily } from '../../ml/model-library.ts';
import { readModelIoWeb } from '../../ml/read-model-io-web.ts';
import { engine } from '../engine.ts';
import { addNode, setNodeParam } from '../graph-actions.ts';
import { useDocumentStore } from '../store/document-store.ts';
import { notify, notifyError } from '../store/notice-store.ts';
import { useStatusStore } from '../store/status-store.ts';
import { useMediaStore } from '../store/media-store.ts';
import { accepts } from './file-kinds.ts';
import { keepMediaCopy } from './media-copies.ts';

/** The model family a node type loads (from its `model` param's schema), if any. */
export function modelFamilyOf(type: string): ModelFamily | undefined {
  const spec = engine().registry.get(type)?.params.model;
  return spec?.kind === 'model' ? (spec.family as ModelFamily) : undefined;
}

const nodeById = (id: string): GraphNode | undefined =>
  useDocumentStore.getState().doc.nodes.find((n) => n.id === id);

/** The first file param of `node` that accepts `file`, if any. */
export function fileParamFor(node: GraphNode, file: File): string | undefined {
  const def = engine().registry.get(node.type);
  if (!def) return undefined;
  return Object.entries(def.params).find(([, p]) => p.kind === 'file' && accepts((p as FileParam).accept, file))?.[0];
}

/**
 * Registers `file` with the services under its name and returns that name. Another file by the
 * same name (but other size or date) gets "name (2).ext", so a param naming it changes and
 * nodes re-open the new bytes.
 */
export function registerUserFile(file: File): string {
  const files = engine().services.userFiles;
  const dot = file.name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [file.name.slice(0, dot), file.name.slice(dot)] : [file.name, ''];
  let name = file.name;
  const same = (b: Blob | undefined) =>
    b instanceof File && b.size === file.size && b.lastModified === file.lastModified;
  for (let i = 2; files.has(name) && !same(files.get(name)); i++) name = `${stem} (${i})${ext}`;
  const fresh = files.get(name) !== file;
  files.set(name, file);
  if (fresh) {
    // Kept for the autosaved session; a node that was missing this file can now find it.
    void keepMediaCopy(name, file);
    useMediaStore.getState().bump();
  }
  return name;
}

/** Sets `node`'s file param `key` to `file`. */
export function setFileParam(nodeId: string, key: string, file: File): void {
  const name = registerUserFile(file);
  setNodeParam(nodeId, key, name);
  notify(`${nodeId}: using ${name}`);
}

/** A video for `nodeId` (a VideoSource), or for a new VideoSource at `position`. */
export function useVideoFile(file: File, nodeId?: string, position?: { x: number; y: number }): string {
  const id = nodeId ?? addNode('VideoSource', position);
  const node = nodeById(id)!;
  const key = fileParamFor(node, file) ?? 'file';
  setFileParam(id, key, file);
  return id;
}

/** Adds an .onnx to the model library and points `nodeId`'s model param at it. */
export async function useModelFile(file: File, nodeId: string): Promise<boolean> {
  const node = nodeById(nodeId);
  const family = node && modelFamilyOf(node.type);
  if (!node || !family) {
    notifyError(`${file.name}: only a model node (RVM Matte, BGMv2 Matte) takes an .onnx file`);
    return false;
  }
  notify(`Checking model ${file.name}…`);
  try {
    const entry = await engine().services.models.add(family, file);
    setNodeParam(nodeId, 'model', entry.id);
    notify(`${nodeId}: using model ${entry.label}`);
    return true;
  } catch (e) {
    // The library's reason names the file already; say what to do when it is another family's.
    const reason = (e instanceof Error ? e.message : String(e)).replace(/^"[^"]*" was refused: /, '');
    const message = `${file.name} not used: ${reason}${await otherFamilyHint(file, family)}`;
    notifyError(message);
    useStatusStore.getState().set(nodeId, { state: 'error', message });
    return false;
  }
}

/** When a refused model's inputs are those of another family: which node takes it. */
async function otherFamilyHint(file: File, family: ModelFamily): Promise<string> {
  try {
    const other = familyOfIo(await readModelIoWeb(new Uint8Array(await file.arrayBuffer())));
    if (other === family) return '';
    const label = engine().registry.all().find((d) => modelFamilyOf(d.type) === other)?.label;
    return label ? `. It looks like a model for ${label}: drop it on a ${label} node or on empty canvas` : '';
  } catch {
    return '';
  }
}
