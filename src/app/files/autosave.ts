// Autosave: the document (as graph-file JSON), its name, the base its media paths resolve
// against and the in/out points go to localStorage shortly after every change; the media the
// user gave us are copied to OPFS (media-copies.ts). After a reload or a crash the editor
// offers to restore that session.

import type { GraphDocument } from '../../graph/document.ts';
import type { NodeRegistry } from '../../graph/registry.ts';
import type { FileParam } from '../../graph/types.ts';
import { parseGraph, serializeGraph } from '../../graph/serialize.ts';
import { engine } from '../engine.ts';
import { showDocument } from '../graph-file.ts';
import { useDocumentStore } from '../store/document-store.ts';
import { useMediaStore } from '../store/media-store.ts';
import { notify, notifyError } from '../store/notice-store.ts';
import { useTimelineStore } from '../store/timeline-store.ts';
import { mediaCopy, pruneMediaCopies } from './media-copies.ts';
import { mediaFileNames } from './sequence-files.ts';

const KEY = 'mattegraph.autosave.v1';
const DELAY_MS = 300;

export interface AutosaveRecord {
  savedAt: number;
  name: string;
  graph: string;
  baseUrl: string;
  inPoint?: number;
  outPoint?: number;
}

export function readAutosave(): AutosaveRecord | undefined {
  try {
    const raw = localStorage.getItem(KEY);
    const rec = raw ? (JSON.parse(raw) as AutosaveRecord) : undefined;
    return rec && typeof rec.graph === 'string' && typeof rec.name === 'string' ? rec : undefined;
  } catch {
    return undefined;
  }
}

/** File names the document's file params refer to (every frame of a sequence). */
function mediaNames(doc: GraphDocument = useDocumentStore.getState().doc): Set<string> {
  const names = new Set<string>();
  for (const n of doc.nodes) {
    const def = engine().registry.get(n.type);
    for (const [key, spec] of Object.entries(def?.params ?? {})) {
      const v = n.params[key];
      if ((spec as FileParam).kind === 'file' && typeof v === 'string' && v) for (const name of mediaFileNames(v)) names.add(name);
    }
  }
  return names;
}

/** True while restoreAutosave reads the media copies back. */
let restoring = false;

function write(): void {
  const { doc, name } = useDocumentStore.getState();
  const { inPoint, outPoint } = useTimelineStore.getState();
  const rec: AutosaveRecord = {
    savedAt: Date.now(),
    name,
    graph: serializeGraph(doc),
    baseUrl: engine().services.baseUrl,
    inPoint,
    outPoint,
  };
  try {
    localStorage.setItem(KEY, JSON.stringify(rec));
  } catch (e) {
    notifyError(`Autosave failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  // Keep every file this session holds, not only those the graph names now: undo can remove a
  // node and redo bring it back, and its media must still be there after a reload.
  // Not while a restore is reading the copies back: they are not all registered yet.
  if (!restoring) void pruneMediaCopies(new Set(engine().services.userFiles.keys()));
}

/**
 * Starts saving on every change. While `hold()` says so (a restore offer is open), only real
 * edits are saved, so the offered session is not overwritten by the graph opened at start.
 */
export function startAutosave(hold: () => boolean): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (hold() && useDocumentStore.getState().history.past.length === 0) return;
      write();
    }, DELAY_MS);
  };
  const offDoc = useDocumentStore.subscribe((s, p) => {
    if (s.doc !== p.doc || s.name !== p.name) schedule();
  });
  const offTime = useTimelineStore.subscribe((s, p) => {
    if (s.inPoint !== p.inPoint || s.outPoint !== p.outPoint) schedule();
  });
  return () => {
    clearTimeout(timer);
    offDoc();
    offTime();
  };
}

/** Opens the autosaved session, with the media copies that were kept. */
export async function restoreAutosave(rec: AutosaveRecord): Promise<boolean> {
  let doc;
  try {
    doc = parseGraph(rec.graph, engine().registry as NodeRegistry<unknown>);
  } catch (e) {
    notifyError(`Cannot restore the last session: ${e instanceof Error ? e.message : String(e)}`);
    return false;
  }
  const { services } = engine();
  services.baseUrl = rec.baseUrl;
  // Every copy is in place before the graph is shown: a node evaluated earlier would open its
  // media half-restored (a sequence missing frames) and keep that error.
  let restored = 0;
  restoring = true;
  try {
    for (const name of mediaNames(doc)) {
      if (services.userFiles.has(name)) continue;
      const file = await mediaCopy(name);
      if (file) {
        services.userFiles.set(name, file);
        restored++;
      }
    }
  } finally {
    restoring = false;
  }
  showDocument(doc, rec.name);
  useMediaStore.getState().bump();
  useTimelineStore.getState().patch({ inPoint: rec.inPoint, outPoint: rec.outPoint });
  notify(`Restored the last session: ${rec.name}, ${doc.nodes.length} nodes, ${doc.edges.length} wires${restored ? `, ${restored} media file${restored === 1 ? '' : 's'}` : ''}`);
  write();
  return true;
}
