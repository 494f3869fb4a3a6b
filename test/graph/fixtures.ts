// Small node types for testing the graph core alone: numbers flow instead of images, and
// every instance logs what happened to it so tests can see resets, evaluations and disposal.

import { NodeRegistry } from '../../src/graph/registry.ts';
import type { NodeDefinition, NodeInstance } from '../../src/graph/types.ts';

export interface Log {
  events: string[];
}

class Value {
  disposed = false;
  constructor(readonly n: number, private readonly log: Log, private readonly tag: string) {}
  dispose() {
    this.disposed = true;
    this.log.events.push(`dispose ${this.tag}`);
  }
}

export function testRegistry(log: Log) {
  const counter: NodeDefinition<unknown> = {
    type: 'Counter', version: 1, label: 'Counter', category: 'Source', description: 'frame number',
    inputs: [], outputs: [{ id: 'image', label: 'Image', types: ['image'] }],
    params: { offset: { kind: 'number', label: 'Offset', default: 0, min: -100, max: 100 } },
    create(): NodeInstance<unknown> {
      return {
        async evaluate(ctx) {
          log.events.push(`eval counter ${ctx.frame}`);
          return { image: new Value(ctx.frame + (ctx.params.offset as number), log, `counter@${ctx.frame}`) };
        },
        reset: () => log.events.push('reset counter'),
        dispose: () => log.events.push('dispose-instance counter'),
        async clipInfo() {
          return { frameCount: 10, fps: 10, durationUs: 1e6, width: 4, height: 4,
            frameTimestampsUs: [...Array(10).keys()].map((i) => i * 1e5), frameDurationsUs: Array(10).fill(1e5) };
        },
      };
    },
  };
  const accumulate: NodeDefinition<unknown> = {
    type: 'Accumulate', version: 2, label: 'Accumulate', category: 'Matte', description: 'running sum (recurrent)',
    inputs: [{ id: 'source', label: 'Source', types: ['image'] }],
    outputs: [{ id: 'pha', label: 'Alpha', types: ['matte'] }],
    params: { gain: { kind: 'number', label: 'Gain', default: 1 } },
    migrate: (params, from) => (from === 1 ? { gain: (params.factor as number) ?? 1 } : params),
    create() {
      let sum = 0;
      return {
        async evaluate(ctx) {
          if (!ctx.sequential) sum = 0;
          const v = (ctx.inputs.source as Value).n * (ctx.params.gain as number);
          sum += v;
          log.events.push(`eval acc ${ctx.frame} seq=${ctx.sequential}`);
          return { pha: new Value(sum, log, `acc@${ctx.frame}`) };
        },
        reset: () => {
          sum = 0;
          log.events.push('reset acc');
        },
        dispose: () => log.events.push('dispose-instance acc'),
      };
    },
  };
  const sink: NodeDefinition<unknown> = {
    type: 'Sink', version: 1, label: 'Sink', category: 'Output', description: 'export', sink: true,
    inputs: [{ id: 'image', label: 'Image', types: ['image', 'matte'] }], outputs: [], params: {},
    create: () => ({ evaluate: async () => ({}), reset() {}, dispose() {} }),
  };
  const mix: NodeDefinition<unknown> = {
    type: 'Mix', version: 1, label: 'Mix', category: 'Composite', description: 'a + b',
    inputs: [{ id: 'a', label: 'A', types: ['image'] }, { id: 'b', label: 'B', types: ['image'], optional: true }],
    outputs: [{ id: 'image', label: 'Image', types: ['image'] }], params: {},
    create: () => ({
      async evaluate(ctx) {
        const b = ctx.inputs.b as Value | undefined;
        return { image: new Value((ctx.inputs.a as Value).n + (b?.n ?? 0), log, `mix@${ctx.frame}`) };
      },
      reset() {},
      dispose() {},
    }),
  };
  return new NodeRegistry<unknown>([counter, accumulate, sink, mix]);
}
