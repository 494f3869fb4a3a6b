// Reads and writes models/installed.json and the weights folder beside it (both git-ignored).

import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ModelEntry } from '../../ml/model-library.ts';
import { installedIndex, parseInstalledIndex } from '../../ml/installed-index.ts';

export const modelsDir = resolve(import.meta.dirname, '../../../models');
export const weightsDir = join(modelsDir, 'weights');
const indexPath = join(modelsDir, 'installed.json');

/** Where an installed model's bytes live on disk, and the URL the dev server serves them at. */
export const weightsPath = (id: string) => join(weightsDir, `${id}.onnx`);
export const weightsUrl = (id: string) => `/models/weights/${id}.onnx`;

export function readInstalled(): ModelEntry[] {
  if (!existsSync(indexPath)) return [];
  try {
    return parseInstalledIndex(JSON.parse(readFileSync(indexPath, 'utf8')));
  } catch {
    return []; // a damaged list is rebuilt from what this run installs
  }
}

/** Adds or replaces entries by id (keeping everything else), and keeps one `preferred` per family at most. */
export function writeInstalled(updates: ModelEntry[]): ModelEntry[] {
  const byId = new Map(readInstalled().filter((e) => existsSync(weightsPath(e.id))).map((e) => [e.id, e]));
  // One preferred model per family.
  for (const u of updates.filter((x) => x.preferred)) {
    for (const e of byId.values()) if (e.family === u.family) delete e.preferred;
  }
  for (const u of updates) {
    byId.delete(u.id);
    byId.set(u.id, u);
  }
  const models = [...byId.values()];
  mkdirSync(modelsDir, { recursive: true });
  const tmp = `${indexPath}.tmp`;
  writeFileSync(tmp, JSON.stringify(installedIndex(models), null, 2) + '\n');
  renameSync(tmp, indexPath);
  return models;
}
