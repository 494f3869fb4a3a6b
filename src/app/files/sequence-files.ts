// Numbered pictures given together (dropped, multi-selected, or a folder picked) become one
// image sequence for a Video Source: checked for gaps, sizes and readability first (the
// message names the file), registered with the services frame by frame, and the node's file
// param set to the sequence ref (`frame_%04d.png 1-120`).

import { sequenceFilesProblem } from '../../media/image-sequence-check.ts';
import { HEADER_BYTES } from '../../media/image-sequence-header.ts';
import {
  findSequences,
  formatSequenceRef,
  gapProblem,
  parseSequenceRef,
  sequenceFileNames,
  type FoundSequence,
} from '../../media/image-sequence-ref.ts';
import { engine } from '../engine.ts';
import { addNode, setNodeParam } from '../graph-actions.ts';
import { useDocumentStore } from '../store/document-store.ts';
import { useMediaStore } from '../store/media-store.ts';
import { notify, notifyError } from '../store/notice-store.ts';
import type { FileParam } from '../../graph/types.ts';
import { accepts } from './file-kinds.ts';
import { keepMediaCopy } from './media-copies.ts';
import { setFileParam } from './use-file.ts';

/** The file names a file param's value stands for: every frame of a sequence, else itself. */
export function mediaFileNames(ref: string): string[] {
  const seq = parseSequenceRef(ref);
  return seq ? sequenceFileNames(seq) : [ref];
}

/** A file's name as given: with its folder when it came from a folder pick. */
const givenName = (file: File) => file.webkitRelativePath || file.name;

export interface GivenSequence {
  found: FoundSequence;
  /** The files, in frame order. */
  files: File[];
}

/**
 * Splits files into numbered picture sequences (two files or more) and the rest. A folder pick
 * may also hold other files: they are in `rest`.
 */
export function splitSequences(files: readonly File[]): { sequences: GivenSequence[]; rest: File[] } {
  const byName = new Map(files.map((f) => [givenName(f), f]));
  const sequences = findSequences([...byName.keys()])
    .filter((s) => s.names.length > 1)
    .map((found) => ({ found, files: found.names.map((n) => byName.get(n)!) }));
  const taken = new Set(sequences.flatMap((s) => s.files));
  return { sequences, rest: files.filter((f) => !taken.has(f)) };
}

/** The first problem with a sequence's files (gap, unreadable file, mixed sizes), in words. */
export async function sequenceProblem(seq: GivenSequence): Promise<string | undefined> {
  const gap = gapProblem(seq.found);
  if (gap) return gap;
  const heads = await Promise.all(
    seq.files.map(async (f) => ({ name: f.name, bytes: f.size, head: new Uint8Array(await f.slice(0, HEADER_BYTES).arrayBuffer()) })),
  );
  return sequenceFilesProblem(heads);
}

/**
 * Registers the frames with the services under their names and returns the sequence ref. When
 * another file already has one of those names, the frames go in a folder of their own
 * (`sequence 2/frame_0001.png`), so neither sequence reads the other's pictures.
 */
function registerSequence(seq: GivenSequence): string {
  const files = engine().services.userFiles;
  const same = (name: string, f: File) => {
    const b = files.get(name);
    return !b || b === f || (b instanceof File && b.size === f.size && b.lastModified === f.lastModified);
  };
  let prefix = '';
  for (let i = 2; !seq.found.names.every((n, k) => same(prefix + n, seq.files[k])); i++) prefix = `sequence ${i}/`;
  const pattern = prefix + seq.found.pattern;
  const numbers = seq.found.numbers;
  const fresh: [string, File][] = [];
  seq.found.names.forEach((n, k) => {
    if (files.get(prefix + n) !== seq.files[k]) fresh.push([prefix + n, seq.files[k]]);
    files.set(prefix + n, seq.files[k]);
  });
  if (fresh.length) {
    useMediaStore.getState().bump();
    // Copies for the autosaved session, one after the other (hundreds of frames at once would
    // compete with the decoding the user is waiting for).
    void fresh.reduce<Promise<unknown>>((chain, [name, f]) => chain.then(() => keepMediaCopy(name, f)), Promise.resolve());
  }
  return formatSequenceRef({ pattern, first: numbers[0], last: numbers[numbers.length - 1] });
}

/**
 * Checks `seq` and puts it in `nodeId`'s file param `key`, or in a new Video Source at
 * `position`. Returns the node id, or undefined when the files were refused (the notice says why).
 */
export async function useSequence(
  seq: GivenSequence,
  target?: { nodeId: string; key: string },
  position?: { x: number; y: number },
): Promise<string | undefined> {
  const problem = await sequenceProblem(seq);
  if (problem) {
    notifyError(`Cannot use the image sequence: ${problem}`);
    return undefined;
  }
  const ref = registerSequence(seq);
  const id = target?.nodeId ?? addNode('VideoSource', position);
  setNodeParam(id, target?.key ?? 'file', ref);
  notify(`${id}: using the image sequence ${ref} (${seq.files.length} frames)`);
  return id;
}

/** Node types whose file param reads image sequences. */
const SEQUENCE_TYPES = new Set(['VideoSource']);
export const takesSequences = (type: string | undefined): boolean => type !== undefined && SEQUENCE_TYPES.has(type);

/**
 * Files picked for a node's file param (several selected, or a whole folder): numbered pictures
 * become a sequence on a node that reads them; otherwise the first file is used.
 */
export async function useFilesForParam(nodeId: string, key: string, files: readonly File[]): Promise<void> {
  const node = useDocumentStore.getState().doc.nodes.find((n) => n.id === nodeId);
  const { sequences } = splitSequences(files);
  if (sequences.length && takesSequences(node?.type)) {
    await useSequence(sequences[0], { nodeId, key });
    return;
  }
  // Otherwise the first file the param takes (a folder may hold notes, sidecars …).
  const spec = node && engine().registry.get(node.type)?.params[key];
  const file = files.find((f) => spec?.kind !== 'file' || accepts((spec as FileParam).accept, f));
  if (file) setFileParam(nodeId, key, file);
  else notifyError(`None of the ${files.length} chosen file${files.length === 1 ? '' : 's'} can go in ${nodeId}: ${files[0]?.name ?? ''}${files.length > 1 ? ', …' : ''}`);
}
