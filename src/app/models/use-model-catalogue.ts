// The library's models with their origin, re-read whenever the library changes.

import { useEffect, useState } from 'react';
import type { ModelOrigin } from '../../ml/installed-models.ts';
import type { ModelEntry } from '../../ml/model-library.ts';
import { editorModelLibrary } from './model-library-access.ts';
import { useModelsStore, watchModelLibrary } from './models-store.ts';

export type Catalogue = { entry: ModelEntry; origin: ModelOrigin }[];

export function useModelCatalogue(): { catalogue?: Catalogue; error?: string } {
  const version = useModelsStore((s) => s.version);
  const [state, setState] = useState<{ catalogue?: Catalogue; error?: string }>({});
  useEffect(() => {
    watchModelLibrary();
    let live = true;
    editorModelLibrary().catalogue().then(
      (catalogue) => live && setState({ catalogue }),
      (e: unknown) => live && setState({ error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [version]);
  return state;
}

/** What the site keeps in browser storage, as the browser reports it. */
export function useStorageEstimate(): string | undefined {
  const version = useModelsStore((s) => s.version);
  const [text, setText] = useState<string>();
  useEffect(() => {
    let live = true;
    navigator.storage?.estimate?.().then(
      (e) => live && setText(`Browser storage used by this site: ${fmt(e.usage)} of ${fmt(e.quota)} allowed`),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [version]);
  return text;
}

const fmt = (n?: number) => (n === undefined ? '?' : n < 1e9 ? `${(n / 1e6).toFixed(1)} MB` : `${(n / 1e9).toFixed(1)} GB`);
