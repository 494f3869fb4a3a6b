// A disabled node passes its main input through: the evaluator never runs it, hands the same
// value on (retained, released once by each owner) and names a disabled node that has nothing
// to give for an output something downstream needs.

import { describe, expect, it } from 'vitest';
import { edgeId, type GraphDocument } from '../../src/graph/document.ts';
import { Evaluator } from '../../src/graph/evaluator.ts';
import { NodeRegistry } from '../../src/graph/registry.ts';
import type { NodeDefinition } from '../../src/graph/types.ts';

class Counted {
  refs = 1;
  constructor(readonly n: number, readonly live: Set<Counted>) {
    live.add(this);
  }
  retain() {
    this.refs++;
    return this;
  }
  dispose() {
    if (--this.refs === 0) this.live.delete(this);
  }
}

function registry(live: Set<Counted>, evaluated: string[]) {
  const source: NodeDefinition<unknown> = {
    type: 'Src', version: 1, label: 'Src', category: 'Source', description: '', inputs: [],
    outputs: [{ id: 'image', label: 'Image', types: ['image'] }], params: {},
    create: () => ({
      evaluate: async (ctx) => (evaluated.push('src'), { image: new Counted(ctx.frame, live) }),
      reset() {}, dispose() {},
    }),
  };
  const matte: NodeDefinition<unknown> = {
    type: 'Matte', version: 1, label: 'Matte', category: 'Matte', description: '',
    inputs: [{ id: 'source', label: 'Source', types: ['image'] }],
    outputs: [{ id: 'pha', label: 'Alpha', types: ['matte'] }, { id: 'fgr', label: 'Foreground', types: ['image'] }],
    params: {},
    create: () => ({
      evaluate: async (ctx) => {
        evaluated.push('matte');
        const n = (ctx.inputs.source as Counted).n;
        return { pha: new Counted(n + 100, live), fgr: new Counted(n + 200, live) };
      },
      reset() {}, dispose() {},
    }),
  };
  const sink: NodeDefinition<unknown> = {
    type: 'Out', version: 1, label: 'Out', category: 'Output', description: '', sink: true,
    inputs: [{ id: 'image', label: 'Image', types: ['image', 'matte'] }], outputs: [], params: {},
    create: () => ({ evaluate: async () => ({}), reset() {}, dispose() {} }),
  };
  return new NodeRegistry<unknown>([source, matte, sink]);
}

const wire = (a: string, ap: string, b: string, bp: string) => ({
  id: edgeId({ node: a, port: ap }, { node: b, port: bp }), from: { node: a, port: ap }, to: { node: b, port: bp },
});
const doc = (port: 'fgr' | 'pha', disabled: boolean): GraphDocument => ({
  nodes: [
    { id: 'src', type: 'Src', version: 1, params: {}, position: { x: 0, y: 0 } },
    { id: 'm', type: 'Matte', version: 1, params: {}, position: { x: 0, y: 0 }, ...(disabled ? { disabled } : {}) },
    { id: 'out', type: 'Out', version: 1, params: {}, position: { x: 0, y: 0 } },
  ],
  edges: [wire('src', 'image', 'm', 'source'), wire('m', port, 'out', 'image')],
});

describe('disabled nodes', () => {
  it('pass their first input of the same type through without evaluating', async () => {
    const live = new Set<Counted>();
    const evaluated: string[] = [];
    const ev = new Evaluator(registry(live, evaluated), undefined);
    ev.setDocument(doc('fgr', false));
    expect(((await ev.evaluate({ node: 'out', port: 'image' }, 3)) as Counted).n).toBe(203);
    ev.setDocument(doc('fgr', true));
    evaluated.length = 0;
    const passed = (await ev.evaluate({ node: 'out', port: 'image' }, 3)) as Counted;
    expect(passed.n).toBe(3); // the source's picture itself
    expect(evaluated).toEqual([]); // the source's frame 3 was still held; the matte never ran
    expect(passed.refs).toBe(2); // held by the source and by the disabled node
    ev.setDocument(doc('fgr', false)); // enabling again re-evaluates
    expect(((await ev.evaluate({ node: 'out', port: 'image' }, 3)) as Counted).n).toBe(203);
    ev.dispose();
    expect(live.size).toBe(0);
  });

  it('name the disabled node when an output has nothing of its type to pass on', async () => {
    const live = new Set<Counted>();
    const statuses: string[] = [];
    const ev = new Evaluator(registry(live, []), undefined, { onStatus: (id, s) => statuses.push(`${id}: ${s.message}`) });
    ev.setDocument(doc('pha', true));
    await expect(ev.evaluate({ node: 'out', port: 'image' }, 0)).rejects.toThrow(
      'out: m is disabled and has nothing to pass on to its "pha" output',
    );
    expect(statuses).toContain('out: m is disabled and has nothing to pass on to its "pha" output');
    ev.dispose();
    expect(live.size).toBe(0);
  });
});
