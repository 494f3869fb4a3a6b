// The graph file as the CLI reads it: loaded with clear errors, --set values applied, and local
// file paths made absolute (graph-file paths relative to its folder, command-line ones to the cwd).
// Full validation (types, ports, cycles) is the engine's: parseGraph runs in the page.

import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { CliError } from './cli-error.ts';
import type { ParamKinds } from './headless-protocol.ts';
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
    case 'EACCES': case 'EPERM': return 'cannot be read (permission denied)';
    default: return `cannot be read (${e.code ?? e.message})`;
  }
}

export async function readGraphFile(path: string, cwd = userCwd()): Promise<GraphFile> {
  const abs = resolve(cwd, path);
  let text: string;
  try {
    text = await readFile(abs, 'utf8');
  } catch (e) {
    throw new CliError(`graph file ${path} ${fileProblem(e as NodeJS.ErrnoException)}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new CliError(`graph file ${path} is not valid JSON: ${(e as Error).message}`);
  }
  return { path: abs, dir: dirname(abs), raw };
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
      if (kindOf(node, key) === 'file' && typeof value === 'string' && isAbsolute(value)) mediaFiles.add(value);
    }
  }
  return { text: JSON.stringify(raw), mediaFiles: [...mediaFiles] };
}
