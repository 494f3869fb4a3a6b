// What an .onnx file's graph is made of, read straight from its bytes: how many nodes of each op
// type (subgraphs included), and the constant K of its TopK when there is one. BGMv2 uses this to
// tell which of its ops onnxruntime-web's WebGPU kernels lack (they run on the CPU), and its
// sampling refiner's patch budget (K = sample_pixels / 16), which the frame must be able to hold.

import { fieldsOf, packedVarints, ProtobufError, utf8 } from './protobuf-reader.ts';

export interface OnnxGraphSummary {
  /** Node count per op type; ops of a non-default domain are prefixed with it ("com.microsoft.X"). */
  ops: Record<string, number>;
  nodeCount: number;
  /** K of the first TopK node, when the file holds it as a constant. */
  topK?: number;
  /** Opset version of the default ONNX domain. */
  opset?: number;
}

// ONNX protobuf field numbers (onnx.proto3).
const MODEL_GRAPH = 7;
const MODEL_OPSET_IMPORT = 8;
const OPSET_DOMAIN = 1;
const OPSET_VERSION = 2;
const GRAPH_NODE = 1;
const GRAPH_INITIALIZER = 5;
const NODE_INPUT = 1;
const NODE_OUTPUT = 2;
const NODE_OP_TYPE = 4;
const NODE_ATTRIBUTE = 5;
const NODE_DOMAIN = 7;
const ATTR_NAME = 1;
const ATTR_TENSOR = 5;
const ATTR_GRAPH = 6;
const ATTR_GRAPHS = 11;
const TENSOR_DIMS = 1;
const TENSOR_DATA_TYPE = 2;
const TENSOR_INT32_DATA = 5;
const TENSOR_INT64_DATA = 7;
const TENSOR_NAME = 8;
const TENSOR_RAW_DATA = 9;
const INT32 = 6;
const INT64 = 7;
/** Only small integer tensors are decoded (K, shapes); weights are skipped unread. */
const MAX_CONSTANT_ELEMENTS = 16;

interface Walk {
  ops: Record<string, number>;
  nodeCount: number;
  integers: Map<string, number[]>;
  topKInput?: string;
}

/** Throws a one-line reason when the bytes are not an ONNX model. */
export function summarizeOnnxGraph(bytes: Uint8Array): OnnxGraphSummary {
  const walk: Walk = { ops: {}, nodeCount: 0, integers: new Map() };
  let graph: Uint8Array | undefined;
  let opset: number | undefined;
  try {
    for (const f of fieldsOf(bytes)) {
      if (f.field === MODEL_GRAPH && f.value.wire === 2) graph = f.value.bytes;
      if (f.field === MODEL_OPSET_IMPORT && f.value.wire === 2) opset = defaultDomainOpset(f.value.bytes) ?? opset;
    }
    if (!graph) throw new ProtobufError('no graph');
    readGraph(graph, walk);
  } catch (e) {
    if (e instanceof ProtobufError) throw new Error(`not an ONNX model (${e.message})`);
    throw e;
  }
  const k = walk.topKInput !== undefined ? walk.integers.get(walk.topKInput) : undefined;
  return {
    ops: walk.ops,
    nodeCount: walk.nodeCount,
    ...(k?.length === 1 ? { topK: k[0] } : {}),
    ...(opset !== undefined ? { opset } : {}),
  };
}

/** The version of an OperatorSetIdProto whose domain is the default one ("" or "ai.onnx"). */
function defaultDomainOpset(bytes: Uint8Array): number | undefined {
  let domain = '';
  let version: number | undefined;
  for (const f of fieldsOf(bytes)) {
    if (f.field === OPSET_DOMAIN && f.value.wire === 2) domain = utf8(f.value.bytes);
    else if (f.field === OPSET_VERSION && f.value.wire === 0) version = f.value.value;
  }
  return domain === '' || domain === 'ai.onnx' ? version : undefined;
}

function readGraph(bytes: Uint8Array, walk: Walk): void {
  for (const f of fieldsOf(bytes)) {
    if (f.value.wire !== 2) continue;
    if (f.field === GRAPH_NODE) readNode(f.value.bytes, walk);
    else if (f.field === GRAPH_INITIALIZER) keepIntegers(f.value.bytes, undefined, walk);
  }
}

function readNode(bytes: Uint8Array, walk: Walk): void {
  let opType = '';
  let domain = '';
  const inputs: string[] = [];
  const outputs: string[] = [];
  const attributes: Uint8Array[] = [];
  for (const f of fieldsOf(bytes)) {
    if (f.value.wire !== 2) continue;
    if (f.field === NODE_OP_TYPE) opType = utf8(f.value.bytes);
    else if (f.field === NODE_DOMAIN) domain = utf8(f.value.bytes);
    else if (f.field === NODE_INPUT) inputs.push(utf8(f.value.bytes));
    else if (f.field === NODE_OUTPUT) outputs.push(utf8(f.value.bytes));
    else if (f.field === NODE_ATTRIBUTE) attributes.push(f.value.bytes);
  }
  const op = domain && domain !== 'ai.onnx' ? `${domain}.${opType}` : opType;
  walk.ops[op] = (walk.ops[op] ?? 0) + 1;
  walk.nodeCount++;
  if (op === 'TopK' && walk.topKInput === undefined && inputs[1]) walk.topKInput = inputs[1];
  for (const attr of attributes) readAttribute(attr, op === 'Constant' ? outputs[0] : undefined, walk);
}

function readAttribute(bytes: Uint8Array, constantOutput: string | undefined, walk: Walk): void {
  let name = '';
  const tensors: Uint8Array[] = [];
  for (const f of fieldsOf(bytes)) {
    if (f.value.wire !== 2) continue;
    if (f.field === ATTR_NAME) name = utf8(f.value.bytes);
    else if (f.field === ATTR_GRAPH || f.field === ATTR_GRAPHS) readGraph(f.value.bytes, walk);
    else if (f.field === ATTR_TENSOR) tensors.push(f.value.bytes);
  }
  if (constantOutput !== undefined && name === 'value') for (const t of tensors) keepIntegers(t, constantOutput, walk);
}

/** Records a small INT32/INT64 tensor under its name (or the Constant node's output name). */
function keepIntegers(bytes: Uint8Array, nameOverride: string | undefined, walk: Walk): void {
  let name = '';
  let dataType = 0;
  let elements = 1;
  let raw: Uint8Array | undefined;
  const values: number[] = [];
  for (const f of fieldsOf(bytes)) {
    const v = f.value;
    if (f.field === TENSOR_DIMS) {
      if (v.wire === 0) elements *= v.value;
      else if (v.wire === 2) for (const d of packedVarints(v.bytes)) elements *= d;
    } else if (f.field === TENSOR_DATA_TYPE && v.wire === 0) dataType = v.value;
    else if (f.field === TENSOR_NAME && v.wire === 2) name = utf8(v.bytes);
    else if (f.field === TENSOR_RAW_DATA && v.wire === 2) raw = v.bytes;
    else if (f.field === TENSOR_INT64_DATA || f.field === TENSOR_INT32_DATA) {
      if (v.wire === 0) values.push(v.value);
      else if (v.wire === 2) values.push(...packedVarints(v.bytes));
    }
  }
  if ((dataType !== INT64 && dataType !== INT32) || elements > MAX_CONSTANT_ELEMENTS) return;
  const key = nameOverride ?? name;
  if (!key) return;
  if (raw) {
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    const size = dataType === INT64 ? 8 : 4;
    const read: number[] = [];
    for (let o = 0; o + size <= raw.byteLength; o += size) {
      read.push(dataType === INT64 ? Number(view.getBigInt64(o, true)) : view.getInt32(o, true));
    }
    walk.integers.set(key, read);
  } else {
    walk.integers.set(key, values);
  }
}
