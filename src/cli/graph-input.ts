// The graph file as the CLI reads it: loaded with clear errors, --set values applied, and local
// file paths made absolute (graph-file paths relative to its folder, command-line ones to the cwd).
// A file param naming a folder or a pattern (`frames/`, `frame_%04d.png`, `frame_####.png`) is an
// image sequence: the folder is listed here, the gaps and sizes checked, and the param becomes
// `ABS/frame_%04d.png FIRST-LAST` with every frame a media file the server may serve.
// Full validation (types, ports, cycles) is the engine's: parseGraph runs in the page.

import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { sequenceFilesProblem } from '../media/image-sequence-check.ts';
import { HEADER_BYTES } from '../media/image-sequence-header.ts';
import {
  findSequences,
  formatSequenceRef,
  gapProblem,
  hashesToPrintf,
  isSequencePattern,
  parseSequenceRef,
  sequenceFileNames,
  type SequenceRef,
} from '../media/image-sequence-ref.ts';
import { CliError, fsProblem } from './cli-error.ts';
import type { ParamKinds } from './headless-protocol.ts';
import { checkMediaFile } from './media-file-check.ts';
import { parseParamValue } from './param-value.ts';
import { userCwd } from './project-paths.ts';
import type { ParamSet } from './render-args.ts';

export interface GraphFile {
  path: string;
  dir: string;
  /** The parsed JSON, untouched. */
  raw: unknown;
}

interface RawNode {
  id?: unknown;
  type?: unknown;
  params?: unknown;
}

function fileProblem(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'ENOENT': return 'not found';
    case 'EISDIR': return 'is a folder, not a file';
    default: return `cannot be read (${fsProblem(e)})`;
  }
}

export async function readGraphFile(path: string, cwd = userCwd()): Promise<GraphFile> {
  const abs = resolve(cwd, path);
  let bytes: Buffer;
  try {
    // A device or a pipe with no writer would block the read for ever.
    const info = statSync(abs);
    if (!info.isFile() && !info.isDirectory()) throw new CliError(`graph file ${path} is not a regular file (a device, pipe or socket)`);
    bytes = await readFile(abs);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`graph file ${path} ${fileProblem(e as NodeJS.ErrnoException)}`);
  }
  // A video or picture given where the graph goes: say so instead of quoting binary as JSON.
  if (bytes.subarray(0, 4096).includes(0)) {
    throw new CliError(`graph file ${path} is binary data, not a graph (JSON): give the graph first and media with --set NODE.file=PATH`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    throw new CliError(`graph file ${path} is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new CliError(`graph file ${path} is not a Mattegraph graph: it holds ${jsonKind(raw)}, not an object with "format": "mattegraph"`);
  }
  return { path: abs, dir: dirname(abs), raw };
}

function jsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string' ? 'a string' : typeof value === 'number' ? 'a number' : String(value);
}

const isUrl = (ref: string) => /^[a-z][a-z0-9+.-]+:/i.test(ref);

function nodesOf(raw: unknown): RawNode[] {
  if (typeof raw !== 'object' || raw === null) return [];
  const nodes = (raw as { nodes?: unknown }).nodes;
  return Array.isArray(nodes) ? nodes.filter((n): n is RawNode => typeof n === 'object' && n !== null) : [];
}

export interface PreparedGraph {
  /** JSON text for the page. */
  text: string;
  /** Absolute local paths that `file` params name (the only files the server may serve). */
  mediaFiles: string[];
}

/**
 * Applies `sets` and resolves local file params to absolute paths. A set naming a node that is
 * not in the graph is an error here; unknown params and bad values are left to parseGraph,
 * which names them.
 */
export function prepareGraph(graph: GraphFile, sets: readonly ParamSet[], kinds: ParamKinds, cwd = userCwd()): PreparedGraph {
  const raw: unknown = structuredClone(graph.raw);
  const nodes = nodesOf(raw);
  const kindOf = (node: RawNode, param: string) => (typeof node.type === 'string' ? kinds[node.type]?.[param] : undefined);

  for (const node of nodes) {
    if (typeof node.params !== 'object' || node.params === null) continue;
    const params = node.params as Record<string, unknown>;
    for (const [key, value] of Object.entries(params)) {
      if (kindOf(node, key) === 'file' && typeof value === 'string' && value && !isUrl(value) && !isAbsolute(value)) {
        params[key] = resolve(graph.dir, value);
      }
    }
  }
  for (const set of sets) {
    const node = nodes.find((n) => n.id === set.node);
    if (!node) throw new CliError(`--set ${set.node}.${set.param}: the graph has no node "${set.node}"`);
    if (typeof node.params !== 'object' || node.params === null) node.params = {};
    const kind = kindOf(node, set.param);
    const value = kind === 'file' && set.text && !isUrl(set.text) ? resolve(cwd, set.text) : parseParamValue(set.text, kind);
    (node.params as Record<string, unknown>)[set.param] = value;
  }
  const mediaFiles = new Set<string>();
  for (const node of nodes) {
    const params = (node.params ?? {}) as Record<string, unknown>;
    for (const [key, value] of Object.entries(params)) {
      if (kindOf(node, key) !== 'file' || typeof value !== 'string') continue;
      const where = `${String(node.id)}.${key}`;
      if (isUrl(value)) throw new CliError(`${where}: "${value}" is a URL; the render reads local files only (download it first)`);
      if (!isAbsolute(value)) continue;
      const sequence = imageSequenceAt(value, where);
      if (!sequence) {
        checkMediaFile(value, where);
        mediaFiles.add(value);
        continue;
      }
      params[key] = formatSequenceRef(sequence);
      for (const file of sequenceFileNames(sequence)) mediaFiles.add(file);
    }
  }
  return { text: JSON.stringify(raw), mediaFiles: [...mediaFiles] };
}

const isFile = (path: string) => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

const isFolder = (path: string) => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/**
 * The image sequence an absolute file param names (a folder, a pattern, or a pattern with its
 * range), checked on disk; undefined for a plain file. Problems are CliErrors naming the file.
 */
export function imageSequenceAt(path: string, where: string): SequenceRef | undefined {
  const given = parseSequenceRef(path);
  let ref: SequenceRef;
  if (given) {
    ref = given;
  } else if (isFolder(path)) {
    ref = onlySequenceIn(path, where);
  } else if (isSequencePattern(hashesToPrintf(path)) && !isFile(path)) {
    const pattern = hashesToPrintf(path);
    const found = findSequences(listFolder(dirname(pattern), where)).find((s) => s.pattern === pattern);
    if (!found) throw new CliError(`${where}: no files match the image sequence ${pattern}`);
    const gap = gapProblem(found);
    if (gap) throw new CliError(`${where}: ${gap}`);
    ref = { pattern, first: found.numbers[0], last: found.numbers[found.numbers.length - 1] };
  } else {
    return undefined;
  }
  const files = sequenceFileNames(ref);
  const heads = files.map((file) => readHead(file, where));
  const problem = sequenceFilesProblem(heads);
  if (problem) throw new CliError(`${where}: ${problem}`);
  return ref;
}

function listFolder(dir: string, where: string): string[] {
  try {
    return readdirSync(dir).map((name) => join(dir, name));
  } catch (e) {
    throw new CliError(`${where}: folder ${dir} ${fileProblem(e as NodeJS.ErrnoException)}`);
  }
}

/** The one numbered image sequence in a folder (a single picture or other files do not count). */
function onlySequenceIn(dir: string, where: string): SequenceRef {
  const found = findSequences(listFolder(dir, where));
  const sequences = found.filter((s) => s.numbers.length > 1);
  const shown = (list: typeof found) => list.map((s) => basename(s.pattern)).join(', ');
  if (!found.length) throw new CliError(`${where}: folder ${dir} holds no numbered PNG, JPEG or WebP pictures (frame_0001.png, …)`);
  if (sequences.length > 1) {
    throw new CliError(`${where}: folder ${dir} holds several image sequences (${shown(sequences)}): name one, e.g. ${join(dir, basename(sequences[0].pattern))}`);
  }
  const seq = sequences[0] ?? found[0];
  const gap = gapProblem(seq);
  if (gap) throw new CliError(`${where}: ${gap}`);
  return { pattern: seq.pattern, first: seq.numbers[0], last: seq.numbers[seq.numbers.length - 1] };
}

function readHead(file: string, where: string): { name: string; bytes: number; head: Uint8Array } {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const bytes = statSync(file).size;
    const head = new Uint8Array(Math.min(bytes, HEADER_BYTES));
    readSync(fd, head, 0, head.length, 0);
    return { name: file, bytes, head };
  } catch (e) {
    throw new CliError(`${where}: frame ${basename(file)} of the image sequence ${fileProblem(e as NodeJS.ErrnoException)}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
