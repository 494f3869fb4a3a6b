// Frame evaluator: owns one instance per node, evaluates what a sink needs for frame N,
// and decides when an instance must reset (a jump in time or a changed parameter upstream).
// Nodes with temporal state get a pre-roll before a jump (NodeDefinition.preRoll).
// Outputs of the last evaluation of each node are kept (and owned) here until replaced.
// Observers see every node run (start and end, pre-roll included), for progress displays.
// A call works on the document it started with to its end: an edit made meanwhile (the editor
// passes every edit on at once) applies from the next call, so outputs are never filed under a
// state they were not computed from.

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

/** One run of a node's instance (a node served from its held outputs, or disabled, does not run). */
export interface NodeRun {
  nodeId: string;
  /** The frame this run computes. */
  frame: number;
  /** The frame the evaluation was asked for: runs of earlier frames are its pre-roll. */
  forFrame: number;
  /** 'start' before the instance evaluates, then how that ended. */
  phase: 'start' | 'done' | 'failed' | 'aborted';
}

/**
 * Watches the evaluator work, for progress shown to the user (a node "working" on a frame).
 * Observing changes nothing: what an observer throws is logged and ignored.
 */
export interface EvaluationObserver {
  onRun?(run: NodeRun): void;
  /** An `evaluate` call ended (done, failed or aborted): no node runs now. */
  onSettled?(forFrame: number): void;
}

/** A call whose document was refused by its `accepts` when its turn came (an edit came first). */
export class StaleDocumentError extends Error {
  override name = 'StaleDocumentError';
  constructor() {
    super('the graph changed before this evaluation ran');
  }
}

export interface CallOptions {
  /**
   * Run only on a document this accepts: checked when the call's turn comes (calls queue behind
   * each other), so a call asked for one state of the graph never computes another. A refused
   * document fails the call with a StaleDocumentError, evaluating nothing.
   */
  accepts?(doc: GraphDocument): boolean;
}

export interface EvaluatorHooks extends EvaluationObserver {
  onStatus?(nodeId: string, status: NodeStatus): void;
}

export class Evaluator<S> {
  /** The latest document (what the next call works on). */
  private doc: GraphDocument = { nodes: [], edges: [] };
  /** The document of the call now running (calls run one at a time). */
  private active?: GraphDocument;
  private readonly slots = new Map<string, Slot<S>>();
  private queue: Promise<unknown> = Promise.resolve();
  private clipCache?: { key: string; info: Promise<ClipInfo | undefined> };
  private readonly observers = new Set<EvaluationObserver>();
  /** The frame the running `evaluate` call was asked for (calls run one at a time). */
  private forFrame = 0;

  constructor(
    private readonly registry: NodeRegistry<S>,
    private readonly services: S,
    private readonly hooks: EvaluatorHooks = {},
  ) {}

  /**
   * Replaces the document; instances of removed or retyped nodes are disposed (once the running
   * call, which still works on the document it started with, has ended).
   */
  setDocument(doc: GraphDocument): void {
    this.doc = doc;
    if (!this.active) this.dropGoneSlots();
  }

  get document(): GraphDocument {
    return this.doc;
  }

  /**
   * Evaluates `target` at `frame` and returns the value on its port (or, for a port-less
   * target like a sink, the value on its first input). The value stays owned by the evaluator
   * and valid until the next call. Calls run one at a time, in order, each on the document of
   * the moment it starts (see CallOptions.accepts to refuse one made after the call was asked).
   */
  evaluate(target: PortRef, frame: number, signal: AbortSignal = new AbortController().signal, options: CallOptions = {}): Promise<unknown> {
    return this.enqueue(options, () => this.evaluateNow(target, frame, signal));
  }

  /** Timing of the clip that feeds `nodeId` (its first upstream source), if any. */
  clipInfo(nodeId: string, signal: AbortSignal = new AbortController().signal, options: CallOptions = {}): Promise<ClipInfo | undefined> {
    return this.enqueue(options, () => this.clipInfoNow(nodeId, signal));
  }

  /** Adds an observer after construction (the editor's progress display); returns its removal. */
  observe(observer: EvaluationObserver): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
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

  /** Runs `call` after every call queued before it, on the document of that moment. */
  private enqueue<T>(options: CallOptions, call: () => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      this.dropGoneSlots();
      if (options.accepts && !options.accepts(this.doc)) throw new StaleDocumentError();
      const doc = (this.active = this.doc);
      try {
        return await call();
      } finally {
        this.active = undefined;
        // Nodes removed meanwhile let go of their instances (a camera, a model) even if no call
        // follows; not before the caller has taken the value this call returns.
        if (this.doc !== doc) setTimeout(() => this.active || this.dropGoneSlots(), 0);
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The document the running call works on. */
  private get graph(): GraphDocument {
    return this.active ?? this.doc;
  }

  private async evaluateNow(target: PortRef, frame: number, signal: AbortSignal): Promise<unknown> {
    this.forFrame = frame;
    try {
      return await this.evaluateTarget(target, frame, signal);
    } finally {
      this.notify((o) => o.onSettled?.(frame));
    }
  }

  private async evaluateTarget(target: PortRef, frame: number, signal: AbortSignal): Promise<unknown> {
    const order = this.plan(target.node);
    const clip = await this.clipInfoNow(target.node, signal);
    if (clip && (frame < 0 || frame >= clip.frameCount)) {
      throw new EvaluationError(target.node, `frame ${frame} is outside the clip (0..${clip.frameCount - 1})`);
    }
    const keys = this.stateKeys(order);
    await this.preRollJumps(order, frame, keys, signal, clip, new Set());
    for (const id of order) {
      signal.throwIfAborted();
      await this.evaluateNode(id, frame, keys.get(id)!, signal, clip);
    }
    const slot = this.slots.get(target.node)!;
    const def = this.registry.require(slot.type);
    if (def.outputs.some((p) => p.id === target.port)) return slot.outputs?.[target.port];
    // A sink (or any input port named as target): the value arriving on that input.
    const inPort = def.inputs.find((p) => p.id === target.port) ?? def.inputs[0];
    const edge = inPort && this.graph.edges.find((e) => e.to.node === target.node && e.to.port === inPort.id);
    return edge ? this.slots.get(edge.from.node)?.outputs?.[edge.from.port] : undefined;
  }

  /**
   * Pre-roll (NodeDefinition.preRoll): before frame N, each node of `order` that asks for it and
   * would see N as a jump has itself and its upstream run over the frames before N, so at N it
   * is in the state playing would have left. Upstream nodes simply see those frames too (a
   * decoder seeks once, then reads on; a recurrent node upstream gets its own pre-roll before
   * the first of them). Downstream nodes go first: their pre-roll carries their upstream's
   * along. A node already pre-rolling is not pre-rolled again: its first frame is its jump.
   * Only the target's upstream is touched: caches of other branches stay as they are.
   */
  private async preRollJumps(
    order: string[], frame: number, keys: Map<string, string>, signal: AbortSignal, clip: ClipInfo | undefined,
    rolling: Set<string>,
  ): Promise<void> {
    for (const id of [...order].reverse()) {
      const count = this.preRollCount(id, frame, keys.get(id)!, rolling);
      if (count === 0) continue;
      const closure = this.plan(id);
      rolling.add(id);
      try {
        for (let f = frame - count; f < frame; f++) {
          await this.preRollJumps(closure, f, keys, signal, clip, rolling);
          for (const u of closure) {
            signal.throwIfAborted();
            await this.evaluateNode(u, f, keys.get(u)!, signal, clip, u === id ? frame : undefined);
          }
        }
      } finally {
        rolling.delete(id);
      }
    }
  }

  /** How many frames `id` wants run before `frame` (0 unless it asks and `frame` is a jump for it). */
  private preRollCount(id: string, frame: number, stateKey: string, rolling: Set<string>): number {
    const node = this.graph.nodes.find((n) => n.id === id)!;
    const def = this.registry.require(node.type);
    if (!def.preRoll || node.disabled || rolling.has(id)) return 0;
    const slot = this.slots.get(id);
    if (slot && ((slot.outputsKey === `${frame}|${stateKey}` && slot.outputs) || isSequential(slot, frame, stateKey))) return 0;
    const count = Math.floor(def.preRoll(node.params));
    return Number.isFinite(count) && count > 0 ? Math.min(count, frame) : 0;
  }

  private async evaluateNode(
    id: string, frame: number, stateKey: string, signal: AbortSignal, clip?: ClipInfo, preRollFor?: number,
  ) {
    const node = this.graph.nodes.find((n) => n.id === id)!;
    const slot = this.slotFor(id, node.type);
    const outputsKey = `${frame}|${stateKey}`;
    if (slot.outputsKey === outputsKey && slot.outputs) return;
    const changed = slot.stateKey !== undefined && slot.stateKey !== stateKey;
    if (changed) slot.instance.reset();
    const sequential = !changed && isSequential(slot, frame, stateKey);
    const inputs: Record<string, unknown> = {};
    for (const e of this.graph.edges) {
      if (e.to.node !== id) continue;
      const value = this.slots.get(e.from.node)?.outputs?.[e.from.port];
      if (value === undefined && this.graph.nodes.find((n) => n.id === e.from.node)?.disabled) {
        const message = `${e.from.node} is disabled and has nothing to pass on to its "${e.from.port}" output`;
        this.hooks.onStatus?.(id, { state: 'error', message });
        throw new EvaluationError(id, `${id}: ${message}`);
      }
      inputs[e.to.port] = value;
    }
    this.releaseOutputs(slot);
    slot.stateKey = stateKey;
    slot.lastFrame = undefined;
    if (node.disabled) {
      slot.outputs = this.passThrough(node.type, id, inputs);
      slot.outputsKey = outputsKey;
      return;
    }
    const run = { nodeId: id, frame, forFrame: this.forFrame };
    this.notify((o) => o.onRun?.({ ...run, phase: 'start' }));
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
        ...(preRollFor === undefined ? {} : { preRollFor }),
        report: (status) => this.hooks.onStatus?.(id, status),
      });
    } catch (e) {
      this.notify((o) => o.onRun?.({ ...run, phase: signal.aborted ? 'aborted' : 'failed' }));
      slot.instance.reset();
      if (signal.aborted) throw e;
      const message = e instanceof Error ? e.message : String(e);
      this.hooks.onStatus?.(id, { state: 'error', message });
      throw e instanceof EvaluationError ? e : new EvaluationError(id, `${id}: ${message}`, { cause: e });
    }
    this.notify((o) => o.onRun?.({ ...run, phase: 'done' }));
    slot.outputsKey = outputsKey;
    slot.lastFrame = frame;
    if (preRollFor !== undefined) this.releaseOutputs(slot); // nobody reads a pre-roll frame's outputs
  }

  private notify(call: (o: EvaluationObserver) => void): void {
    for (const o of [this.hooks, ...this.observers]) {
      try {
        call(o);
      } catch (e) {
        console.error('an evaluation observer failed', e);
      }
    }
  }

  /**
   * A disabled node's outputs: each output gets the first connected input carrying the same
   * port type (retained, so both owners release it once); outputs without one stay empty.
   */
  private passThrough(type: string, id: string, inputs: Record<string, unknown>): Record<string, unknown> {
    const def = this.registry.require(type);
    const outputs: Record<string, unknown> = {};
    const retained = new Set<unknown>();
    for (const out of def.outputs) {
      for (const inp of def.inputs) {
        const edge = this.graph.edges.find((e) => e.to.node === id && e.to.port === inp.id);
        const srcNode = edge && this.graph.nodes.find((n) => n.id === edge.from.node);
        const srcType = srcNode && this.registry.get(srcNode.type)?.outputs.find((p) => p.id === edge.from.port)?.types[0];
        const value = inputs[inp.id];
        if (srcType !== out.types[0] || !isRetainable(value)) continue;
        if (!retained.has(value)) {
          value.retain();
          retained.add(value);
        }
        outputs[out.id] = value;
        break;
      }
    }
    return outputs;
  }

  private async clipInfoNow(nodeId: string, signal: AbortSignal): Promise<ClipInfo | undefined> {
    const order = this.plan(nodeId);
    const keys = this.stateKeys(order);
    for (const id of order) {
      const node = this.graph.nodes.find((n) => n.id === id)!;
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
      return planFor(this.graph, this.registry as NodeRegistry<unknown>, sinkId);
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
      const node = this.graph.nodes.find((n) => n.id === id)!;
      const upstream = this.graph.edges
        .filter((e) => e.to.node === id)
        .map((e) => `${e.to.port}<${e.from.node}.${e.from.port}:${keys.get(e.from.node)}`)
        .sort();
      keys.set(id, `${node.type}${node.disabled ? '(disabled)' : ''}${JSON.stringify(node.params)}[${upstream.join(',')}]`);
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

  /** Drops the slots of nodes the latest document no longer has (or has with another type). */
  private dropGoneSlots() {
    for (const [id, slot] of this.slots) {
      const node = this.doc.nodes.find((n) => n.id === id);
      if (!node || node.type !== slot.type) this.dropSlot(id);
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

/** True when `slot` evaluated frame − 1 last, with the same params upstream and its own. */
function isSequential(slot: { stateKey?: string; lastFrame?: number }, frame: number, stateKey: string): boolean {
  return slot.stateKey === stateKey && slot.lastFrame !== undefined && slot.lastFrame === frame - 1;
}

/** A value a disabled node can pass on without copying (an Image): it counts its owners. */
function isRetainable(v: unknown): v is { retain(): unknown } {
  return typeof v === 'object' && v !== null && typeof (v as { retain?: unknown }).retain === 'function';
}
