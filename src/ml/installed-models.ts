// The browser's ModelLibrary: models listed in /models/installed.json (written by
// `npm run models`, served by the dev/preview server), plus models the user added in the page
// (dropped, picked or downloaded), which are checked against the family's IO signature and kept
// in browser storage (model-cache.ts) so they survive a reload. Where storage is unavailable or
// full, an added model is kept for this session only, and the caller is told.

import { parseInstalledIndex } from './installed-index.ts';
import { identifyModel, sha256Hex } from './model-cache-identify.ts';
import { ModelCache } from './model-cache.ts';
import { downloadModelBytes, type DownloadRequest } from './model-download.ts';
import type { LoadedModel, ModelEntry, ModelFamily, ModelLibrary } from './model-library.ts';
import { pickAutoModel } from './pick-model.ts';

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
  /** Browser storage for added models; null keeps them in memory only. Default: Cache Storage when available. */
  cache?: ModelCache | null;
}

/** Where a model the library lists comes from. */
export type ModelOrigin = 'installed' | 'cached' | 'session';

export interface AddedModel {
  entry: ModelEntry;
  /** `installed`: the same bytes were already installed, nothing was stored. */
  origin: ModelOrigin;
  /** Why the model could not be kept in browser storage (then it lasts this session only). */
  storageProblem?: string;
}

export type ModelDownload = Omit<DownloadRequest, 'name'> & { fileName: string; family?: ModelFamily };

export class InstalledModelLibrary implements ModelLibrary {
  private readonly indexUrl: string;
  private readonly cache: ModelCache | null;
  private index?: Promise<ModelEntry[]>;
  /** Added models that could not be stored (no or full storage), with their bytes. */
  private readonly sessionOnly = new Map<string, LoadedModel>();
  private readonly listeners = new Set<() => void>();

  constructor(options: InstalledModelLibraryOptions = {}) {
    this.indexUrl = options.indexUrl ?? '/models/installed.json';
    this.cache = options.cache !== undefined ? options.cache : ModelCache.available() ? new ModelCache() : null;
  }

  async list(family: ModelFamily): Promise<ModelEntry[]> {
    return (await this.catalogue())
      .filter((m) => m.entry.family === family)
      .map((m) => m.entry);
  }

  /** Every model with where it comes from; an added model shadows an installed one of the same id. */
  async catalogue(): Promise<{ entry: ModelEntry; origin: ModelOrigin }[]> {
    const added = [
      ...(await this.cachedEntries()).map((entry) => ({ entry, origin: 'cached' as const })),
      ...[...this.sessionOnly.values()].map((m) => ({ entry: m.entry, origin: 'session' as const })),
    ];
    const installed = (await this.installed())
      .filter((e) => !added.some((a) => a.entry.id === e.id))
      .map((entry) => ({ entry, origin: 'installed' as const }));
    return [...installed, ...added];
  }

  async load(family: ModelFamily, id: string, signal?: AbortSignal): Promise<LoadedModel> {
    const all = (await this.catalogue()).filter((m) => m.entry.family === family);
    const entries = all.map((m) => m.entry);
    const wanted = !id || id === 'auto';
    const entry = wanted ? pickAutoModel(entries) : entries.find((e) => e.id === id);
    if (!entry) {
      if (!entries.length) throw new Error(NO_MODEL[family]);
      throw new Error(`model "${id}" is not installed (installed: ${entries.map((e) => e.id).join(', ')})`);
    }
    const session = this.sessionOnly.get(entry.id);
    if (session) return session;
    if (all.find((m) => m.entry === entry)?.origin === 'cached') return { entry, bytes: await this.cachedBytes(entry) };
    return { entry, bytes: await fetchModelBytes(entry, signal) };
  }

  async add(family: ModelFamily, file: Blob & { name: string }): Promise<ModelEntry> {
    return (await this.addFile(file, family)).entry;
  }

  /** Checks a user's file and keeps it; `family` undefined: the family its inputs point to. */
  async addFile(file: Blob & { name: string }, family?: ModelFamily): Promise<AddedModel> {
    return this.addBytes(new Uint8Array(await file.arrayBuffer()), file.name, family);
  }

  /** Downloads a model in the page (progress, cancel), checks it, then keeps it. */
  async download(req: ModelDownload): Promise<AddedModel> {
    const bytes = await downloadModelBytes({ ...req, name: req.fileName });
    req.signal?.throwIfAborted();
    return this.addBytes(bytes, req.fileName, req.family, req.signal);
  }

  /** Forgets an added model (browser storage or session); the bytes it freed, 0 if none. */
  async remove(id: string): Promise<number> {
    const session = this.sessionOnly.get(id);
    if (session) {
      this.sessionOnly.delete(id);
      this.changed();
      return session.bytes.length;
    }
    const entry = (await this.cachedEntries()).find((e) => e.id === id);
    if (!entry || !(await this.cache!.remove(id))) return 0;
    this.changed();
    return entry.bytes ?? 0;
  }

  /** Calls `listener` after every add or remove; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async addBytes(bytes: Uint8Array, fileName: string, family?: ModelFamily, signal?: AbortSignal): Promise<AddedModel> {
    let entry = await identifyModel(bytes, fileName, family);
    const known = await this.catalogue().catch(() => []);
    const same = known.find((m) => m.entry.sha256 === entry.sha256 && m.entry.family === entry.family);
    if (same) return { entry: same.entry, origin: same.origin };
    // Another file under the same name keeps both: the new one's id gets its hash's start.
    if (known.some((m) => m.entry.id === entry.id)) entry = { ...entry, id: `${entry.id}_${entry.sha256!.slice(0, 8)}` };
    signal?.throwIfAborted();
    let storageProblem: string | undefined;
    if (this.cache) {
      try {
        await this.cache.store(entry, bytes);
        this.changed();
        return { entry, origin: 'cached' };
      } catch (e) {
        storageProblem = `browser storage refused it (${(e as Error).message})`;
      }
    } else {
      storageProblem = 'this page has no browser storage';
    }
    this.sessionOnly.set(entry.id, { entry, bytes });
    this.changed();
    return { entry, origin: 'session', storageProblem };
  }

  private async cachedEntries(): Promise<ModelEntry[]> {
    if (!this.cache) return [];
    try {
      return await this.cache.list();
    } catch {
      return []; // storage blocked (e.g. by the browser's settings): nothing cached to list
    }
  }

  private async cachedBytes(entry: ModelEntry): Promise<Uint8Array> {
    const bytes = await this.cache!.read(entry.id);
    if (!bytes) throw new Error(`model "${entry.id}" was removed from browser storage: add the file again`);
    if (entry.sha256 && (await sha256Hex(bytes)) !== entry.sha256) {
      throw new Error(`the stored copy of model "${entry.id}" is damaged (sha256 differs): remove it on the Models page and add the file again`);
    }
    return bytes;
  }

  private changed() {
    for (const l of this.listeners) l();
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
