// onnxruntime-web's WebGPU kernels have Clip but neither Min nor Max (webgpu-kernels.ts). A graph
// that clamps its outputs with Min/Max against constants, as the RVM builds converted from
// TF.js do (fgr = Max(Min(x, 1), 0)), runs those nodes on the CPU: onnxruntime then reads the
// full-resolution pha and fgr back every frame. Rewritten as Clip, the same maths
// (Min(x, c) = Clip(x, max: c), Max(x, c) = Clip(x, min: c)), they stay on the GPU. The official
// PyTorch exports already clamp with Clip, so there is nothing to rewrite in them.

import { fieldsOf, ProtobufError, utf8, type Field } from './protobuf-reader.ts';
import { bytesField, intField, joinChunks, textField, type Chunks } from './protobuf-writer.ts';

export interface ClipRewrite {
  bytes: Uint8Array;
  /** Min/Max nodes now written as Clip (0: `bytes` is the input, untouched). */
  rewritten: number;
}

// ONNX protobuf field numbers (onnx.proto3).
const MODEL_GRAPH = 7;
const MODEL_OPSET_IMPORT = 8;
const GRAPH_NODE = 1;
const GRAPH_INITIALIZER = 5;
const GRAPH_INPUT = 11;
const NODE_INPUT = 1;
const NODE_OUTPUT = 2;
const NODE_NAME = 3;
const NODE_OP_TYPE = 4;
const NODE_ATTRIBUTE = 5;
const NODE_DOMAIN = 7;
const TENSOR_DIMS = 1;
const TENSOR_DATA_TYPE = 2;
const TENSOR_NAME = 8;
const FLOAT = 1;
const FLOAT16 = 10;
/** Clip takes min and max as inputs from opset 11 on. */
const CLIP_INPUTS_OPSET = 11;

export function minMaxToClip(model: Uint8Array): ClipRewrite {
  const unchanged = { bytes: model, rewritten: 0 };
  try {
    const top = [...fieldsOf(model)];
    const graph = top.find((f) => f.field === MODEL_GRAPH)?.value;
    if (graph?.wire !== 2 || (defaultOpset(top) ?? 0) < CLIP_INPUTS_OPSET) return unchanged;
    const graphFields = [...fieldsOf(graph.bytes)];
    const scalars = floatScalarConstants(graphFields);
    let rewritten = 0;
    const newGraph: Chunks = [];
    for (const f of graphFields) {
      const clip = f.field === GRAPH_NODE && f.value.wire === 2 ? clipNode(f.value.bytes, scalars) : undefined;
      if (clip) rewritten++;
      newGraph.push(...(clip ? bytesField(GRAPH_NODE, clip) : encode(f)));
    }
    if (rewritten === 0) return unchanged;
    const out = top.flatMap((f) => (f.field === MODEL_GRAPH ? bytesField(MODEL_GRAPH, newGraph) : encode(f)));
    return { bytes: joinChunks(out), rewritten };
  } catch (e) {
    if (e instanceof ProtobufError || e instanceof UnsupportedField) return unchanged; // the session will say what is wrong
    throw e;
  }
}

class UnsupportedField extends Error {}

/** A field as it was written (model, graph and node messages hold only varints and bytes). */
function encode(f: Field): Chunks {
  if (f.value.wire === 0) return intField(f.field, f.value.value);
  if (f.value.wire === 2) return bytesField(f.field, f.value.bytes);
  throw new UnsupportedField(`fixed-size field ${f.field}`);
}

function defaultOpset(modelFields: Field[]): number | undefined {
  for (const f of modelFields) {
    if (f.field !== MODEL_OPSET_IMPORT || f.value.wire !== 2) continue;
    let domain = '';
    let version: number | undefined;
    for (const g of fieldsOf(f.value.bytes)) {
      if (g.field === 1 && g.value.wire === 2) domain = utf8(g.value.bytes);
      if (g.field === 2 && g.value.wire === 0) version = g.value.value;
    }
    if (domain === '' || domain === 'ai.onnx') return version;
  }
  return undefined;
}

/** Names of rank-0 float/float16 initializers that no graph input can override. */
function floatScalarConstants(graphFields: Field[]): Set<string> {
  const scalars = new Set<string>();
  const inputs = new Set<string>();
  for (const f of graphFields) {
    if (f.value.wire !== 2) continue;
    if (f.field === GRAPH_INPUT) {
      for (const g of fieldsOf(f.value.bytes)) if (g.field === 1 && g.value.wire === 2) inputs.add(utf8(g.value.bytes));
    }
    if (f.field !== GRAPH_INITIALIZER) continue;
    let name = '';
    let rank = 0;
    let type = 0;
    for (const g of fieldsOf(f.value.bytes)) {
      if (g.field === TENSOR_DIMS) rank++;
      else if (g.field === TENSOR_NAME && g.value.wire === 2) name = utf8(g.value.bytes);
      else if (g.field === TENSOR_DATA_TYPE && g.value.wire === 0) type = g.value.value;
    }
    if (name && rank === 0 && (type === FLOAT || type === FLOAT16)) scalars.add(name);
  }
  for (const name of inputs) scalars.delete(name);
  return scalars;
}

/** The Clip node replacing a Min/Max of one tensor and one scalar constant, else undefined. */
function clipNode(bytes: Uint8Array, scalars: Set<string>): Chunks | undefined {
  let op = '';
  let domain = '';
  let name: string | undefined;
  let attributes = 0;
  const inputs: string[] = [];
  const outputs: string[] = [];
  for (const f of fieldsOf(bytes)) {
    if (f.value.wire !== 2) continue;
    const text = () => utf8((f.value as { bytes: Uint8Array }).bytes);
    if (f.field === NODE_OP_TYPE) op = text();
    else if (f.field === NODE_DOMAIN) domain = text();
    else if (f.field === NODE_NAME) name = text();
    else if (f.field === NODE_INPUT) inputs.push(text());
    else if (f.field === NODE_OUTPUT) outputs.push(text());
    else if (f.field === NODE_ATTRIBUTE) attributes++;
  }
  if ((op !== 'Min' && op !== 'Max') || (domain !== '' && domain !== 'ai.onnx') || inputs.length !== 2 || attributes) return undefined;
  const constant = inputs.findIndex((i) => scalars.has(i));
  if (constant < 0 || scalars.has(inputs[1 - constant])) return undefined;
  const x = inputs[1 - constant];
  const c = inputs[constant];
  const clipInputs = op === 'Min' ? [x, '', c] : [x, c];
  return [
    ...clipInputs.flatMap((i) => textField(NODE_INPUT, i)),
    ...outputs.flatMap((o) => textField(NODE_OUTPUT, o)),
    ...(name !== undefined ? textField(NODE_NAME, name) : []),
    ...textField(NODE_OP_TYPE, 'Clip'),
  ];
}
