// Folders dropped on the canvas from the file manager. The drop's DataTransfer holds a folder as
// one entry (its `files` list shows a useless 4 kB "file"), so the files directly in it are read
// through the File and Directory Entries API and go on as if they had been dropped together:
// numbered pictures become one image sequence, videos and models what a multi-file drop makes.
// One level only: a sequence lies in one folder, and a shot folder with `proxies/` or `exr/`
// inside must not turn one drop into several sequences; subfolders are named in the notice.
// Hidden files (.DS_Store) and files Mattegraph does not read (notes, sidecars, .json) in a
// folder are left out and named, rather than each raising an error as a file dropped by
// itself does; a graph is opened by dropping the .json itself.

import { notifyError, useNoticeStore } from '../store/notice-store.ts';
import { fileKind } from './file-kinds.ts';
import { handleDroppedFiles, type DropPlace } from './handle-drop.ts';

export interface DroppedItems {
  /** Files dropped themselves. */
  files: File[];
  folders: FileSystemDirectoryEntry[];
}

/**
 * What was dropped. Must run inside the drop event: the browser empties the DataTransfer's
 * items once the event handler returns (the entries stay readable afterwards).
 */
export function takeDropped(data: DataTransfer): DroppedItems {
  const files: File[] = [];
  const folders: FileSystemDirectoryEntry[] = [];
  for (const item of [...data.items]) {
    if (item.kind !== 'file') continue;
    // Null for files put in a DataTransfer by script (no file system behind them).
    const entry = item.webkitGetAsEntry?.();
    if (entry?.isDirectory) {
      folders.push(entry as FileSystemDirectoryEntry);
      continue;
    }
    const file = item.getAsFile();
    if (file) files.push(file);
  }
  // A browser without DataTransferItems still lists the files.
  if (!data.items.length) files.push(...data.files);
  return { files, folders };
}

export interface FolderContents {
  name: string;
  /** The files directly in the folder that Mattegraph reads, named `folder/file`. */
  files: File[];
  /** Files left out: hidden, or of a kind Mattegraph does not read. */
  leftOut: string[];
  subfolders: string[];
}

/** Every entry of a folder: readEntries hands them out in batches until it returns none. */
async function entriesOf(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (!batch.length) return all;
    all.push(...batch);
  }
}

const fileOf = (entry: FileSystemFileEntry) => new Promise<File>((resolve, reject) => entry.file(resolve, reject));

export async function readFolder(dir: FileSystemDirectoryEntry): Promise<FolderContents> {
  const contents: FolderContents = { name: dir.name, files: [], leftOut: [], subfolders: [] };
  const entries = (await entriesOf(dir)).sort((a, b) => a.name.localeCompare(b.name));
  const used: FileSystemFileEntry[] = [];
  for (const entry of entries) {
    const kind = fileKind({ name: entry.name, type: '' });
    if (entry.isDirectory) contents.subfolders.push(entry.name);
    else if (entry.name.startsWith('.') || kind === 'other' || kind === 'graph') contents.leftOut.push(entry.name);
    else used.push(entry as FileSystemFileEntry);
  }
  contents.files = await Promise.all(used.map(async (entry) => {
    const file = await fileOf(entry);
    // Named as the same folder picked with "Folder…" names it (webkitRelativePath), so the
    // sequence is `shot/frame_%04d.png` either way and two folders' frame_0001.png stay apart.
    Object.defineProperty(file, 'webkitRelativePath', { value: `${dir.name}/${file.name}` });
    return file;
  }));
  return contents;
}

const list = (names: string[], max = 3) =>
  names.slice(0, max).join(', ') + (names.length > max ? ` and ${names.length - max} more` : '');

/** What a folder's drop left out, in words ("" when nothing). */
export function leftOutText(c: FolderContents): string {
  const parts: string[] = [];
  if (c.leftOut.length) parts.push(`left out ${list(c.leftOut)}`);
  if (c.subfolders.length) {
    parts.push(`subfolder${c.subfolders.length > 1 ? 's' : ''} ${list(c.subfolders.map((s) => `${s}/`))} not opened (drop ${c.subfolders.length > 1 ? 'one' : 'it'} by itself)`);
  }
  return parts.join('; ');
}

/** Dropped files and folders: the folders' files join the files as one drop. */
export async function handleDroppedItems(dropped: DroppedItems, place: DropPlace): Promise<void> {
  if (!dropped.folders.length) return handleDroppedFiles(dropped.files, place);
  let folders: FolderContents[];
  try {
    folders = await Promise.all(dropped.folders.map(readFolder));
  } catch (e) {
    notifyError(`Cannot read the dropped folder: ${e instanceof Error ? e.message : String(e)}`);
    return;
  }
  for (const empty of folders.filter((f) => !f.files.length)) {
    const what = leftOutText(empty);
    notifyError(`The folder ${empty.name}/ holds no pictures, videos or models to use${what ? `: ${what}` : ' (it is empty)'}`);
  }
  const files = [...dropped.files, ...folders.flatMap((f) => f.files)];
  if (!files.length) return;
  await handleDroppedFiles(files, place);
  // What was left out goes after the outcome, unless the outcome was a refusal (that stays).
  const notes = folders.filter((f) => f.files.length).map((f) => [f.name, leftOutText(f)]).filter(([, t]) => t);
  const last = useNoticeStore.getState().notice;
  if (notes.length && last?.kind === 'info') {
    useNoticeStore.getState().show('info', `${last.text} · ${notes.map(([name, t]) => `from ${name}/: ${t}`).join(' · ')}`);
  }
}
