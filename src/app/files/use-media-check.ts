// Finds file params that name a file we cannot reach (not given by the user in this session,
// not on the server next to the graph), so the node can ask for it by name (relink) instead
// of failing with a network error. An image sequence counts as one file.

import { useEffect } from 'react';
import { isParamShown, type FileParam } from '../../graph/types.ts';
import { engine } from '../engine.ts';
import { useDocumentStore } from '../store/document-store.ts';
import { useMediaStore, type MissingMedia } from '../store/media-store.ts';
import { mediaFileNames } from './sequence-files.ts';

async function reachable(ref: string, signal: AbortSignal): Promise<boolean> {
  const { services } = engine();
  // A sequence is there when all its frames were given, or (on a server) its first and last are.
  const names = mediaFileNames(ref);
  if (names.every((n) => services.userFiles.has(n))) return true;
  for (const name of new Set([names[0], names[names.length - 1]])) {
    if (!(await reachableFile(name, signal))) return false;
  }
  return true;
}

async function reachableFile(name: string, signal: AbortSignal): Promise<boolean> {
  const { services } = engine();
  if (services.userFiles.has(name)) return true;
  try {
    const res = await fetch(new URL(name, services.baseUrl).href, { method: 'HEAD', signal });
    // A dev or static server may answer any unknown path with the app's index.html.
    return res.ok && !(res.headers.get('content-type') ?? '').startsWith('text/html');
  } catch {
    return false;
  }
}

function fileRefs(): [string, string, string][] {
  const { doc } = useDocumentStore.getState();
  const refs: [string, string, string][] = [];
  for (const n of doc.nodes) {
    const def = engine().registry.get(n.type);
    for (const [key, spec] of Object.entries(def?.params ?? {})) {
      const value = n.params[key];
      // A file the node's current mode does not use (a plate's old picture in video mode) is not asked for.
      if (def && !isParamShown(def.params, key, n.params)) continue;
      if ((spec as FileParam).kind === 'file' && typeof value === 'string' && value) refs.push([n.id, key, value]);
    }
  }
  return refs;
}

export function useMediaCheck(): void {
  const wanted = useDocumentStore(() => JSON.stringify(fileRefs()));
  const epoch = useMediaStore((s) => s.epoch);
  useEffect(() => {
    const controller = new AbortController();
    void (async () => {
      const missing: Record<string, MissingMedia> = {};
      for (const [node, param, name] of JSON.parse(wanted) as [string, string, string][]) {
        if (!(await reachable(name, controller.signal))) missing[node] ??= { param, name };
      }
      if (!controller.signal.aborted) useMediaStore.getState().setMissing(missing);
    })();
    return () => controller.abort();
  }, [wanted, epoch]);
}
