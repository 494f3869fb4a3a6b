// Pre-roll: a node with temporal state (NodeDefinition.preRoll) reached by a jump first sees the
// frames before it, so the jumped-to frame equals the same frame reached by playing (when the
// state forgets what is older than the pre-roll). Numbers flow instead of images here.

import { describe, expect, it } from 'vitest';
import { edgeId, type GraphDocument } from '../../src/graph/document.ts';
import { Evaluator } from '../../src/graph/evaluator.ts';
import { NodeRegistry } from '../../src/graph/registry.ts';
import type { NodeDefinition, Params } from '../../src/graph/types.ts';

class Num {
  constructor(readonly n: number, readonly live: Set<Num>) {
    live.add(this);
  }
  dispose() {
    this.live.delete(this);
  }
}

interface World {
  live: Set<Num>;
  log: string[];
}

/** `Window`: the sum of the last `span` inputs it saw in sequence (a jump starts it over). */
function registry({ live, log }: World) {
  const counter: NodeDefinition<unknown> = {
    type: 'Counter', version: 1, label: 'Counter', category: 'Source', description: '', inputs: [],
    outputs: [{ id: 'image', label: 'Image', types: ['image'] }], params: {},
    create: () => ({
      evaluate: async (ctx) => (log.push(`src ${ctx.frame}`), { image: new Num(ctx.frame, live) }),
      reset() {},
      dispose() {},
      clipInfo: async () => ({ frameCount: 30, fps: 10, durationUs: 3e6, width: 4, height: 4,
        frameTimestampsUs: [...Array(30).keys()].map((i) => i * 1e5), frameDurationsUs: Array(30).fill(1e5) }),
    }),
  };
  const window: NodeDefinition<unknown> = {
    type: 'Window', version: 1, label: 'Window', category: 'Matte', description: '',
    inputs: [{ id: 'source', label: 'Source', types: ['image'] }],
    outputs: [{ id: 'pha', label: 'Alpha', types: ['matte'] }],
    params: {
      span: { kind: 'number', label: 'Span', default: 3 },
      preRoll: { kind: 'number', label: 'Pre-roll', default: 3 },
    },
    preRoll: (p: Params) => p.preRoll as number,
    create() {
      let seen: number[] = [];
      return {
        async evaluate(ctx) {
          if (!ctx.sequential) seen = [];
          seen = [...seen, (ctx.inputs.source as Num).n].slice(-(ctx.params.span as number));
          log.push(`${ctx.nodeId} ${ctx.frame}${ctx.sequential ? '' : ' jump'}${ctx.preRollFor === undefined ? '' : ` pre-roll for ${ctx.preRollFor}`}`);
          return { pha: new Num(seen.reduce((a, b) => a + b, 0), live) };
        },
        reset: () => void (seen = []),
        dispose() {},
      };
    },
  };
  const mix: NodeDefinition<unknown> = {
    type: 'Mix', version: 1, label: 'Mix', category: 'Composite', description: '',
    inputs: [{ id: 'a', label: 'A', types: ['image', 'matte'] }, { id: 'b', label: 'B', types: ['image', 'matte'] }],
    outputs: [{ id: 'image', label: 'Image', types: ['image'] }], params: {},
    create: () => ({
      evaluate: async (ctx) => (log.push(`mix ${ctx.frame}`),
        { image: new Num((ctx.inputs.a as Num).n * 1000 + (ctx.inputs.b as Num).n, live) }),
      reset() {},
      dispose() {},
    }),
  };
  return new NodeRegistry<unknown>([counter, window, mix]);
}

const node = (id: string, type: string, params: Params = {}) => ({ id, type, version: 1, params, position: { x: 0, y: 0 } });
const wire = (a: string, ap: string, b: string, bp: string) => ({
  id: edgeId({ node: a, port: ap }, { node: b, port: bp }), from: { node: a, port: ap }, to: { node: b, port: bp },
});

function setup(doc: GraphDocument) {
  const world: World = { live: new Set(), log: [] };
  const ev = new Evaluator(registry(world), undefined);
  ev.setDocument(doc);
  const value = async (nodeId: string, port: string, frame: number, signal?: AbortSignal) =>
    ((await ev.evaluate({ node: nodeId, port }, frame, signal)) as Num).n;
  return { ...world, ev, value };
}

const single = (preRoll = 3): GraphDocument => ({
  nodes: [node('src', 'Counter'), node('w', 'Window', { span: 3, preRoll })],
  edges: [wire('src', 'image', 'w', 'source')],
});

describe('pre-roll before a jump', () => {
  it('runs the frames before a jumped-to frame so it equals the played one', async () => {
    const { ev, log, live, value } = setup(single());
    expect(await value('w', 'pha', 10)).toBe(8 + 9 + 10); // as if played from the start
    expect(log).toEqual([
      'src 7', 'w 7 jump pre-roll for 10',
      'src 8', 'w 8 pre-roll for 10',
      'src 9', 'w 9 pre-roll for 10',
      'src 10', 'w 10',
    ]);
    log.length = 0;
    expect(await value('w', 'pha', 11)).toBe(9 + 10 + 11); // the next frame plays on: no pre-roll
    expect(log).toEqual(['src 11', 'w 11']);
    log.length = 0;
    expect(await value('w', 'pha', 11)).toBe(30); // held: nothing runs again
    expect(log).toEqual([]);
    ev.dispose();
    expect(live.size).toBe(0); // pre-roll outputs were released
  });

  it('starts no earlier than frame 0, and a pre-roll of 0 is a plain jump', async () => {
    const early = setup(single(5));
    expect(await early.value('w', 'pha', 2)).toBe(0 + 1 + 2);
    expect(early.log.filter((l) => l.startsWith('w'))).toEqual(['w 0 jump pre-roll for 2', 'w 1 pre-roll for 2', 'w 2']);
    early.ev.dispose();

    const none = setup(single(0));
    expect(await none.value('w', 'pha', 10)).toBe(10);
    expect(none.log).toEqual(['src 10', 'w 10 jump']);
    none.ev.dispose();
  });

  it('pre-rolls again after a parameter change restarts the state', async () => {
    const { ev, log, value } = setup(single());
    await value('w', 'pha', 10);
    ev.setDocument({ ...single(), nodes: [node('src', 'Counter'), node('w', 'Window', { span: 2, preRoll: 3 })] });
    log.length = 0;
    expect(await value('w', 'pha', 10)).toBe(9 + 10);
    expect(log.filter((l) => l.startsWith('w'))).toEqual(['w 7 jump pre-roll for 10', 'w 8 pre-roll for 10', 'w 9 pre-roll for 10', 'w 10']);
    ev.dispose();
  });

  it('touches only the pre-rolled node\'s upstream; a sibling branch runs once at the frame', async () => {
    const doc: GraphDocument = {
      nodes: [node('src', 'Counter'), node('w', 'Window', { span: 3, preRoll: 3 }), node('mix', 'Mix')],
      edges: [wire('src', 'image', 'w', 'source'), wire('src', 'image', 'mix', 'a'), wire('w', 'pha', 'mix', 'b')],
    };
    const { ev, log, live, value } = setup(doc);
    expect(await value('mix', 'image', 20)).toBe(20_000 + 18 + 19 + 20);
    expect(log).toEqual([
      'src 17', 'w 17 jump pre-roll for 20', 'src 18', 'w 18 pre-roll for 20', 'src 19', 'w 19 pre-roll for 20',
      'src 20', 'w 20', 'mix 20',
    ]);
    ev.dispose();
    expect(live.size).toBe(0);
  });

  it('gives a recurrent node upstream its own pre-roll, once', async () => {
    const doc: GraphDocument = {
      nodes: [node('src', 'Counter'), node('a', 'Window', { span: 3, preRoll: 3 }), node('b', 'Window', { span: 2, preRoll: 2 })],
      edges: [wire('src', 'image', 'a', 'source'), wire('a', 'pha', 'b', 'source')],
    };
    const { ev, log, value } = setup(doc);
    // b pre-rolls 8, 9; a, jumping at 8, pre-rolls 5..7 first. Played: a@9 = 7+8+9, a@10 = 8+9+10.
    expect(await value('b', 'pha', 10)).toBe(7 + 8 + 9 + (8 + 9 + 10));
    expect(log).toEqual([
      'src 5', 'a 5 jump pre-roll for 8', 'src 6', 'a 6 pre-roll for 8', 'src 7', 'a 7 pre-roll for 8',
      'src 8', 'a 8', 'b 8 jump pre-roll for 10',
      'src 9', 'a 9', 'b 9 pre-roll for 10',
      'src 10', 'a 10', 'b 10',
    ]);
    ev.dispose();
  });

  it('pre-rolls two recurrent nodes side by side, each over its own frames', async () => {
    const doc: GraphDocument = {
      nodes: [node('src', 'Counter'), node('a', 'Window', { span: 3, preRoll: 2 }), node('b', 'Window', { span: 4, preRoll: 4 }),
        node('mix', 'Mix')],
      edges: [wire('src', 'image', 'a', 'source'), wire('src', 'image', 'b', 'source'), wire('a', 'pha', 'mix', 'a'),
        wire('b', 'pha', 'mix', 'b')],
    };
    const { ev, log, live, value } = setup(doc);
    // a played: 8 + 9 + 10 (it saw 8, 9 before 10); b played: 7 + 8 + 9 + 10.
    expect(await value('mix', 'image', 10)).toBe((8 + 9 + 10) * 1000 + (7 + 8 + 9 + 10));
    expect(log.filter((l) => l.startsWith('a'))).toEqual(['a 8 jump pre-roll for 10', 'a 9 pre-roll for 10', 'a 10']);
    expect(log.filter((l) => l.startsWith('b'))).toEqual(
      ['b 6 jump pre-roll for 10', 'b 7 pre-roll for 10', 'b 8 pre-roll for 10', 'b 9 pre-roll for 10', 'b 10']);
    ev.dispose();
    expect(live.size).toBe(0);
  });

  it('stops when cancelled, and the next request pre-rolls again', async () => {
    const { ev, log, live, value } = setup(single());
    const abort = new AbortController();
    const stop = value('w', 'pha', 10, abort.signal);
    abort.abort();
    await expect(stop).rejects.toThrow();
    log.length = 0;
    expect(await value('w', 'pha', 10)).toBe(27);
    expect(log[1]).toBe('w 7 jump pre-roll for 10');
    ev.dispose();
    expect(live.size).toBe(0);
  });
});
