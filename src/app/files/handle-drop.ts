// Files dropped on the canvas. A video or picture fills the node under the cursor that takes it,
// else the selected node that takes it; otherwise it becomes a new node of the first type whose
// file param takes it (a video: VideoSource, a picture: Background plate). An .onnx
// goes to the model node under the cursor (or the selected one, or a new RVM node); a .json
// opens as a graph.

import type { GraphNode } from '../../graph/document.ts';
import { engine } from '../engine.ts';
import { addNode, setNodeParam } from '../graph-actions.ts';
import type { EnumParam, FileParam } from '../../graph/types.ts';
import { openGraphFile } from '../graph-file.ts';
import { useDocumentStore } from '../store/document-store.ts';
import { notifyError } from '../store/notice-store.ts';
import { useSelectionStore } from '../store/selection-store.ts';
import { accepts, fileKind, type FileKind } from './file-kinds.ts';
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
  const nextPosition = () => ({ x: place.position.x, y: place.position.y + 160 * offset++ });
  for (const file of files) {
    const kind = fileKind(file);
    const target = [under, selected].find((n) => n && fileParamFor(n, file));
    const param = target && fileParamFor(target, file);
    if (kind === 'graph') {
      await openGraphFile(file);
      return;
    }
    if (kind === 'model') {
      const modelNode = [under, selected].find((n) => n && modelFamilyOf(n.type));
      await useModelFile(file, modelNode?.id ?? addNode('RvmMatte', nextPosition()));
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
      notifyError(`${file.name}: Mattegraph takes videos (.mp4), pictures, RVM models (.onnx) and graphs (.json)`);
    }
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
