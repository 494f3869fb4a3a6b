// Tells a model node (RVM) up front when its model is missing, with the library's how-to
// message, instead of waiting for the first evaluation to fail.

import { useEffect } from 'react';
import type { ModelFamily } from '../ml/model-library.ts';
import { engine } from './engine.ts';
import { modelFamilyOf } from './files/use-file.ts';
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

export function useModelChecks(): void {
  const wanted = useDocumentStore((s) =>
    JSON.stringify(s.doc.nodes.flatMap((n) => {
      const family = modelFamilyOf(n.type);
      return family ? [[n.id, family, n.params.model]] : [];
    })),
  );
  useEffect(() => {
    let live = true;
    for (const [id, family, model] of JSON.parse(wanted) as [string, ModelFamily, string][]) {
      void modelProblem(family, String(model ?? 'auto')).then((problem) => {
        if (live && problem) useStatusStore.getState().set(id, { state: 'error', message: problem });
      });
    }
    return () => {
      live = false;
    };
  }, [wanted]);
}
