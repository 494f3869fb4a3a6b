// Frame evaluator: owns one instance per node, evaluates what a sink needs for frame N,
// and decides when an instance must reset (a jump in time or a changed parameter upstream).
// Outputs of the last evaluation of each node are kept (and owned) here until replaced.

import type { GraphDocument, PortRef } from './document.ts';
import { planFor } from './planner.ts';
import type { NodeRegistry } from './registry.ts';
import type { ClipInfo, NodeInstance, NodeStatus } from './types.ts';
import { isDisposable } from './types.ts';

export class EvaluationError extends Error {
  override name = 'EvaluationError';
  constructor(readonly nodeId: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

interface Slot<S> {
  type: string;
  instance: NodeInstance<S>;
  /** Params of this node and everything upstream, as evaluated last. */
  stateKey?: string;
  lastFrame?: number;
  /** Key (frame + state) of the outputs held. */
  outputsKey?: string;
  outputs?: Record<string, unknown>;
}

export interface EvaluatorHooks {
  onStatus?(nodeId: string, status: NodeStatus): void;
}

export class Evaluator<S> {
  private doc: GraphDocument = { nodes: [], edges: [] };
  private readonly slots = new Map<string, Slot<S>>();
  private queue: Promise<unknown> = Promise.resolve();
  private clipCache?: { key: string; info: Promise<ClipInfo | undefined> };

  constructor(
    private readonly registry: NodeRegistry<S>,
    private readonly services: S,
    private readonly hooks: EvaluatorHooks = {},
  ) {}

  /** Replaces the document; instances of removed or retyped nodes are disposed. */
  setDocument(doc: GraphDocument): void {
    this.doc = doc;
    for (const [id, slot] of this.slots) {
      const node = doc.nodes.find((n) => n.id === id);
      if (!node || node.type !== slot.type) this.dropSlot(id);
    }
  }

  get document(): GraphDocument {
    return this.doc;
  }

  /**
   * Evaluates `target` at `frame` and returns the value on its port (or, for a port-less
   * target like a sink, the value on its first input). The value stays owned by the evaluator
   * and valid until the next call. Calls run one at a time, in order.
   */
  evaluate(target: PortRef, frame: number, signal: AbortSignal = new AbortController().signal): Promise<unknown> {
    const run = this.queue.then(() => this.evaluateNow(target, frame, signal));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Timing of the clip that feeds `nodeId` (its first upstream source), if any. */
  clipInfo(nodeId: string, signal: AbortSignal = new AbortController().signal): Promise<ClipInfo | undefined> {
    const run = this.queue.then(() => this.clipInfoNow(nodeId, signal));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Forgets temporal state everywhere (the next frame is a jump for every node). */
  resetAll(): void {
    for (const slot of this.slots.values()) {
      slot.lastFrame = undefined;
      slot.instance.reset();
    }
  }

  dispose(): void {
    for (const id of [...this.slots.keys()]) this.dropSlot(id);
  }

  private async evaluateNow(target: PortRef, frame: number, signal: AbortSignal): Promise<unknown> {
    const order = this.plan(target.node);
    const clip = await this.clipInfoNow(target.node, signal);
    if (clip && (frame < 0 || frame >= clip.frameCount)) {
      throw new EvaluationError(target.node, `frame ${frame} is outside the clip (0..${clip.frameCount - 1})`);
    }
    const keys = this.stateKeys(order);
    for (const id of order) {
      signal.throwIfAborted();
      await this.evaluateNode(id, frame, keys.get(id)!, signal, clip);
    }
    const slot = this.slots.get(target.node)!;
    const def = this.registry.require(slot.type);
    if (def.outputs.some((p) => p.id === target.port)) return slot.outputs?.[target.port];
    // A sink (or any input port named as target): the value arriving on that input.
    const inPort = def.inputs.find((p) => p.id === target.port) ?? def.inputs[0];
    const edge = inPort && this.doc.edges.find((e) => e.to.node === target.node && e.to.port === inPort.id);
    return edge ? this.slots.get(edge.from.node)?.outputs?.[edge.from.port] : undefined;
  }

  private async evaluateNode(id: string, frame: number, stateKey: string, signal: AbortSignal, clip?: ClipInfo) {
    const node = this.doc.nodes.find((n) => n.id === id)!;
    const slot = this.slotFor(id, node.type);
    const outputsKey = `${frame}|${stateKey}`;
    if (slot.outputsKey === outputsKey && slot.outputs) return;
    const changed = slot.stateKey !== undefined && slot.stateKey !== stateKey;
    if (changed) slot.instance.reset();
    const sequential = !changed && slot.lastFrame !== undefined && slot.lastFrame === frame - 1;
    const inputs: Record<string, unknown> = {};
    for (const e of this.doc.edges) {
      if (e.to.node !== id) continue;
      inputs[e.to.port] = this.slots.get(e.from.node)?.outputs?.[e.from.port];
    }
    this.releaseOutputs(slot);
    slot.stateKey = stateKey;
    slot.lastFrame = undefined;
    try {
      slot.outputs = await slot.instance.evaluate({
        nodeId: id,
        frame,
        sequential,
        params: node.params,
        inputs,
        services: this.services,
        signal,
        clip,
        report: (status) => this.hooks.onStatus?.(id, status),
      });
    } catch (e) {
      slot.instance.reset();
      if (signal.aborted) throw e;
      const message = e instanceof Error ? e.message : String(e);
      this.hooks.onStatus?.(id, { state: 'error', message });
      throw e instanceof EvaluationError ? e : new EvaluationError(id, `${id}: ${message}`, { cause: e });
    }
    slot.outputsKey = outputsKey;
    slot.lastFrame = frame;
  }

  private async clipInfoNow(nodeId: string, signal: AbortSignal): Promise<ClipInfo | undefined> {
    const order = this.plan(nodeId);
    const keys = this.stateKeys(order);
    for (const id of order) {
      const node = this.doc.nodes.find((n) => n.id === id)!;
      const slot = this.slotFor(id, node.type);
      if (!slot.instance.clipInfo) continue;
      const key = `${id}|${keys.get(id)}`;
      if (this.clipCache?.key !== key) {
        const info = slot.instance.clipInfo(node.params, this.services, signal);
        this.clipCache = { key, info };
        info.catch(() => {
          if (this.clipCache?.key === key) this.clipCache = undefined;
        });
      }
      try {
        return await this.clipCache.info;
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        this.hooks.onStatus?.(id, { state: 'error', message });
        throw new EvaluationError(id, `${id}: ${message}`, { cause: e });
      }
    }
    return undefined;
  }

  private plan(sinkId: string): string[] {
    try {
      return planFor(this.doc, this.registry as NodeRegistry<unknown>, sinkId);
    } catch (e) {
      const err = e as Error & { nodeId?: string };
      if (err.nodeId) this.hooks.onStatus?.(err.nodeId, { state: 'error', message: err.message });
      throw new EvaluationError(err.nodeId ?? sinkId, err.message, { cause: e });
    }
  }

  /** Per node: its params and its upstream's, so a change anywhere upstream is seen downstream. */
  private stateKeys(order: string[]): Map<string, string> {
    const keys = new Map<string, string>();
    for (const id of order) {
      const node = this.doc.nodes.find((n) => n.id === id)!;
      const upstream = this.doc.edges
        .filter((e) => e.to.node === id)
        .map((e) => `${e.to.port}<${e.from.node}.${e.from.port}:${keys.get(e.from.node)}`)
        .sort();
      keys.set(id, `${node.type}${JSON.stringify(node.params)}[${upstream.join(',')}]`);
    }
    return keys;
  }

  private slotFor(id: string, type: string): Slot<S> {
    let slot = this.slots.get(id);
    if (!slot) {
      slot = { type, instance: this.registry.require(type).create() };
      this.slots.set(id, slot);
    }
    return slot;
  }

  private releaseOutputs(slot: Slot<S>) {
    const outputs = slot.outputs;
    slot.outputs = undefined;
    slot.outputsKey = undefined;
    if (!outputs) return;
    const seen = new Set<unknown>();
    for (const v of Object.values(outputs)) {
      if (isDisposable(v) && !seen.has(v)) {
        seen.add(v);
        v.dispose();
      }
    }
  }

  private dropSlot(id: string) {
    const slot = this.slots.get(id);
    if (!slot) return;
    this.releaseOutputs(slot);
    slot.instance.dispose();
    this.slots.delete(id);
  }
}
