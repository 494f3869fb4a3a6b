// The format of models/installed.json, written by `npm run models` and read by the browser's
// model library. Kept tiny and versioned so both sides agree on it.

import type { ModelEntry } from './model-library.ts';

export interface InstalledIndex {
  format: 'mattegraph-installed-models';
  version: 1;
  models: ModelEntry[];
}

export const installedIndex = (models: ModelEntry[]): InstalledIndex => ({
  format: 'mattegraph-installed-models',
  version: 1,
  models,
});

/** The entries of an installed.json, or a one-line reason why the file is unusable. */
export function parseInstalledIndex(json: unknown): ModelEntry[] {
  const index = json as Partial<InstalledIndex> | null;
  if (!index || index.format !== 'mattegraph-installed-models' || !Array.isArray(index.models)) {
    throw new Error('models/installed.json is not a Mattegraph model list: run `npm run models` again');
  }
  if (index.version !== 1) throw new Error(`models/installed.json has version ${String(index.version)}; this build reads version 1`);
  return index.models.filter(
    (m): m is ModelEntry => typeof m?.id === 'string' && typeof m.family === 'string' && typeof m.precision === 'string',
  );
}
