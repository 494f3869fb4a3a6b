// Test page for the browser model cache and in-page download: drives the real library
// (onnxruntime-web reads the models' IO, Cache Storage keeps them) and reports what a user
// would see: entries, where they are kept, refusal messages, download progress.

import { InstalledModelLibrary, type ModelDownload } from '../../../src/ml/installed-models.ts';
import { sha256Hex } from '../../../src/ml/model-cache-identify.ts';
import type { ModelFamily } from '../../../src/ml/model-library.ts';

let library: InstalledModelLibrary;
let download: { controller: AbortController; progress: [number, number | undefined][]; done: Promise<unknown> } | undefined;

const result = async <T>(p: Promise<T>): Promise<{ ok: T } | { error: string }> => {
  try {
    return { ok: await p };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
};

const harness = {
  setup(indexUrl: string) {
    library = new InstalledModelLibrary({ indexUrl });
  },

  /** A file picked or dropped: fetched from a test URL and handed to the library. */
  async addFile(url: string, name: string, family?: ModelFamily) {
    const blob = await (await fetch(url)).blob();
    return result(library.addFile(new File([blob], name), family));
  },

  catalogue: () => library.catalogue().then((c) => c.map((m) => ({ id: m.entry.id, origin: m.origin, bytes: m.entry.bytes, official: m.entry.official }))),

  /** Everything in this origin's Cache Storage: model bytes left behind would show here. */
  async storedBytes(): Promise<number> {
    let total = 0;
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const req of await cache.keys()) total += (await (await cache.match(req))!.arrayBuffer()).byteLength;
    }
    return total;
  },

  startDownload(req: Omit<ModelDownload, 'signal' | 'onProgress'>) {
    const controller = new AbortController();
    const progress: [number, number | undefined][] = [];
    const done = result(library.download({ ...req, signal: controller.signal, onProgress: (r, t) => progress.push([r, t]) }));
    download = { controller, progress, done };
  },
  progress: () => download?.progress.at(-1),
  progressSteps: () => download?.progress.length ?? 0,
  cancelDownload: () => download?.controller.abort(new DOMException('cancelled by the user', 'AbortError')),
  finishDownload: () => download!.done,

  /** What a model node gets: the bytes' sha256, or the library's message. */
  load: (family: ModelFamily, id: string) => result(library.load(family, id).then(async (m) => ({ id: m.entry.id, sha256: await sha256Hex(m.bytes) }))),

  remove: (id: string) => library.remove(id),
};

declare global {
  interface Window {
    modelCacheHarness: typeof harness;
  }
}
window.modelCacheHarness = harness;
document.getElementById('ready')!.textContent = 'ready';
