import { describe, expect, it } from 'vitest';
import { canConnect } from '../../src/graph/can-connect.ts';
import { edgeId, type GraphDocument } from '../../src/graph/document.ts';
import { Evaluator } from '../../src/graph/evaluator.ts';
import { planFor } from '../../src/graph/planner.ts';
import { parseGraph, serializeGraph, type DocumentMigration } from '../../src/graph/serialize.ts';
import { testRegistry, type Log } from './fixtures.ts';

const node = (id: string, type: string, params = {}) =>
  ({ id, type, version: type === 'Accumulate' ? 2 : 1, params, position: { x: 0, y: 0 } });
const edge = (a: string, ap: string, b: string, bp: string) => ({
  id: edgeId({ node: a, port: ap }, { node: b, port: bp }), from: { node: a, port: ap }, to: { node: b, port: bp },
});

function chain(): GraphDocument {
  return {
    nodes: [node('src', 'Counter', { offset: 0 }), node('acc', 'Accumulate', { gain: 1 }), node('out', 'Sink'),
      node('unused', 'Counter', { offset: 5 })],
    edges: [edge('src', 'image', 'acc', 'source'), edge('acc', 'pha', 'out', 'image')],
  };
}

describe('canConnect', () => {
  const registry = testRegistry({ events: [] });
  it('accepts a matching wire', () => {
    const doc = { nodes: chain().nodes, edges: [] };
    expect(canConnect(doc, registry, { node: 'src', port: 'image' }, { node: 'acc', port: 'source' })).toEqual({ ok: true });
  });
  it('refuses a type mismatch with a reason', () => {
    const doc: GraphDocument = { nodes: [node('acc', 'Accumulate'), node('mix', 'Mix')], edges: [] };
    const v = canConnect(doc, registry, { node: 'acc', port: 'pha' }, { node: 'mix', port: 'a' });
    expect(v).toEqual({ ok: false, reason: expect.stringContaining('type mismatch: Accumulate.Alpha gives matte') });
  });
  it('refuses an input that is already connected', () => {
    const v = canConnect(chain(), registry, { node: 'unused', port: 'image' }, { node: 'acc', port: 'source' });
    expect(v.ok || v.reason).toMatch(/already connected/);
  });
  it('refuses a cycle', () => {
    const doc: GraphDocument = { nodes: [node('m1', 'Mix'), node('m2', 'Mix')], edges: [edge('m1', 'image', 'm2', 'a')] };
    const v = canConnect(doc, registry, { node: 'm2', port: 'image' }, { node: 'm1', port: 'a' });
    expect(v.ok || v.reason).toMatch(/cycle/);
    const self = canConnect(doc, registry, { node: 'm1', port: 'image' }, { node: 'm1', port: 'b' });
    expect(self.ok || self.reason).toMatch(/itself/);
  });
});

describe('graph files', () => {
  const registry = testRegistry({ events: [] });
  it('round-trips a document', () => {
    const doc = chain();
    const again = parseGraph(serializeGraph(doc), registry);
    expect(again).toEqual(doc);
  });
  it('fills missing params with defaults and upgrades old node versions', () => {
    const text = JSON.stringify({ format: 'mattegraph', version: 1, nodes: [
      { id: 'a', type: 'Accumulate', version: 1, params: { factor: 3 } }, { id: 'c', type: 'Counter' }], edges: [] });
    const doc = parseGraph(text, registry);
    expect(doc.nodes[0].params).toEqual({ gain: 3 });
    expect(doc.nodes[0].version).toBe(2);
    expect(doc.nodes[1].params).toEqual({ offset: 0 });
  });
  it('runs file migrations in order', () => {
    const migrations: DocumentMigration[] = [{ from: 0, migrate: (raw) => ({ ...raw, nodes: raw.graphNodes, edges: [] }) }];
    const text = JSON.stringify({ format: 'mattegraph', version: 0, graphNodes: [{ id: 'c', type: 'Counter' }] });
    expect(parseGraph(text, registry, migrations).nodes.map((n) => n.id)).toEqual(['c']);
    expect(() => parseGraph(text, registry, [])).toThrow('no migration from graph file version 0');
  });
  it.each([
    ['{oops', /invalid JSON/],
    ['{"format":"other"}', /expected "format": "mattegraph"/],
    ['{"format":"mattegraph","version":99,"nodes":[],"edges":[]}', /newer than this Mattegraph/],
    ['{"format":"mattegraph","version":1,"edges":[]}', /no "nodes" list/],
    ['{"format":"mattegraph","version":1,"nodes":[{"id":"x","type":"Teleport"}],"edges":[]}', /unknown type "Teleport"/],
    ['{"format":"mattegraph","version":1,"nodes":[{"id":"x","type":"Counter"},{"id":"x","type":"Counter"}],"edges":[]}', /duplicate node id "x"/],
    ['{"format":"mattegraph","version":1,"nodes":[{"id":"x","type":"Counter","params":{"offset":"ten"}}],"edges":[]}', /"offset" must be a number/],
    ['{"format":"mattegraph","version":1,"nodes":[{"id":"x","type":"Counter","params":{"speed":1}}],"edges":[]}', /has no parameter "speed"/],
    ['{"format":"mattegraph","version":1,"nodes":[{"id":"x","type":"Counter"}],"edges":[{"from":{"node":"x","port":"image"},"to":{"node":"y","port":"a"}}]}', /no node "y"/],
    ['{"format":"mattegraph","version":1,"nodes":[{"id":"m","type":"Mix"},{"id":"n","type":"Mix"}],"edges":[{"from":{"node":"m","port":"image"},"to":{"node":"n","port":"a"}},{"from":{"node":"n","port":"image"},"to":{"node":"m","port":"a"}}]}', /cycle/],
  ])('rejects %s with a clear message', (text, message) => {
    expect(() => parseGraph(text, registry)).toThrow(message);
  });
});

describe('planner', () => {
  const registry = testRegistry({ events: [] });
  it('orders only what the sink needs', () => {
    expect(planFor(chain(), registry, 'out')).toEqual(['src', 'acc', 'out']);
  });
  it('names a missing required input', () => {
    const doc = chain();
    doc.edges = doc.edges.filter((e) => e.to.node !== 'acc');
    expect(() => planFor(doc, registry, 'out')).toThrow('acc: input "Source" is not connected');
  });
  it('leaves optional inputs alone', () => {
    const doc: GraphDocument = { nodes: [node('c', 'Counter'), node('m', 'Mix')], edges: [edge('c', 'image', 'm', 'a')] };
    expect(planFor(doc, registry, 'm')).toEqual(['c', 'm']);
  });
});

describe('evaluator', () => {
  const setup = () => {
    const log: Log = { events: [] };
    const ev = new Evaluator(testRegistry(log), {});
    ev.setDocument(chain());
    return { log, ev };
  };
  const value = async (ev: Evaluator<unknown>, frame: number) =>
    ((await ev.evaluate({ node: 'out', port: 'image' }, frame)) as { n: number }).n;

  it('carries recurrent state across sequential frames and resets on a jump', async () => {
    const { ev, log } = setup();
    expect(await value(ev, 0)).toBe(0);
    expect(await value(ev, 1)).toBe(1);
    expect(await value(ev, 2)).toBe(3);
    expect(await value(ev, 7)).toBe(7); // a seek: state restarts
    expect(log.events).toContain('eval acc 7 seq=false');
    expect(log.events.some((e) => e.includes('unused'))).toBe(false);
  });
  it('resets downstream state when an upstream param changes', async () => {
    const { ev, log } = setup();
    await value(ev, 0);
    await value(ev, 1);
    const doc = chain();
    doc.nodes[0].params = { offset: 10 };
    ev.setDocument(doc);
    expect(await value(ev, 2)).toBe(12);
    expect(log.events).toContain('reset acc');
  });
  it('reuses outputs for the same frame and disposes replaced ones', async () => {
    const { ev, log } = setup();
    await value(ev, 0);
    log.events.length = 0;
    await value(ev, 0);
    expect(log.events).toEqual([]);
    await value(ev, 1);
    expect(log.events).toContain('dispose counter@0');
    expect(log.events).toContain('dispose acc@0');
  });
  it('disposes instances of removed nodes and everything on dispose()', async () => {
    const { ev, log } = setup();
    await value(ev, 0);
    ev.setDocument({ nodes: [node('src', 'Counter')], edges: [] });
    expect(log.events).toContain('dispose-instance acc');
    expect(log.events).toContain('dispose acc@0');
    ev.dispose();
    expect(log.events).toContain('dispose-instance counter');
  });
  it('reports clip info from the source and refuses frames outside it', async () => {
    const { ev } = setup();
    expect((await ev.clipInfo('out'))?.frameCount).toBe(10);
    await expect(ev.evaluate({ node: 'out', port: 'image' }, 10)).rejects.toThrow('outside the clip (0..9)');
  });
  it('names the node whose input is missing', async () => {
    const statuses: string[] = [];
    const log: Log = { events: [] };
    const ev = new Evaluator(testRegistry(log), {}, { onStatus: (id, s) => statuses.push(`${id}:${s.state}`) });
    const doc = chain();
    doc.edges = doc.edges.filter((e) => e.to.node !== 'acc');
    ev.setDocument(doc);
    await expect(ev.evaluate({ node: 'out', port: 'image' }, 0)).rejects.toThrow('input "Source" is not connected');
    expect(statuses).toContain('acc:error');
  });
});
