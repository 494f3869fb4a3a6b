// Files dropped on the canvas. A video or picture fills the node under the cursor that takes it,
// else the selected node that takes it; otherwise a video becomes a new VideoSource. An .onnx
// goes to the model node under the cursor (or the selected one, or a new RVM node); a .json
// opens as a graph.

import type { GraphNode } from '../../graph/document.ts';
import { addNode } from '../graph-actions.ts';
import { openGraphFile } from '../graph-file.ts';
import { useDocumentStore } from '../store/document-store.ts';
import { notifyError } from '../store/notice-store.ts';
import { useSelectionStore } from '../store/selection-store.ts';
import { fileKind } from './file-kinds.ts';
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
      const modelNode = [under, selected].find((n) => n && modelFamilyOf[n.type]);
      await useModelFile(file, modelNode?.id ?? addNode('RvmMatte', nextPosition()));
    } else if (target && param) {
      setFileParam(target.id, param, file);
    } else if (kind === 'video') {
      useVideoFile(file, undefined, nextPosition());
    } else if (kind === 'image') {
      notifyError(`${file.name}: drop a picture on a node that takes one (Background Plate)`);
    } else {
      notifyError(`${file.name}: Mattegraph takes videos (.mp4), pictures, RVM models (.onnx) and graphs (.json)`);
    }
  }
}
