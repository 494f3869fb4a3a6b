// Builds a tiny, valid ONNX model that is not RVM (an Identity with input "x"), with Debian's
// python3-onnx, at test time.

import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function buildIdentityModel(): string {
  const out = join(mkdtempSync(join(tmpdir(), 'mattegraph-onnx-')), 'identity.onnx');
  const script = `
import onnx, sys
from onnx import helper, TensorProto
x = helper.make_tensor_value_info('x', TensorProto.FLOAT, [1, 3, 4, 4])
y = helper.make_tensor_value_info('y', TensorProto.FLOAT, [1, 3, 4, 4])
graph = helper.make_graph([helper.make_node('Identity', ['x'], ['y'])], 'not_rvm', [x], [y])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid('', 12)])
model.ir_version = 7
onnx.checker.check_model(model)
onnx.save(model, sys.argv[1])
`;
  execFileSync('/usr/bin/python3', ['-c', script, out]);
  return out;
}
