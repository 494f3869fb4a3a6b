// Models the user added in the browser (dropped, picked or downloaded), kept across reloads.
//
// Why the Cache API and not OPFS: `cache.put()` stores a Response whole or not at all, so a
// cancelled download, a closed tab or a full disk never leaves half a model behind (an OPFS
// writable would have to be cleaned up by hand), and the entry's description rides along as a
// header of the same Response, so bytes and metadata cannot drift apart. It also works on the
// main thread of every browser, where OPFS writes need Safari's worker-only sync handles.

import type { ModelEntry } from './model-library.ts';

const CACHE_NAME = 'mattegraph-models-v1';
const ENTRY_HEADER = 'X-Mattegraph-Model';
const KEY_PREFIX = '/__mattegraph-model-cache/';

export class ModelCache {
  constructor(private readonly cacheName = CACHE_NAME) {}

  /** False where the page cannot use Cache Storage (not a secure context, or disabled). */
  static available(): boolean {
    return typeof caches !== 'undefined';
  }

  async list(): Promise<ModelEntry[]> {
    const cache = await this.open();
    const entries: ModelEntry[] = [];
    for (const request of await cache.keys()) {
      const res = await cache.match(request);
      const entry = res && entryOf(res);
      if (entry) entries.push(entry);
    }
    return entries;
  }

  async read(id: string): Promise<Uint8Array | undefined> {
    const res = await (await this.open()).match(keyOf(id));
    return res ? new Uint8Array(await res.arrayBuffer()) : undefined;
  }

  /** Stores the model, replacing one with the same id. Rejects (e.g. quota) without storing. */
  async store(entry: ModelEntry, bytes: Uint8Array): Promise<void> {
    const headers = new Headers({
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(bytes.length),
      // Header values are Latin-1: the JSON is percent-encoded for file names in any script.
      [ENTRY_HEADER]: encodeURIComponent(JSON.stringify(entry)),
    });
    await (await this.open()).put(keyOf(entry.id), new Response(bytes as Uint8Array<ArrayBuffer>, { headers }));
    // Asks the browser not to evict the site's storage under pressure (models are big to fetch
    // again); it may say no, and the models are then kept until the browser needs the space.
    void navigator.storage?.persist?.().catch(() => undefined);
  }

  /** Removes the model; false when it was not cached. */
  async remove(id: string): Promise<boolean> {
    return (await this.open()).delete(keyOf(id));
  }

  private open(): Promise<Cache> {
    if (!ModelCache.available()) throw new Error('this page cannot use browser storage (Cache Storage is unavailable)');
    return caches.open(this.cacheName);
  }
}

const keyOf = (id: string) => new URL(KEY_PREFIX + encodeURIComponent(id), location.origin).href;

function entryOf(res: Response): ModelEntry | undefined {
  try {
    const entry = JSON.parse(decodeURIComponent(res.headers.get(ENTRY_HEADER) ?? '')) as ModelEntry;
    return typeof entry?.id === 'string' && typeof entry.family === 'string' ? entry : undefined;
  } catch {
    return undefined; // written by another version: ignored rather than breaking the list
  }
}
