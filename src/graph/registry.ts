// The node registry: node type name -> declarative definition.

import type { NodeDefinition, Params } from './types.ts';

export class NodeRegistry<S = unknown> {
  private readonly byType = new Map<string, NodeDefinition<S>>();

  constructor(definitions: readonly NodeDefinition<S>[] = []) {
    for (const d of definitions) this.register(d);
  }

  register(def: NodeDefinition<S>): void {
    if (this.byType.has(def.type)) throw new Error(`node type "${def.type}" is registered twice`);
    const ids = [...def.inputs, ...def.outputs].map((p) => p.id);
    if (new Set(def.inputs.map((p) => p.id)).size !== def.inputs.length ||
        new Set(def.outputs.map((p) => p.id)).size !== def.outputs.length) {
      throw new Error(`node type "${def.type}" has duplicate port ids: ${ids.join(', ')}`);
    }
    this.byType.set(def.type, def);
  }

  get(type: string): NodeDefinition<S> | undefined {
    return this.byType.get(type);
  }

  require(type: string): NodeDefinition<S> {
    const def = this.byType.get(type);
    if (!def) throw new Error(`unknown node type "${type}"`);
    return def;
  }

  all(): NodeDefinition<S>[] {
    return [...this.byType.values()];
  }

  /** Params of a new node: every schema default. */
  defaultParams(type: string): Params {
    const def = this.require(type);
    return Object.fromEntries(Object.entries(def.params).map(([k, spec]) => [k, spec.default]));
  }
}
