// An edit that comes in while the evaluator is busy (the editor passes every edit on at once):
// the running call finishes on the document it started with, so the outputs it keeps are filed
// under the state they were computed from, and a call made for one state can refuse to run on
// another. Without this, disabling a node while its upstream was still evaluating left its
// pass-through kept under the enabled state, and re-enabling it showed the pass-through.

import { describe, expect, it } from 'vitest';
import { edgeId, type GraphDocument } from '../../src/graph/document.ts';
import { Evaluator, StaleDocumentError } from '../../src/graph/evaluator.ts';
import { NodeRegistry } from '../../src/graph/registry.ts';
import type { NodeDefinition } from '../../src/graph/types.ts';

class Counted {
  refs = 1;
  constructor(readonly n: number) {}
  retain() {
    this.refs++;
    return this;
  }
  dispose() {
    this.refs--;
  }
}

/** A source whose evaluation waits until the test opens its gate, and a node adding its param. */
function setup() {
  const log: string[] = [];
  let open: () => void = () => {};
  let gate: Promise<void> | undefined;
  const hold = () => {
    gate = new Promise((resolve) => (open = resolve));
  };
  const source: NodeDefinition<unknown> = {
    type: 'Slow', version: 1, label: 'Slow', category: 'Source', description: '', inputs: [],
    outputs: [{ id: 'image', label: 'Image', types: ['image'] }], params: {},
    create: () => ({
      async evaluate(ctx) {
        log.push(`slow ${ctx.frame}`);
        await gate;
        return { image: new Counted(ctx.frame * 10) };
      },
      reset() {},
      dispose: () => log.push('dispose slow'),
    }),
  };
  const add: NodeDefinition<unknown> = {
    type: 'Add', version: 1, label: 'Add', category: 'Composite', description: '',
    inputs: [{ id: 'image', label: 'Image', types: ['image'] }],
    outputs: [{ id: 'image', label: 'Image', types: ['image'] }],
    params: { add: { kind: 'number', label: 'Add', default: 1 } },
    create: () => ({
      async evaluate(ctx) {
        log.push(`add ${ctx.params.add as number}`);
        return { image: new Counted((ctx.inputs.image as Counted).n + (ctx.params.add as number)) };
      },
      reset() {},
      dispose: () => log.push('dispose add'),
    }),
  };
  const evaluator = new Evaluator(new NodeRegistry<unknown>([source, add]), {});
  return { evaluator, log, hold, open: () => open() };
}

const doc = (add: { disabled?: boolean; add?: number } = {}, withAdd = true): GraphDocument => ({
  nodes: [
    { id: 'src', type: 'Slow', version: 1, position: { x: 0, y: 0 }, params: {} },
    ...(withAdd
      ? [{ id: 'add', type: 'Add', version: 1, position: { x: 0, y: 0 }, params: { add: add.add ?? 1 }, ...(add.disabled ? { disabled: true } : {}) }]
      : []),
  ],
  edges: withAdd ? [{ id: edgeId({ node: 'src', port: 'image' }, { node: 'add', port: 'image' }), from: { node: 'src', port: 'image' }, to: { node: 'add', port: 'image' } }] : [],
});

const out = { node: 'add', port: 'image' };
const value = async (p: Promise<unknown>) => ((await p) as Counted).n;
/** Lets the running call reach the gate (it awaits a few promises before the source runs). */
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('an edit during an evaluation', () => {
  it('disabling a node while its upstream evaluates: re-enabled, it gives its own output, not the pass-through', async () => {
    const { evaluator, hold, open } = setup();
    evaluator.setDocument(doc());
    hold();
    const first = evaluator.evaluate(out, 2);
    await settle();
    evaluator.setDocument(doc({ disabled: true })); // D pressed while the source is still working
    open();
    expect(await value(first)).toBe(21); // the call asked for the enabled graph computes it
    evaluator.setDocument(doc()); // D again, before anything else was evaluated
    expect(await value(evaluator.evaluate(out, 2))).toBe(21); // (was: the pass-through, kept as "enabled")
    evaluator.setDocument(doc({ disabled: true }));
    expect(await value(evaluator.evaluate(out, 2))).toBe(20); // disabled: the source passed through
  });

  it('a param changed while upstream evaluates: undone, the output is the one for the old value', async () => {
    const { evaluator, log, hold, open } = setup();
    evaluator.setDocument(doc({ add: 1 }));
    hold();
    const first = evaluator.evaluate(out, 0);
    await settle();
    evaluator.setDocument(doc({ add: 5 }));
    open();
    expect(await value(first)).toBe(1);
    expect(log).toEqual(['slow 0', 'add 1']);
    expect(await value(evaluator.evaluate(out, 0))).toBe(5);
    evaluator.setDocument(doc({ add: 1 })); // undo
    expect(await value(evaluator.evaluate(out, 0))).toBe(1);
  });

  it('a call whose document is refused when its turn comes fails as stale and evaluates nothing', async () => {
    const { evaluator, log, hold, open } = setup();
    const asked = doc();
    evaluator.setDocument(asked);
    hold();
    const running = evaluator.evaluate(out, 0);
    const queued = evaluator.evaluate(out, 1, undefined, { accepts: (d) => d === asked });
    const clip = evaluator.clipInfo('add', undefined, { accepts: (d) => d === asked });
    await settle();
    evaluator.setDocument(doc({ disabled: true }));
    open();
    expect(await value(running)).toBe(1);
    await expect(queued).rejects.toBeInstanceOf(StaleDocumentError);
    await expect(clip).rejects.toBeInstanceOf(StaleDocumentError);
    expect(log).toEqual(['slow 0', 'add 1']);
    // Accepted, it runs on the document of its turn.
    expect(await value(evaluator.evaluate(out, 1, undefined, { accepts: (d) => d.nodes.some((n) => n.disabled) }))).toBe(10);
  });

  it('a node removed while a call uses it is disposed once that call has ended', async () => {
    const { evaluator, log, hold, open } = setup();
    evaluator.setDocument(doc());
    hold();
    const running = evaluator.evaluate(out, 0);
    await settle();
    evaluator.setDocument(doc({}, false));
    expect(log).toEqual(['slow 0']); // not disposed under the running call
    open();
    expect(await value(running)).toBe(1); // its value is still the caller's to take
    await settle(); // with no call after it, the instance still goes
    expect(log).toEqual(['slow 0', 'add 1', 'dispose add']);
  });
});
