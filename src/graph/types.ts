// The vocabulary of the graph: port types, params schemas, node definitions and instances.
// Plain TypeScript: nothing here knows about the DOM, React, WebGPU or WebCodecs.

/** What travels along a wire. `image` is RGB(A) colour, `matte` a single channel (alpha). */
export type PortType = 'image' | 'matte';

export interface PortSpec {
  id: string;
  label: string;
  /** Types this port produces (outputs: exactly one) or accepts (inputs: one or more). */
  types: readonly PortType[];
  /** An optional input may stay unconnected; a required one makes evaluation fail with a reason. */
  optional?: boolean;
}

export type ParamValue = string | number | boolean;

interface ParamBase<K extends string, V extends ParamValue> {
  kind: K;
  label: string;
  default: V;
  help?: string;
  /** Only used while another param has one of these values (e.g. a plate's picture in Picture mode): editors hide it otherwise. */
  shownWhen?: ParamCondition;
}

/** A condition on another param of the same node. */
export interface ParamCondition {
  param: string;
  is: readonly ParamValue[];
}
export interface NumberParam extends ParamBase<'number', number> {
  min?: number;
  max?: number;
  step?: number;
}
export interface BooleanParam extends ParamBase<'boolean', boolean> {}
export interface ColorParam extends ParamBase<'color', string> {}
export interface EnumParam extends ParamBase<'enum', string> {
  options: readonly { value: string; label: string }[];
}
/** A file reference (a name the media resolver can open, or a path/URL). */
export interface FileParam extends ParamBase<'file', string> {
  accept: string;
}
/** A number, or the word `auto` (the node decides). */
export interface NumberOrAutoParam extends ParamBase<'numberOrAuto', number | 'auto'> {
  min: number;
  max: number;
  step?: number;
}
export interface StringParam extends ParamBase<'string', string> {}
/** A model of a family (`auto` or a model id); the editor offers the installed ones. */
export interface ModelParam extends ParamBase<'model', string> {
  family: string;
}

export type ParamSpec =
  | NumberParam
  | BooleanParam
  | ColorParam
  | EnumParam
  | FileParam
  | NumberOrAutoParam
  | StringParam
  | ModelParam;

export type ParamsSchema = Readonly<Record<string, ParamSpec>>;
export type Params = Record<string, ParamValue>;

/** Timing of a clip, in microseconds, as the source container gives it. */
export interface ClipInfo {
  frameCount: number;
  /** Nominal frames per second (frameCount / duration). */
  fps: number;
  /** Duration in microseconds, the last frame's duration included. */
  durationUs: number;
  width: number;
  height: number;
  /** Presentation timestamp and duration of each frame, microseconds. */
  frameTimestampsUs: readonly number[];
  frameDurationsUs: readonly number[];
}

/** The status a node shows on the canvas. */
export interface NodeStatus {
  state: 'idle' | 'working' | 'ready' | 'error' | 'warning';
  message?: string;
  /** Short facts shown under the node, e.g. `{ EP: 'wasm', 'ms/frame': '104' }`. */
  facts?: Record<string, string>;
}

export interface EvalContext<S = unknown> {
  nodeId: string;
  frame: number;
  /** True when this instance evaluated frame-1 last time, with the same params. */
  sequential: boolean;
  params: Params;
  /** Values of connected inputs, by input port id. Unconnected optional inputs are absent. */
  inputs: Record<string, unknown>;
  services: S;
  signal: AbortSignal;
  /** Clip timing of the graph's source, when there is one upstream. */
  clip?: ClipInfo;
  /**
   * Set while this frame runs only to settle the node's temporal state before a jump to frame
   * `preRollFor` (see NodeDefinition.preRoll): its outputs are thrown away, so it may return none.
   */
  preRollFor?: number;
  report(status: NodeStatus): void;
}

export interface NodeInstance<S = unknown> {
  /** Returns output values by output port id. The evaluator owns what is returned. */
  evaluate(ctx: EvalContext<S>): Promise<Record<string, unknown>>;
  /** Forget temporal state (a seek, a resize, a parameter change). */
  reset(): void;
  dispose(): void;
  /** Sources answer with their clip timing. */
  clipInfo?(params: Params, services: S, signal: AbortSignal): Promise<ClipInfo>;
}

export interface NodeDefinition<S = unknown> {
  type: string;
  version: number;
  label: string;
  category: 'Source' | 'Matte' | 'Composite' | 'Output' | 'View';
  description: string;
  inputs: readonly PortSpec[];
  outputs: readonly PortSpec[];
  params: ParamsSchema;
  /** A sink is where evaluation is pulled from (export). */
  sink?: boolean;
  /**
   * Frames a node with temporal state wants run before a frame reached by a jump (a seek, a
   * reset), so that frame looks as if reached by playing. The evaluator runs the node and its
   * upstream over frames max(0, N − count)..N − 1 first; the node sees an ordinary sequence.
   */
  preRoll?(params: Params): number;
  /** Upgrades params saved by an older version of this node type. */
  migrate?(params: Params, fromVersion: number): Params;
  create(): NodeInstance<S>;
}

/** Values flowing on wires may own resources; whoever holds them releases them once. */
export interface Disposable {
  dispose(): void;
}

export function isDisposable(v: unknown): v is Disposable {
  return typeof v === 'object' && v !== null && typeof (v as Disposable).dispose === 'function';
}

/** Whether a param is in use with these values (see ParamBase.shownWhen); missing values count as the default. */
export function isParamShown(schema: ParamsSchema, key: string, params: Params): boolean {
  const when = schema[key]?.shownWhen;
  if (!when) return true;
  const value = params[when.param] ?? schema[when.param]?.default;
  return value !== undefined && when.is.includes(value);
}
