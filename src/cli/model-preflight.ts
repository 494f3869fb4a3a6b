// Checks, before the render starts, the model file each model node of the graph will load: the
// one its `model` param names (or `auto` picks, by the browser's rule) from the models folder's
// installed.json. A file that is not ONNX, or whose inputs/outputs are not the family's, would
// otherwise fail inside onnxruntime with words like "input 'x' is missing in 'feeds'".
// A missing list, model or file is left to the page, whose messages already say what to run.

import { existsSync, readFileSync } from 'node:fs';
import { checkSignature } from '../ml/io-signature.ts';
import { familySpec } from '../ml/manifest.ts';
import type { ModelEntry, ModelFamily } from '../ml/model-library.ts';
import { CliError, fsProblem } from './cli-error.ts';
import { chooseEntry, installedEntries, installedPath } from './installed-model.ts';
import type { ModelParams } from './headless-protocol.ts';
import { readOnnxIo } from './onnx-io.ts';

interface RawNode {
  id?: unknown;
  type?: unknown;
  params?: unknown;
}

/** The installed entries, or none when the list is missing or bad (the page names what is wrong). */
function entriesOrNone(modelsDir: string): ModelEntry[] {
  try {
    return installedEntries(modelsDir);
  } catch {
    return [];
  }
}

/** Throws a CliError naming the node and the file when a model it will load is unusable. */
export function checkGraphModels(graphText: string, modelParams: ModelParams, modelsDir: string): void {
  const raw = JSON.parse(graphText) as { nodes?: unknown };
  const nodes = Array.isArray(raw?.nodes) ? (raw.nodes as RawNode[]) : [];
  let entries: ModelEntry[] | undefined;
  const checked = new Set<string>();
  for (const node of nodes) {
    if (!node || typeof node.type !== 'string') continue;
    const params = (node.params && typeof node.params === 'object' ? node.params : {}) as Record<string, unknown>;
    for (const [key, family] of Object.entries(modelParams[node.type] ?? {})) {
      entries ??= entriesOrNone(modelsDir);
      const id = typeof params[key] === 'string' ? (params[key] as string) : 'auto';
      const ofFamily = entries.filter((e) => e.family === family);
      const entry = chooseEntry(ofFamily, id);
      const path = entry && installedPath(modelsDir, entry);
      if (!entry || !path || checked.has(`${family} ${path}`) || !existsSync(path)) continue;
      checked.add(`${family} ${path}`);
      const problem = modelProblem(path, family as ModelFamily);
      if (problem) throw new CliError(`${String(node.id)}: model "${entry.id}" (${path}) ${problem}; run \`npm run models\` again or pick another model`);
    }
  }
}

function modelProblem(path: string, family: ModelFamily): string | undefined {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    return `cannot be read (${fsProblem(e)})`;
  }
  try {
    const check = checkSignature(familySpec(family), readOnnxIo(bytes));
    return check.ok ? undefined : `is ${check.reason}`;
  } catch (e) {
    return `is ${(e as Error).message}`;
  }
}
