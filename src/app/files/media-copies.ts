// Copies of the media the user gave us, kept in the browser's origin-private file system
// (OPFS), so an autosaved session can be restored with its videos after a reload. Where OPFS
// is missing or full, nothing is kept and the restored nodes ask for their files (relink).

const DIR = 'mattegraph-media';

async function folder(): Promise<FileSystemDirectoryHandle | undefined> {
  try {
    const root = await navigator.storage?.getDirectory?.();
    return root ? await root.getDirectoryHandle(DIR, { create: true }) : undefined;
  } catch {
    return undefined;
  }
}

/** Stores a copy of `file` under `name` (best effort: a failure only means no copy). */
export async function keepMediaCopy(name: string, file: Blob): Promise<boolean> {
  try {
    const dir = await folder();
    if (!dir) return false;
    const handle = await dir.getFileHandle(encodeURIComponent(name), { create: true });
    const writable = await handle.createWritable();
    await writable.write(file);
    await writable.close();
    return true;
  } catch {
    return false;
  }
}

/** The stored copy named `name`, if there is one. */
export async function mediaCopy(name: string): Promise<File | undefined> {
  try {
    const dir = await folder();
    const handle = await dir?.getFileHandle(encodeURIComponent(name));
    const file = await handle?.getFile();
    return file ? new File([file], name, { type: file.type, lastModified: file.lastModified }) : undefined;
  } catch {
    return undefined;
  }
}

/** Deletes stored copies whose names are not in `keep`. */
export async function pruneMediaCopies(keep: ReadonlySet<string>): Promise<void> {
  try {
    const dir = await folder();
    if (!dir) return;
    const names: string[] = [];
    for await (const key of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) names.push(key);
    for (const stored of names) {
      if (!keep.has(decodeURIComponent(stored))) await dir.removeEntry(stored);
    }
  } catch {
    // Nothing to clean, or OPFS unavailable.
  }
}
