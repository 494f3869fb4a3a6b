// The browser's ModelLibrary: models listed in /models/installed.json (written by
// `npm run models`, served by the dev/preview server) plus .onnx files the user dropped, which
// are checked against the family's IO signature before they are accepted.

import { checkSignature } from './io-signature.ts';
import { parseInstalledIndex } from './installed-index.ts';
import { customModelId, familySpec, knownBuildBySha, officialBySha } from './manifest.ts';
import type { LoadedModel, ModelEntry, ModelFamily, ModelLibrary } from './model-library.ts';
import { pickAutoModel } from './pick-model.ts';
import { readModelIoWeb } from './read-model-io-web.ts';

export const NO_MODEL_MESSAGE =
  'No RVM model installed: run `npm run models` (or `npm run models -- --from DIR`), or drop an .onnx file on the node';

const NO_MODEL: Record<ModelFamily, string> = {
  rvm: NO_MODEL_MESSAGE,
  // No download address is known for the BGMv2 exports: the user brings the file.
  bgmv2:
    'No BGMv2 model installed: import a BackgroundMattingV2 export (e.g. onnx_mobilenetv2_hd.onnx) with ' +
    '`npm run models -- --from DIR`, or drop the .onnx file on the node',
};

export interface InstalledModelLibraryOptions {
  /** Where the installed list is served; the weights' URLs come from inside it. */
  indexUrl?: string;
}

export class InstalledModelLibrary implements ModelLibrary {
  private readonly indexUrl: string;
  private index?: Promise<ModelEntry[]>;
  private readonly dropped = new Map<string, LoadedModel>();

  constructor(options: InstalledModelLibraryOptions = {}) {
    this.indexUrl = options.indexUrl ?? '/models/installed.json';
  }

  async list(family: ModelFamily): Promise<ModelEntry[]> {
    const installed = (await this.installed()).filter((e) => e.family === family && !this.dropped.has(e.id));
    const dropped = [...this.dropped.values()].map((m) => m.entry).filter((e) => e.family === family);
    return [...installed, ...dropped];
  }

  async load(family: ModelFamily, id: string, signal?: AbortSignal): Promise<LoadedModel> {
    const entries = await this.list(family);
    const wanted = !id || id === 'auto';
    const entry = wanted ? pickAutoModel(entries) : entries.find((e) => e.id === id);
    if (!entry) {
      if (!entries.length) throw new Error(NO_MODEL[family]);
      throw new Error(`model "${id}" is not installed (installed: ${entries.map((e) => e.id).join(', ')})`);
    }
    const dropped = this.dropped.get(entry.id);
    if (dropped) return dropped;
    return { entry, bytes: await fetchModelBytes(entry, signal) };
  }

  async add(family: ModelFamily, file: Blob & { name: string }): Promise<ModelEntry> {
    const bytes = new Uint8Array(await file.arrayBuffer());
    let precision: ModelEntry['precision'];
    try {
      const check = checkSignature(familySpec(family), await readModelIoWeb(bytes));
      if (!check.ok) throw new Error(check.reason);
      precision = check.precision;
    } catch (e) {
      throw new Error(`"${file.name}" was refused: ${(e as Error).message}`);
    }
    const sha256 = await sha256Hex(bytes);
    const official = officialBySha(sha256);
    const entry: ModelEntry = official
      ? { id: official.id, family, label: official.label, precision, official: true, sha256, bytes: bytes.length, file: file.name }
      : {
          id: customModelId(file.name),
          family,
          label: `${familySpec(family).short} ${precision} (custom: ${file.name})`,
          precision,
          official: false,
          sha256,
          bytes: bytes.length,
          file: file.name,
          webgpu: knownBuildBySha(sha256)?.webgpu ?? 'unknown',
        };
    this.dropped.set(entry.id, { entry, bytes });
    return entry;
  }

  /** The installed list; a missing list means "nothing installed", and is asked again next time. */
  private installed(): Promise<ModelEntry[]> {
    this.index ??= fetchIndex(this.indexUrl).then((entries) => {
      if (!entries.length) this.index = undefined;
      return entries;
    }, (e: unknown) => {
      this.index = undefined;
      throw e;
    });
    return this.index;
  }
}

async function fetchIndex(url: string): Promise<ModelEntry[]> {
  let res: Response;
  try {
    res = await fetch(url, { cache: 'no-cache' });
  } catch {
    return []; // no server behind this page (e.g. a static build without models)
  }
  if (res.status === 404) return [];
  if (!res.ok) throw new Error(`cannot read the installed model list (HTTP ${res.status})`);
  let json: unknown;
  try {
    json = await res.json();
  } catch {
    throw new Error('models/installed.json is not valid JSON: run `npm run models` again');
  }
  return parseInstalledIndex(json);
}

async function fetchModelBytes(entry: ModelEntry, signal?: AbortSignal): Promise<Uint8Array> {
  if (!entry.url) throw new Error(`model "${entry.id}" has no file to load`);
  let res: Response;
  try {
    res = await fetch(entry.url, { signal });
  } catch (e) {
    if (signal?.aborted) throw e;
    throw new Error(`cannot load model "${entry.id}" from ${entry.url}: ${(e as Error).message}`);
  }
  if (!res.ok) throw new Error(`cannot load model "${entry.id}" (HTTP ${res.status} for ${entry.url}): run \`npm run models\` again`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (entry.sha256 && (await sha256Hex(bytes)) !== entry.sha256) {
    throw new Error(`model file of "${entry.id}" is damaged (sha256 differs from models/installed.json): run \`npm run models\` again`);
  }
  return bytes;
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

