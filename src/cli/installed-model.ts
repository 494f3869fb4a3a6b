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

export function installedModelFile(modelsDir: string, id: string): InstalledModelFile {
  const index = join(modelsDir, 'installed.json');
  if (!existsSync(index)) throw new CliError(`no models installed in ${modelsDir}: run \`npm run models\``);
  let entries: ModelEntry[];
  try {
    entries = parseInstalledIndex(JSON.parse(readFileSync(index, 'utf8'))).filter((e) => e.family === 'rvm');
  } catch (e) {
    throw new CliError(`${index}: ${(e as Error).message}`);
  }
  const entry = !id || id === 'auto' ? pickAutoModel(entries) : entries.find((e) => e.id === id);
  if (!entry) {
    throw new CliError(entries.length ? `no installed RVM model "${id}" (installed: ${entries.map((e) => e.id).join(', ')})` : `no RVM model installed in ${modelsDir}: run \`npm run models\``);
  }
  if (!entry.url?.startsWith('/models/')) throw new CliError(`model "${entry.id}" has no installed file`);
  const path = join(modelsDir, entry.url.slice('/models/'.length));
  if (!existsSync(path)) throw new CliError(`model file ${path} is missing: run \`npm run models\` again`);
  return { entry, path };
}
