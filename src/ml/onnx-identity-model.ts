// The smallest useful ONNX model: y = Identity(x), x and y float32 [1]. Creating a session of it
// is how we start onnxruntime-web's WebGPU backend before any real model is loaded (see
// ort-device.ts). Written out in protobuf wire format here rather than shipped as a file.

import { bytesField, intField, joinChunks, textField, type Chunks } from './protobuf-writer.ts';

const FLOAT = 1;

/** ValueInfoProto: name, type.tensor_type { elem_type FLOAT, shape { dim { dim_value 1 } } }. */
function floatVectorInfo(name: string): Chunks {
  const shape = bytesField(1, intField(1, 1));
  const tensorType = [...intField(1, FLOAT), ...bytesField(2, shape)];
  return [...textField(1, name), ...bytesField(2, bytesField(1, tensorType))];
}

export function identityModelBytes(): Uint8Array {
  const node = [...textField(1, 'x'), ...textField(2, 'y'), ...textField(4, 'Identity')];
  const graph = [...bytesField(1, node), ...textField(2, 'identity'), ...bytesField(11, floatVectorInfo('x')),
    ...bytesField(12, floatVectorInfo('y'))];
  const opset = intField(2, 13);
  return joinChunks([...intField(1, 7 /* ir_version */), ...bytesField(7, graph), ...bytesField(8, opset)]);
}
