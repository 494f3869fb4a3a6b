// Tells a model node (RVM) up front when its model is missing, with the library's how-to
// message, instead of waiting for the first evaluation to fail; checked again whenever models
// are added or removed (model page, drops), and the complaint is withdrawn once it is fixed.

import { useEffect } from 'react';
import type { ModelFamily } from '../ml/model-library.ts';
import { engine } from './engine.ts';
import { modelFamilyOf } from './files/use-file.ts';
import { useModelsStore, watchModelLibrary } from './models/models-store.ts';
import { useDocumentStore } from './store/document-store.ts';
import { useStatusStore } from './store/status-store.ts';

/** The library's reason why `id` cannot load, or undefined when it is available. */
async function modelProblem(family: ModelFamily, id: string): Promise<string | undefined> {
  const { models } = engine().services;
  try {
    const entries = await models.list(family);
    if (id === 'auto' ? entries.length > 0 : entries.some((e) => e.id === id)) return undefined;
    // Not listed: load() fails at once with the library's own explanation.
    await models.load(family, id);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** The message this hook put on each node, so only its own complaint is withdrawn. */
const reported = new Map<string, string>();

export function useModelChecks(): void {
  const version = useModelsStore((s) => s.version);
  const wanted = useDocumentStore((s) =>
    JSON.stringify(s.doc.nodes.flatMap((n) => {
      const family = modelFamilyOf(n.type);
      return family ? [[n.id, family, n.params.model]] : [];
    })),
  );
  useEffect(() => {
    watchModelLibrary();
    let live = true;
    for (const [id, family, model] of JSON.parse(wanted) as [string, ModelFamily, string][]) {
      void modelProblem(family, String(model ?? 'auto')).then((problem) => {
        if (!live) return;
        const status = useStatusStore.getState();
        if (problem) {
          status.set(id, { state: 'error', message: problem });
          reported.set(id, problem);
        } else if (reported.has(id)) {
          if (status.byNode[id]?.message === reported.get(id)) status.clear(id);
          reported.delete(id);
        }
      });
    }
    return () => {
      live = false;
    };
  }, [wanted, version]);
}
