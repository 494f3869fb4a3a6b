// The engine behind the editor, outside React: node registry, browser services and the one
// Evaluator. Every document change is mirrored into the evaluator; node statuses flow from the
// evaluator's hooks into the status store. Frames, textures and tensors stay in here.

import { Evaluator } from '../graph/evaluator.ts';
import type { NodeRegistry } from '../graph/registry.ts';
import { BrowserServices } from '../host/browser-services.ts';
import { createRegistry } from '../../nodes/index.ts';
import type { NodeServices } from '../../nodes/services.ts';
import { InstalledModelLibrary } from '../ml/installed-models.ts';
import { evalKey } from './eval-key.ts';
import { useDocumentStore } from './store/document-store.ts';
import { useExportStore } from './store/export-store.ts';
import { useSelectionStore } from './store/selection-store.ts';
import { useStatusStore } from './store/status-store.ts';

export interface Engine {
  registry: NodeRegistry<NodeServices>;
  services: BrowserServices;
  evaluator: Evaluator<NodeServices>;
}

let current: Engine | undefined;

export function engine(): Engine {
  current ??= createEngine();
  return current;
}

function createEngine(): Engine {
  const registry = createRegistry();
  const services = new BrowserServices({
    models: new InstalledModelLibrary(),
    baseUrl: new URL('/examples/', location.href).href,
  });
  const evaluator = new Evaluator<NodeServices>(registry, services, {
    onStatus: (nodeId, status) => useStatusStore.getState().set(nodeId, status),
  });
  // A running export keeps the graph it started with; edits made meanwhile apply afterwards.
  const sync = () => {
    if (!useExportStore.getState().running) evaluator.setDocument(useDocumentStore.getState().doc);
  };
  sync();
  let lastKey = evalKey(useDocumentStore.getState().doc);
  const unsubscribeDoc = useDocumentStore.subscribe((state, prev) => {
    if (state.doc === prev.doc) return;
    sync();
    const key = evalKey(state.doc);
    // An edit may fix what an error complained about: errors are re-reported on the next run.
    const liveNodes = new Set(state.doc.nodes.map((n) => n.id));
    useStatusStore.getState().prune(liveNodes, key !== lastKey);
    // Undo may take away what was selected.
    useSelectionStore.getState().keepOnly(liveNodes, new Set(state.doc.edges.map((e) => e.id)));
    lastKey = key;
  });
  const unsubscribeExport = useExportStore.subscribe((state, prev) => {
    if (prev.running && !state.running) sync();
  });
  import.meta.hot?.dispose(() => {
    unsubscribeDoc();
    unsubscribeExport();
    evaluator.dispose();
    current = undefined;
  });
  return { registry, services, evaluator };
}
