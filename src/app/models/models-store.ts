// State of the model page: open or not, a version that moves whenever the library's models
// change (lists re-read it), downloads in flight with their progress, and the page's last
// message. The bytes and the library stay outside (src/ml).

import { create } from 'zustand';
import type { ModelOrigin } from '../../ml/installed-models.ts';
import type { OfficialModel } from '../../ml/manifest.ts';
import { engine } from '../engine.ts';
import { modelFamilyOf } from '../files/use-file.ts';
import { useDocumentStore } from '../store/document-store.ts';
import { useExportStore } from '../store/export-store.ts';
import { useMediaStore } from '../store/media-store.ts';
import { notify } from '../store/notice-store.ts';
import { useThumbnailStore } from '../store/thumbnail-store.ts';
import { formatBytes } from './format-bytes.ts';
import { editorModelLibrary } from './model-library-access.ts';

export interface DownloadProgress {
  received: number;
  total?: number;
}

export interface ModelsMessage {
  kind: 'info' | 'error';
  text: string;
}

interface ModelsState {
  open: boolean;
  /** Moves on every add/remove in the library. */
  version: number;
  /** By manifest id. */
  downloads: Readonly<Record<string, DownloadProgress>>;
  message?: ModelsMessage;
  setOpen(open: boolean): void;
}

export const useModelsStore = create<ModelsState>()((set) => ({
  open: false,
  version: 0,
  downloads: {},
  setOpen: (open) => set({ open }),
}));

const controllers = new Map<string, AbortController>();
let watching = false;

/** Starts following the library's changes (once per page). */
export function watchModelLibrary(): void {
  if (watching) return;
  watching = true;
  editorModelLibrary().subscribe(() => {
    // What `auto` means may have changed, or a node's model is gone: model nodes load again,
    // pictures made with the old models are redrawn, lists re-read.
    forgetLoadedModels();
    forgetModelThumbnails();
    useMediaStore.getState().bump();
    useModelsStore.setState((s) => ({ version: s.version + 1 }));
  });
}

export const say = (kind: ModelsMessage['kind'], text: string) => {
  useModelsStore.setState({ message: { kind, text } });
  notify(text);
};
export const reason = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function keptWhere(origin: ModelOrigin, storageProblem?: string): string {
  if (origin === 'installed') return 'already installed, nothing stored';
  if (origin === 'cached') return 'kept in browser storage';
  return `kept for this session only: ${storageProblem ?? 'not stored'}`;
}

/** "Add model file…" on the model page: each file is checked and kept, or refused with why. */
export async function addModelFiles(files: readonly File[]): Promise<void> {
  for (const file of files) {
    say('info', `Checking ${file.name}…`);
    try {
      const added = await editorModelLibrary().addFile(file);
      say('info', `Added ${added.entry.label} (${formatBytes(added.entry.bytes)}): ${keptWhere(added.origin, added.storageProblem)}`);
    } catch (e) {
      say('error', `Model ${file.name} refused: ${reason(e)}`);
    }
  }
}

export interface DownloadTracking {
  signal: AbortSignal;
  onProgress(received: number, total: number | undefined): void;
  /** Clears the progress; call once the download ended, however it ended. */
  done(): void;
}

/**
 * Progress and cancel for a download under `key` (a manifest id, or another key for downloads
 * not tied to a row); undefined when one runs under that key already.
 */
export function trackDownload(key: string, total?: number): DownloadTracking | undefined {
  if (controllers.has(key)) return undefined;
  const controller = new AbortController();
  controllers.set(key, controller);
  const progress = (p: DownloadProgress | undefined) =>
    useModelsStore.setState((s) => {
      const { [key]: _, ...rest } = s.downloads;
      return { downloads: p ? { ...rest, [key]: p } : rest };
    });
  progress({ received: 0, total });
  let shown = 0;
  return {
    signal: controller.signal,
    onProgress: (received, total) => {
      // A re-render per network chunk is wasted work: ~10 updates a second, and the last one.
      const now = performance.now();
      if (now - shown < 100 && received !== total) return;
      shown = now;
      progress({ received, total });
    },
    done: () => {
      controllers.delete(key);
      progress(undefined);
    },
  };
}

/** Downloads a manifest entry from `url`; its size and sha256 are checked before it is kept. */
export async function downloadModel(model: OfficialModel, url: string): Promise<void> {
  const tracking = trackDownload(model.id, model.bytes ?? undefined);
  if (!tracking) return;
  try {
    const added = await editorModelLibrary().download({
      url,
      fileName: model.file,
      family: model.family,
      expectedBytes: model.bytes,
      expectedSha256: model.sha256,
      signal: tracking.signal,
      onProgress: tracking.onProgress,
    });
    say('info', `Downloaded ${added.entry.label} (${formatBytes(added.entry.bytes)}): ${keptWhere(added.origin, added.storageProblem)}`);
  } catch (e) {
    if (tracking.signal.aborted) say('info', `Download of ${model.file} cancelled: nothing was stored`);
    else say('error', `Download failed: ${reason(e)}`);
  } finally {
    tracking.done();
  }
}

export function cancelDownload(key: string): void {
  controllers.get(key)?.abort(new DOMException('cancelled by the user', 'AbortError'));
}

/** Removes a model the user added (the library's change event makes model nodes load again). */
export async function removeModel(id: string, label: string): Promise<void> {
  try {
    const freed = await editorModelLibrary().remove(id);
    say('info', freed ? `Removed ${label}: ${formatBytes(freed)} of browser storage freed` : `${label} was not stored`);
  } catch (e) {
    say('error', `Cannot remove ${label}: ${reason(e)}`);
  }
}

/** Pictures on the model nodes and on everything fed by them were made with the old models. */
function forgetModelThumbnails(): void {
  const doc = useDocumentStore.getState().doc;
  const stale = new Set(doc.nodes.filter((n) => modelFamilyOf(n.type)).map((n) => n.id));
  for (let grew = true; grew; ) {
    grew = false;
    for (const e of doc.edges) {
      if (stale.has(e.from.node) && !stale.has(e.to.node)) {
        stale.add(e.to.node);
        grew = true;
      }
    }
  }
  useThumbnailStore.getState().forget(stale);
}

/**
 * A model node keeps the session it loaded; after its model is removed it must load again (and
 * say the model is missing). The evaluator drops the instances of nodes missing from a document,
 * so the model nodes are left out for one call and put back: they start afresh.
 */
function forgetLoadedModels(): void {
  // A running export keeps the graph it started with (engine.ts); it finishes on its session.
  if (useExportStore.getState().running) return;
  const { evaluator } = engine();
  const doc = useDocumentStore.getState().doc;
  const models = new Set(doc.nodes.filter((n) => modelFamilyOf(n.type)).map((n) => n.id));
  if (!models.size) return;
  evaluator.setDocument({ ...doc, nodes: doc.nodes.filter((n) => !models.has(n.id)) });
  evaluator.setDocument(doc);
}
