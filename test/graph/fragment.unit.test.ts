import { describe, expect, it } from 'vitest';
import { edgeId, type GraphDocument } from '../../src/graph/document.ts';
import { extractFragment, fragmentOrigin, mergeFragment } from '../../src/graph/fragment.ts';
import { parseGraph, serializeGraph } from '../../src/graph/serialize.ts';
import { testRegistry } from './fixtures.ts';

const node = (id: string, type: string, x = 0, y = 0) =>
  ({ id, type, version: type === 'Accumulate' ? 2 : 1, params: {}, position: { x, y } });
const edge = (a: string, ap: string, b: string, bp: string) => ({
  id: edgeId({ node: a, port: ap }, { node: b, port: bp }), from: { node: a, port: ap }, to: { node: b, port: bp },
});

const doc: GraphDocument = {
  nodes: [node('src', 'Counter', 0, 0), node('acc', 'Accumulate', 200, 10), node('out', 'Sink', 400, 20)],
  edges: [edge('src', 'image', 'acc', 'source'), edge('acc', 'pha', 'out', 'image')],
};

describe('graph fragments (copy, paste, duplicate)', () => {
  it('cuts out nodes with only the wires between them', () => {
    const f = extractFragment(doc, ['acc', 'out']);
    expect(f.nodes.map((n) => n.id)).toEqual(['acc', 'out']);
    expect(f.edges.map((e) => e.id)).toEqual(['acc.pha->out.image']);
    expect(fragmentOrigin(f)).toEqual({ x: 200, y: 10 });
  });

  it('pastes under fresh ids, rewires the copy, moves it, and leaves the original alone', () => {
    const f = extractFragment(doc, ['acc', 'out']);
    const { doc: merged, ids } = mergeFragment(doc, f, { x: 30, y: 40 });
    expect(ids).toEqual(['acc2', 'out2']);
    expect(merged.nodes.slice(0, 3)).toEqual(doc.nodes);
    expect(merged.nodes.find((n) => n.id === 'acc2')!.position).toEqual({ x: 230, y: 50 });
    expect(merged.edges.map((e) => e.id)).toEqual([...doc.edges.map((e) => e.id), 'acc2.pha->out2.image']);
    // Pasting again numbers on.
    expect(mergeFragment(merged, f, { x: 0, y: 0 }).ids).toEqual(['acc3', 'out3']);
  });

  it('keeps ids that are free (pasting into another graph)', () => {
    const f = extractFragment(doc, ['src', 'acc']);
    const { doc: merged, ids } = mergeFragment({ nodes: [], edges: [] }, f, { x: 0, y: 0 });
    expect(ids).toEqual(['src', 'acc']);
    expect(merged.edges).toEqual([edge('src', 'image', 'acc', 'source')]);
  });

  it('survives the clipboard: serialized and parsed back with the disabled flag', () => {
    const registry = testRegistry({ events: [] });
    const withDisabled = { ...doc, nodes: doc.nodes.map((n) => (n.id === 'acc' ? { ...n, disabled: true } : n)) };
    const text = serializeGraph(extractFragment(withDisabled, ['src', 'acc']));
    const back = parseGraph(text, registry);
    expect(back.nodes.map((n) => [n.id, n.disabled ?? false])).toEqual([['src', false], ['acc', true]]);
    expect(back.edges).toHaveLength(1);
    expect(() => parseGraph(text.replace('"disabled": true', '"disabled": "yes"'), registry)).toThrow(
      'node "acc": "disabled" must be true or false',
    );
  });
});
