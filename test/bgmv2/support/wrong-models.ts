// ONNX files that are not usable BGMv2 models, built with Debian's python3-onnx at test time:
// a MattingBase export's outputs (pha, fgr, err, hid: the base network alone, no refiner).

import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function buildMattingBaseLikeModel(): string {
  const out = join(mkdtempSync(join(tmpdir(), 'mattegraph-bgmv2-base-')), 'mattingbase.onnx');
  const script = `
import onnx, sys
from onnx import helper, TensorProto
io = lambda n, c: helper.make_tensor_value_info(n, TensorProto.FLOAT, ['batch', c, 'height', 'width'])
nodes = [helper.make_node('Sub', ['src', 'bgr'], ['d']),
         helper.make_node('Identity', ['src'], ['fgr']),
         helper.make_node('ReduceMean', ['d'], ['pha'], axes=[1], keepdims=1),
         helper.make_node('Identity', ['pha'], ['err']),
         helper.make_node('Identity', ['d'], ['hid'])]
graph = helper.make_graph(nodes, 'mattingbase_like', [io('src', 3), io('bgr', 3)], [io('pha', 1), io('fgr', 3), io('err', 1), io('hid', 3)])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid('', 12)])
model.ir_version = 7
onnx.checker.check_model(model)
onnx.save(model, sys.argv[1])
`;
  execFileSync('/usr/bin/python3', ['-c', script, out]);
  return out;
}
