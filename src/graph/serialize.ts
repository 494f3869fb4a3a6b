// Versioned JSON for graph documents. Loading validates everything and names the first problem;
// older files go through the migrations list before validation.

import type { GraphDocument, GraphEdge, GraphNode } from './document.ts';
import { edgeId } from './document.ts';
import { canConnect } from './can-connect.ts';
import type { NodeRegistry } from './registry.ts';
import type { ParamSpec, ParamValue, Params } from './types.ts';

export const FORMAT = 'mattegraph';
export const CURRENT_VERSION = 1;

/** Upgrades a raw file of version `from` to `from + 1`. */
export interface DocumentMigration {
  from: number;
  migrate(raw: Record<string, unknown>): Record<string, unknown>;
}

/** Migrations of the file format, oldest first. Version 1 is the first released format. */
export const documentMigrations: DocumentMigration[] = [];

export class GraphFileError extends Error {
  override name = 'GraphFileError';
}

export function serializeGraph(doc: GraphDocument): string {
  const file = {
    format: FORMAT,
    version: CURRENT_VERSION,
    nodes: doc.nodes.map((n) => ({
      id: n.id,
      type: n.type,
      version: n.version,
      position: n.position,
      params: n.params,
      ...(n.disabled ? { disabled: true } : {}),
    })),
    edges: doc.edges.map((e) => ({ from: e.from, to: e.to })),
  };
  return JSON.stringify(file, null, 2) + '\n';
}

export function parseGraph(
  text: string,
  registry: NodeRegistry<unknown>,
  migrations: readonly DocumentMigration[] = documentMigrations,
): GraphDocument {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new GraphFileError(`not a graph file: invalid JSON (${(e as Error).message})`);
  }
  if (!isObject(raw) || raw.format !== FORMAT) {
    throw new GraphFileError(`not a graph file: expected "format": "${FORMAT}"`);
  }
  let version = raw.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    throw new GraphFileError('graph file has no valid "version"');
  }
  if (version > CURRENT_VERSION) {
    throw new GraphFileError(`graph file version ${version} is newer than this Mattegraph (${CURRENT_VERSION})`);
  }
  let obj: Record<string, unknown> = raw;
  while (version < CURRENT_VERSION) {
    const step = migrations.find((m) => m.from === version);
    if (!step) throw new GraphFileError(`no migration from graph file version ${version}`);
    obj = step.migrate(obj);
    version++;
  }
  return validate(obj, registry);
}

function validate(obj: Record<string, unknown>, registry: NodeRegistry<unknown>): GraphDocument {
  if (!Array.isArray(obj.nodes)) throw new GraphFileError('graph file has no "nodes" list');
  if (!Array.isArray(obj.edges)) throw new GraphFileError('graph file has no "edges" list');
  const nodes: GraphNode[] = [];
  const ids = new Set<string>();
  obj.nodes.forEach((rawNode: unknown, i: number) => {
    const node = validateNode(rawNode, i, registry);
    if (ids.has(node.id)) throw new GraphFileError(`duplicate node id "${node.id}"`);
    ids.add(node.id);
    nodes.push(node);
  });
  const doc: GraphDocument = { nodes, edges: [] };
  obj.edges.forEach((rawEdge: unknown, i: number) => {
    const edge = validateEdge(rawEdge, i);
    const verdict = canConnect(doc, registry, edge.from, edge.to);
    if (!verdict.ok) {
      throw new GraphFileError(`edge ${edge.from.node}.${edge.from.port} -> ${edge.to.node}.${edge.to.port}: ${verdict.reason}`);
    }
    doc.edges.push(edge);
  });
  return doc;
}

function validateNode(raw: unknown, i: number, registry: NodeRegistry<unknown>): GraphNode {
  if (!isObject(raw)) throw new GraphFileError(`node #${i} is not an object`);
  const { id, type } = raw;
  if (typeof id !== 'string' || !/^[A-Za-z_][\w-]*$/.test(id)) {
    throw new GraphFileError(`node #${i} has no valid "id" (letters, digits, _ and -)`);
  }
  if (typeof type !== 'string') throw new GraphFileError(`node "${id}" has no "type"`);
  const def = registry.get(type);
  if (!def) throw new GraphFileError(`node "${id}" has unknown type "${type}"`);
  const version = raw.version === undefined ? def.version : raw.version;
  if (typeof version !== 'number' || version > def.version) {
    throw new GraphFileError(`node "${id}": ${type} version ${String(version)} is not supported (this build has ${def.version})`);
  }
  let params = raw.params === undefined ? {} : raw.params;
  if (!isObject(params)) throw new GraphFileError(`node "${id}": "params" must be an object`);
  if (version < def.version) {
    if (!def.migrate) throw new GraphFileError(`node "${id}": cannot upgrade ${type} from version ${version}`);
    params = def.migrate(params as Params, version);
  }
  const full: Params = {};
  for (const [key, spec] of Object.entries(def.params)) {
    const value = (params as Record<string, unknown>)[key];
    full[key] = value === undefined ? spec.default : checkParam(id, key, spec, value);
  }
  for (const key of Object.keys(params)) {
    if (!(key in def.params)) throw new GraphFileError(`node "${id}": ${type} has no parameter "${key}"`);
  }
  const pos = raw.position;
  const position = isObject(pos) && typeof pos.x === 'number' && typeof pos.y === 'number'
    ? { x: pos.x, y: pos.y }
    : { x: 0, y: 0 };
  if (raw.disabled !== undefined && typeof raw.disabled !== 'boolean') {
    throw new GraphFileError(`node "${id}": "disabled" must be true or false`);
  }
  return { id, type, version: def.version, params: full, position, ...(raw.disabled ? { disabled: true } : {}) };
}

/** Checks one param value against its schema; throws a message naming node and param. */
export function checkParam(nodeId: string, key: string, spec: ParamSpec, value: unknown): ParamValue {
  const bad = (what: string) => new GraphFileError(`node "${nodeId}": parameter "${key}" ${what}`);
  switch (spec.kind) {
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw bad('must be a number');
      if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max)) {
        throw bad(`must be between ${spec.min} and ${spec.max}`);
      }
      return value;
    case 'numberOrAuto':
      if (value === 'auto') return value;
      if (typeof value !== 'number' || !Number.isFinite(value)) throw bad('must be a number or "auto"');
      if (value < spec.min || value > spec.max) throw bad(`must be "auto" or between ${spec.min} and ${spec.max}`);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw bad('must be true or false');
      return value;
    case 'color':
      if (typeof value !== 'string' || !/^#[0-9a-fA-F]{6}$/.test(value)) throw bad('must be a colour like #00ff00');
      return value.toLowerCase();
    case 'enum':
      if (typeof value !== 'string' || !spec.options.some((o) => o.value === value)) {
        throw bad(`must be one of ${spec.options.map((o) => o.value).join(', ')}`);
      }
      return value;
    case 'file':
    case 'string':
    case 'model':
      if (typeof value !== 'string') throw bad('must be a string');
      return value;
  }
}

function validateEdge(raw: unknown, i: number): GraphEdge {
  if (!isObject(raw) || !isPortRef(raw.from) || !isPortRef(raw.to)) {
    throw new GraphFileError(`edge #${i} must look like {"from": {"node", "port"}, "to": {"node", "port"}}`);
  }
  const from = { node: raw.from.node, port: raw.from.port };
  const to = { node: raw.to.node, port: raw.to.port };
  return { id: edgeId(from, to), from, to };
}

function isPortRef(v: unknown): v is { node: string; port: string } {
  return isObject(v) && typeof v.node === 'string' && typeof v.port === 'string';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
