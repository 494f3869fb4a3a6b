// The model file `auto` (or an id) means, read on the Node side from a models folder's
// installed.json, with the same choice rule as the browser (pickAutoModel): the bench and the
// tests run onnxruntime-node on exactly the file the RVM node loads.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseInstalledIndex } from '../ml/installed-index.ts';
import type { ModelEntry } from '../ml/model-library.ts';
import { pickAutoModel } from '../ml/pick-model.ts';
import { CliError } from './cli-error.ts';

export interface InstalledModelFile {
  entry: ModelEntry;
  path: string;
}

/** The models folder's installed.json entries; throws a CliError when it is missing or unreadable. */
export function installedEntries(modelsDir: string): ModelEntry[] {
  const index = join(modelsDir, 'installed.json');
  if (!existsSync(index)) throw new CliError(`no models installed in ${modelsDir}: run \`npm run models\``);
  try {
    return parseInstalledIndex(JSON.parse(readFileSync(index, 'utf8')));
  } catch (e) {
    throw new CliError(`${index}: ${(e as Error).message}`);
  }
}

/** The entry a model param names: `auto` (or nothing) picks as the browser does. */
export function chooseEntry(entries: readonly ModelEntry[], id: string): ModelEntry | undefined {
  return !id || id === 'auto' ? pickAutoModel(entries) : entries.find((e) => e.id === id);
}

/** Where an entry's file lies in the models folder, when it is an installed file. */
export function installedPath(modelsDir: string, entry: ModelEntry): string | undefined {
  return entry.url?.startsWith('/models/') ? join(modelsDir, entry.url.slice('/models/'.length)) : undefined;
}

export function installedModelFile(modelsDir: string, id: string): InstalledModelFile {
  const entries = installedEntries(modelsDir).filter((e) => e.family === 'rvm');
  const entry = chooseEntry(entries, id);
  if (!entry) {
    throw new CliError(entries.length ? `no installed RVM model "${id}" (installed: ${entries.map((e) => e.id).join(', ')})` : `no RVM model installed in ${modelsDir}: run \`npm run models\``);
  }
  const path = installedPath(modelsDir, entry);
  if (!path) throw new CliError(`model "${entry.id}" has no installed file`);
  if (!existsSync(path)) throw new CliError(`model file ${path} is missing: run \`npm run models\` again`);
  return { entry, path };
}
