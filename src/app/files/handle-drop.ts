// Files dropped on the canvas. Numbered pictures dropped together are one image sequence: it
// fills the Video Source under the cursor (or the selected one), else becomes a new Video
// Source. A video or picture fills the node under the cursor that takes it, else the selected
// node that takes it; otherwise it becomes a new node of the first type whose file param takes
// it (a video or a single picture: Video Source). An .onnx goes to the model node
// under the cursor; elsewhere its inputs tell its family (a `bgr` input: BGMv2), and it fills
// the selected node of that family or becomes a new one. A .json opens as a graph.

import type { GraphNode } from '../../graph/document.ts';
import type { EnumParam, FileParam } from '../../graph/types.ts';
import { familyOfIo } from '../../ml/io-signature.ts';
import type { ModelFamily } from '../../ml/model-library.ts';
import { readModelIoWeb } from '../../ml/read-model-io-web.ts';
import { engine } from '../engine.ts';
import { addNode, setNodeParam } from '../graph-actions.ts';
import { openGraphFile } from '../graph-file.ts';
import { useDocumentStore } from '../store/document-store.ts';
import { notify, notifyError } from '../store/notice-store.ts';
import { useSelectionStore } from '../store/selection-store.ts';
import { accepts, fileKind, type FileKind } from './file-kinds.ts';
import { splitSequences, takesSequences, useSequence } from './sequence-files.ts';
import { fileParamFor, modelFamilyOf, setFileParam, useModelFile, useVideoFile } from './use-file.ts';

export interface DropPlace {
  /** The node under the cursor, if any. */
  nodeId?: string;
  /** Drop point in graph coordinates. */
  position: { x: number; y: number };
}

const node = (id: string | undefined): GraphNode | undefined =>
  id === undefined ? undefined : useDocumentStore.getState().doc.nodes.find((n) => n.id === id);

export async function handleDroppedFiles(files: readonly File[], place: DropPlace): Promise<void> {
  const under = node(place.nodeId);
  const selected = node(useSelectionStore.getState().nodeId);
  let offset = 0;
  const nextPosition = () => ({ x: place.position.x, y: place.position.y + 240 * offset++ });
  const graph = files.find((f) => fileKind(f) === 'graph');
  if (graph) {
    await openGraphFile(graph);
    return;
  }
  const { sequences, rest } = splitSequences(files);
  let target = [under, selected].find((n) => takesSequences(n?.type));
  for (const seq of sequences) {
    // One sequence fills the node; another one dropped with it gets a node of its own.
    const fill = target && { nodeId: target.id, key: 'file' };
    target = undefined;
    await useSequence(seq, fill, fill ? undefined : nextPosition());
  }
  for (const file of rest) {
    const kind = fileKind(file);
    const target = [under, selected].find((n) => n && fileParamFor(n, file));
    const param = target && fileParamFor(target, file);
    if (kind === 'model') {
      await dropModel(file, under, selected, nextPosition);
    } else if (target && param) {
      setFileParam(target.id, param, file);
      selectModeFor(target.id, kind);
    } else if (kind === 'video') {
      useVideoFile(file, undefined, nextPosition());
    } else if (kind === 'image' && typeTaking(file)) {
      const id = addNode(typeTaking(file)!, nextPosition());
      setFileParam(id, fileParamFor(node(id)!, file)!, file);
      selectModeFor(id, kind);
    } else {
      notifyError(`${file.name}: Mattegraph takes videos (.mp4, .mov, .webm, .mkv), pictures and numbered picture sequences (.png, .jpg, .webp), models (.onnx) and graphs (.json)`);
    }
  }
}

/**
 * An .onnx on a model node fills it (refused there with the reason when it is of another
 * family). Elsewhere the model's own inputs say its family; it fills the selected node of that
 * family, or a new node of that family is made once the model was accepted (a refused model
 * leaves no empty node behind).
 */
async function dropModel(file: File, under: GraphNode | undefined, selected: GraphNode | undefined, at: () => { x: number; y: number }) {
  if (under && modelFamilyOf(under.type)) {
    await useModelFile(file, under.id);
    return;
  }
  notify(`Checking model ${file.name}…`);
  let family: ModelFamily;
  try {
    family = familyOfIo(await readModelIoWeb(new Uint8Array(await file.arrayBuffer())));
  } catch (e) {
    notifyError(`Model ${file.name} refused: ${e instanceof Error ? e.message : String(e)}`);
    return;
  }
  if (selected && modelFamilyOf(selected.type) === family) {
    await useModelFile(file, selected.id);
    return;
  }
  const type = engine().registry.all().find((d) => modelFamilyOf(d.type) === family)?.type;
  if (!type) {
    notifyError(`Model ${file.name}: no node type runs ${family} models`);
    return;
  }
  try {
    const entry = await engine().services.models.add(family, file);
    const id = addNode(type, at());
    setNodeParam(id, 'model', entry.id);
    notify(`${id}: using model ${entry.label}`);
  } catch (e) {
    notifyError(`Model ${file.name} refused: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The first node type (registry order) with a file param that takes `file`. */
function typeTaking(file: File): string | undefined {
  return engine().registry.all().find((d) =>
    Object.values(d.params).some((p) => p.kind === 'file' && accepts((p as FileParam).accept, file)),
  )?.type;
}

/** A node with an enum param offering the file's kind (a plate's "image" mode) switches to it. */
function selectModeFor(nodeId: string, kind: FileKind) {
  const n = node(nodeId);
  const def = n && engine().registry.get(n.type);
  for (const [key, spec] of Object.entries(def?.params ?? {})) {
    if (spec.kind === 'enum' && (spec as EnumParam).options.some((o) => o.value === kind)) setNodeParam(nodeId, key, kind);
  }
}
