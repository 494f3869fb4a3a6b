// The evaluator's run observers: which node runs which frame for which request (the editor shows
// a node "working" from them), including pre-roll, held outputs, failures and aborts, and that
// observing changes nothing about what is evaluated.

import { describe, expect, it } from 'vitest';
import { edgeId, type GraphDocument } from '../../src/graph/document.ts';
import { Evaluator, type EvaluationObserver, type NodeRun } from '../../src/graph/evaluator.ts';
import { NodeRegistry } from '../../src/graph/registry.ts';
import type { NodeDefinition, Params } from '../../src/graph/types.ts';

class Num {
  constructor(readonly n: number) {}
  dispose() {}
}

/** Counter (a 30-frame source), Slow (sum over a window, pre-roll 2; waits on a gate when told), Fail. */
function registry(gate: { open?: Promise<void> }) {
  const counter: NodeDefinition<unknown> = {
    type: 'Counter', version: 1, label: 'Counter', category: 'Source', description: '', inputs: [],
    outputs: [{ id: 'image', label: 'Image', types: ['image'] }], params: {},
    create: () => ({
      evaluate: async (ctx) => ({ image: new Num(ctx.frame) }),
      reset() {},
      dispose() {},
      clipInfo: async () => ({ frameCount: 30, fps: 10, durationUs: 3e6, width: 4, height: 4,
        frameTimestampsUs: [...Array(30).keys()].map((i) => i * 1e5), frameDurationsUs: Array(30).fill(1e5) }),
    }),
  };
  const slow: NodeDefinition<unknown> = {
    type: 'Slow', version: 1, label: 'Slow', category: 'Matte', description: '',
    inputs: [{ id: 'source', label: 'Source', types: ['image'] }],
    outputs: [{ id: 'pha', label: 'Alpha', types: ['matte'] }],
    params: { preRoll: { kind: 'number', label: 'Pre-roll', default: 2 } },
    preRoll: (p: Params) => p.preRoll as number,
    create() {
      let sum = 0;
      return {
        async evaluate(ctx) {
          if (!ctx.sequential) sum = 0;
          if (gate.open) await gate.open;
          sum += (ctx.inputs.source as Num).n;
          return { pha: new Num(sum) };
        },
        reset: () => void (sum = 0),
        dispose() {},
      };
    },
  };
  const fail: NodeDefinition<unknown> = {
    type: 'Fail', version: 1, label: 'Fail', category: 'Matte', description: '',
    inputs: [{ id: 'source', label: 'Source', types: ['image'] }],
    outputs: [{ id: 'pha', label: 'Alpha', types: ['matte'] }], params: {},
    create: () => ({
      evaluate: async () => {
        throw new Error('no model');
      },
      reset() {},
      dispose() {},
    }),
  };
  return new NodeRegistry<unknown>([counter, slow, fail]);
}

const node = (id: string, type: string, params: Params = {}) => ({ id, type, version: 1, params, position: { x: 0, y: 0 } });
const wire = (a: string, ap: string, b: string, bp: string) => ({
  id: edgeId({ node: a, port: ap }, { node: b, port: bp }), from: { node: a, port: ap }, to: { node: b, port: bp },
});
const doc = (type = 'Slow'): GraphDocument => ({
  nodes: [node('src', 'Counter'), node('m', type, type === 'Slow' ? { preRoll: 2 } : {})],
  edges: [wire('src', 'image', 'm', 'source')],
});
const text = (r: NodeRun) => `${r.nodeId} ${r.frame}/${r.forFrame} ${r.phase}`;

function setup(d = doc(), gate: { open?: Promise<void> } = {}) {
  const events: string[] = [];
  const observer: EvaluationObserver = { onRun: (r) => events.push(text(r)), onSettled: (f) => events.push(`settled ${f}`) };
  const ev = new Evaluator(registry(gate), undefined);
  ev.setDocument(d);
  const stop = ev.observe(observer);
  return { ev, events, stop };
}

describe('evaluation observers', () => {
  it('see every run with the frame it was asked for, pre-roll included, and nothing for held outputs', async () => {
    const { ev, events } = setup();
    await ev.evaluate({ node: 'm', port: 'pha' }, 10);
    expect(events).toEqual([
      'src 8/10 start', 'src 8/10 done', 'm 8/10 start', 'm 8/10 done',
      'src 9/10 start', 'src 9/10 done', 'm 9/10 start', 'm 9/10 done',
      'src 10/10 start', 'src 10/10 done', 'm 10/10 start', 'm 10/10 done',
      'settled 10',
    ]);
    events.length = 0;
    await ev.evaluate({ node: 'm', port: 'pha' }, 10);
    expect(events).toEqual(['settled 10']);
  });

  it('see a failure and an abort, and the end of each call', async () => {
    const failing = setup(doc('Fail'));
    await expect(failing.ev.evaluate({ node: 'm', port: 'pha' }, 3)).rejects.toThrow('no model');
    expect(failing.events).toEqual(['src 3/3 start', 'src 3/3 done', 'm 3/3 start', 'm 3/3 failed', 'settled 3']);

    let release!: () => void;
    const gate: { open?: Promise<void> } = { open: new Promise<void>((r) => (release = r)) };
    const slow = setup(doc(), gate);
    const controller = new AbortController();
    const first = slow.ev.evaluate({ node: 'm', port: 'pha' }, 20, controller.signal);
    await new Promise((r) => setTimeout(r, 0));
    expect(slow.events).toEqual(['src 18/20 start', 'src 18/20 done', 'm 18/20 start']);
    // A newer request comes: the older one stops after the run in progress.
    controller.abort();
    const second = slow.ev.evaluate({ node: 'm', port: 'pha' }, 5);
    release();
    gate.open = undefined;
    await expect(first).rejects.toThrow();
    expect(((await second) as Num).n).toBe(3 + 4 + 5);
    expect(slow.events.filter((e) => e.includes('/20'))).toEqual(['src 18/20 start', 'src 18/20 done', 'm 18/20 start', 'm 18/20 done']);
    expect(slow.events).toContain('settled 20');
    expect(slow.events.filter((e) => e.startsWith('m ') && e.endsWith('done') && e.includes('20/20'))).toEqual([]);
    expect(slow.events.at(-1)).toBe('settled 5');
  });

  it('change nothing about what is evaluated, and stop when removed', async () => {
    const plain = new Evaluator(registry({}), undefined);
    plain.setDocument(doc());
    const watched = setup();
    for (const f of [4, 5, 6, 12, 2]) {
      const a = (await plain.evaluate({ node: 'm', port: 'pha' }, f)) as Num;
      const b = (await watched.ev.evaluate({ node: 'm', port: 'pha' }, f)) as Num;
      expect(b.n).toBe(a.n);
    }
    watched.stop();
    watched.events.length = 0;
    await watched.ev.evaluate({ node: 'm', port: 'pha' }, 13);
    expect(watched.events).toEqual([]);
  });

  it('do not break evaluation when one throws', async () => {
    const { ev } = setup();
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      ev.observe({ onRun: () => { throw new Error('observer bug'); } });
      expect(((await ev.evaluate({ node: 'm', port: 'pha' }, 2)) as Num).n).toBe(0 + 1 + 2);
    } finally {
      console.error = original;
    }
    expect(errors.length).toBeGreaterThan(0);
  });
});
