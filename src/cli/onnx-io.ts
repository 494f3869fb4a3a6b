// The declared inputs and outputs of an .onnx file, read straight from its protobuf bytes (no
// onnxruntime session: milliseconds even for a large model, since the weights are skipped).
// Graph inputs that are initializers (older exports list weights as inputs) are not inputs.

import type { IoSignature, IoSpec } from '../ml/manifest.ts';
import { fieldsOf, ProtobufError, utf8, type Field } from '../ml/protobuf-reader.ts';

// onnx.proto3 field numbers.
const MODEL_GRAPH = 7;
const GRAPH_INITIALIZER = 5;
const GRAPH_INPUT = 11;
const GRAPH_OUTPUT = 12;
const TENSOR_NAME = 8;
const VALUE_INFO_NAME = 1;
const VALUE_INFO_TYPE = 2;
const TYPE_TENSOR = 1;
const TENSOR_TYPE_ELEM = 1;
const TENSOR_TYPE_SHAPE = 2;
const SHAPE_DIM = 1;

/** ONNX element types by number, named as onnxruntime names tensor types. */
const DTYPES: Record<number, string> = {
  1: 'float32', 2: 'uint8', 3: 'int8', 4: 'uint16', 5: 'int16', 6: 'int32', 7: 'int64', 8: 'string',
  9: 'bool', 10: 'float16', 11: 'float64', 12: 'uint32', 13: 'uint64', 16: 'bfloat16',
};

const sub = (f: Field) => (f.value.wire === 2 ? f.value.bytes : undefined);

/** Throws a one-line reason when the bytes are not an ONNX model with a graph. */
export function readOnnxIo(bytes: Uint8Array): IoSignature {
  try {
    let graph: Uint8Array | undefined;
    for (const f of fieldsOf(bytes)) if (f.field === MODEL_GRAPH) graph = sub(f) ?? graph;
    if (!graph) throw new ProtobufError('it has no graph');
    const inputs: IoSpec[] = [];
    const outputs: IoSpec[] = [];
    const initializers = new Set<string>();
    for (const f of fieldsOf(graph)) {
      const body = sub(f);
      if (!body) continue;
      if (f.field === GRAPH_INPUT) inputs.push(valueInfo(body));
      else if (f.field === GRAPH_OUTPUT) outputs.push(valueInfo(body));
      else if (f.field === GRAPH_INITIALIZER) {
        for (const t of fieldsOf(body)) if (t.field === TENSOR_NAME && sub(t)) initializers.add(utf8(sub(t)!));
      }
    }
    return { inputs: inputs.filter((i) => !initializers.has(i.name)), outputs };
  } catch (e) {
    if (e instanceof ProtobufError) throw new Error(`not an ONNX model (${e.message})`);
    throw e;
  }
}

function valueInfo(bytes: Uint8Array): IoSpec {
  let name = '';
  let dtype = 'non-tensor';
  let rank = -1;
  for (const f of fieldsOf(bytes)) {
    const body = sub(f);
    if (f.field === VALUE_INFO_NAME && body) name = utf8(body);
    if (f.field !== VALUE_INFO_TYPE || !body) continue;
    for (const t of fieldsOf(body)) {
      const tensor = t.field === TYPE_TENSOR ? sub(t) : undefined;
      if (!tensor) continue;
      for (const p of fieldsOf(tensor)) {
        if (p.field === TENSOR_TYPE_ELEM && p.value.wire === 0) dtype = DTYPES[p.value.value] ?? `type ${p.value.value}`;
        const shape = p.field === TENSOR_TYPE_SHAPE ? sub(p) : undefined;
        if (shape) {
          const dims = [...fieldsOf(shape)].filter((d) => d.field === SHAPE_DIM).length;
          rank = dims > 0 ? dims : -1;
        }
      }
    }
  }
  return { name, dtype, rank };
}
