"""Builds a small ONNX model with exactly the IO signature of the official BackgroundMattingV2
exports (export_onnx.py, model type mattingrefine, opset 12), whose refiner uses the same op
kinds as the official sampling refiner: TopK, ScatterElements, NonZero and RoiAlign. No weights:
every output is a simple function of the inputs that a test can compute exactly.

  usage: build_test_model.py OUT.onnx [--k K] [--scale-div S] [--k-in-constant-node]

With S = 1/backbone_scale (4 by default, 8 for a 4K-like model) and d = mean over RGB of
|src - bgr| at full resolution:
  err_sm = AveragePool_SxS(d)                                [B,1,H/S,W/S]
  pha_sm = clip(4 * err_sm, 0, 1)                            [B,1,H/S,W/S]
  fgr_sm = AveragePool_SxS(src)                              [B,3,H/S,W/S]
  ref_sm = 1 on the K quarter-resolution cells with the largest error (err_sm resized to H/4,W/4
           by nearest), and only where that error is > 0     [B,1,H/4,W/4]
  pha, fgr: [pha_sm, fgr_sm] resized to H,W by nearest (blocky), then on every 4x4 patch marked
           in ref_sm replaced pixel by pixel with the "refined" values clip(4 * d, 0, 1) and src.
TopK ties go to the lower index (the ONNX rule). H and W must be multiples of S (and of 4),
and (H/4)*(W/4) >= K, as with the official exports (K = sample_pixels / 16 there).
"""

import argparse

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

parser = argparse.ArgumentParser()
parser.add_argument('out')
parser.add_argument('--k', type=int, default=64)
parser.add_argument('--scale-div', type=int, default=4, choices=[4, 8])
# torch.onnx.export without constant folding puts K in a Constant node instead of an initializer.
parser.add_argument('--k-in-constant-node', action='store_true')
args = parser.parse_args()
S = args.scale_div

nodes = []
inits = []


def const(name, values, dtype=np.int64):
    inits.append(numpy_helper.from_array(np.array(values, dtype=dtype), name))
    return name


def node(op, inputs, outputs, **attrs):
    nodes.append(helper.make_node(op, inputs, outputs, name=f'{op}_{len(nodes)}', **attrs))
    return outputs[0] if len(outputs) == 1 else outputs


# Shapes, as the traced official export computes them: Shape -> Slice -> Div -> Concat.
node('Shape', ['src'], ['shape'])
B = node('Slice', ['shape', const('s0', [0]), const('s1', [1])], ['B'])
H = node('Slice', ['shape', const('s2', [2]), const('s3', [3])], ['H'])
W = node('Slice', ['shape', const('s3b', [3]), const('s4', [4])], ['W'])
Hq = node('Div', [H, const('four_i', [4])], ['Hq'])
Wq = node('Div', [W, const('four_ib', [4])], ['Wq'])
one_i = const('one_i', [1])

# The official graph starts with Resizes to computed sizes, so ORT never infers an inner tensor's
# shape as "batch x C x height x width" and confuses it with an output of that declared shape
# (its memory planner would reuse buffers across them). A Reshape to the input's own shape has
# the same effect here.
node('Reshape', ['src', 'shape'], ['src_x'])
node('Reshape', ['bgr', 'shape'], ['bgr_x'])

# Base network stand-in: coarse maps at the backbone scale.
node('Sub', ['src_x', 'bgr_x'], ['diff'])
node('Abs', ['diff'], ['adiff'])
node('ReduceMean', ['adiff'], ['d'], axes=[1], keepdims=1)
node('AveragePool', ['d'], ['err_sm'], kernel_shape=[S, S], strides=[S, S])
four_f = const('four_f', 4.0, np.float32)
zero_f = const('zero_f', 0.0, np.float32)
one_f = const('one_f', 1.0, np.float32)
node('Mul', ['err_sm', four_f], ['pha_sm_raw'])
node('Clip', ['pha_sm_raw', zero_f, one_f], ['pha_sm'])
node('AveragePool', ['src_x'], ['fgr_sm'], kernel_shape=[S, S], strides=[S, S])

# Refinement regions (official: interpolate err to H/4, TopK, ScatterElements, * (err > 0)).
empty_f = const('empty_f', np.zeros([0]), np.float32)
quarter_sizes = node('Concat', [B, one_i, Hq, Wq], ['quarter_sizes'], axis=0)
nearest = dict(mode='nearest', coordinate_transformation_mode='asymmetric', nearest_mode='floor')
node('Resize', ['err_sm', empty_f, empty_f, quarter_sizes], ['err_q'], **nearest)
flat_shape = node('Concat', [B, const('minus1', [-1])], ['flat_shape'], axis=0)
node('Reshape', ['err_q', flat_shape], ['err_flat'])
if args.k_in_constant_node:
    node('Constant', [], ['topk_k'], value=numpy_helper.from_array(np.array([args.k], dtype=np.int64), 'k_value'))
else:
    const('topk_k', [args.k])
node('TopK', ['err_flat', 'topk_k'], ['topk_values', 'topk_indices'], axis=1, largest=1, sorted=0)
node('Shape', ['topk_indices'], ['topk_shape'])
node('Expand', [one_f, 'topk_shape'], ['topk_ones'])
node('Shape', ['err_flat'], ['flat_dims'])
node('ConstantOfShape', ['flat_dims'], ['flat_zeros'], value=helper.make_tensor('z', TensorProto.FLOAT, [1], [0.0]))
node('ScatterElements', ['flat_zeros', 'topk_indices', 'topk_ones'], ['picked'], axis=1)
node('Greater', ['err_flat', zero_f], ['has_err'])
node('Cast', ['has_err'], ['has_err_f'], to=TensorProto.FLOAT)
node('Mul', ['picked', 'has_err_f'], ['ref_flat'])
node('Reshape', ['ref_flat', quarter_sizes], ['ref_sm'])

# Patch indices (b, y, x) of the refined cells, and their 4x4 boxes at full resolution.
node('Squeeze', ['ref_sm'], ['ref_2d'], axes=[1])
node('NonZero', ['ref_2d'], ['nz'])
for i, n in enumerate(['pb', 'py', 'px']):
    node('Gather', ['nz', const(f'nz_row{i}', i)], [n], axis=0)
node('Cast', ['py'], ['py_f'], to=TensorProto.FLOAT)
node('Cast', ['px'], ['px_f'], to=TensorProto.FLOAT)
half = const('half_f', 0.5, np.float32)
node('Mul', ['px_f', four_f], ['x4'])
node('Sub', ['x4', half], ['x1'])
node('Mul', ['py_f', four_f], ['y4'])
node('Sub', ['y4', half], ['y1'])
node('Add', ['x1', four_f], ['x2'])
node('Add', ['y1', four_f], ['y2'])
for n in ['x1', 'y1', 'x2', 'y2']:
    node('Unsqueeze', [n], [f'{n}_col'], axes=[1])
node('Concat', ['x1_col', 'y1_col', 'x2_col', 'y2_col'], ['rois'], axis=1)

# "Refined" values and the crop of each patch (official: RoiAlign with -0.5 box offsets, so the
# one sample per bin lands exactly on a pixel centre: a crop, not a blur).
node('Mul', ['d', four_f], ['fine_pha_raw'])
node('Clip', ['fine_pha_raw', zero_f, one_f], ['fine_pha'])
node('Concat', ['fine_pha', 'src_x'], ['fine'], axis=1)
node('RoiAlign', ['fine', 'rois', 'pb'], ['patches'], mode='avg', output_height=4, output_width=4,
     sampling_ratio=1, spatial_scale=1.0)

# Coarse result upsampled, then the patches written back pixel by pixel (official:
# replace_patch with scatter_element over the flattened tensor).
node('Concat', ['pha_sm', 'fgr_sm'], ['coarse'], axis=1)
full_sizes = node('Concat', [B, const('four_c', [4]), H, W], ['full_sizes'], axis=0)
node('Resize', ['coarse', empty_f, empty_f, full_sizes], ['up'], **nearest)
node('Mul', [H, W], ['HW'])
node('Mul', ['HW', const('four_ic', [4])], ['CHW'])
node('Mul', ['pb', 'CHW'], ['loc_b'])
node('Mul', ['py', const('four_iy', [4])], ['row0'])
node('Mul', ['row0', W], ['loc_y'])
node('Mul', ['px', const('four_ix', [4])], ['loc_x'])
node('Add', ['loc_b', 'loc_y'], ['loc_by'])
node('Add', ['loc_by', 'loc_x'], ['loc'])
node('Unsqueeze', ['loc'], ['loc4'], axes=[1, 2, 3])
node('Mul', [const('chan', np.arange(4).reshape(1, 4, 1, 1)), 'HW'], ['off_c'])
node('Mul', [const('rows', np.arange(4).reshape(1, 1, 4, 1)), W], ['off_y'])
node('Add', ['off_c', 'off_y'], ['off_cy'])
node('Add', ['off_cy', const('cols', np.arange(4).reshape(1, 1, 1, 4))], ['offsets'])
node('Add', ['loc4', 'offsets'], ['idx_pix'])
node('Reshape', ['idx_pix', 'minus1'], ['idx_flat'])
node('Reshape', ['up', 'minus1'], ['up_flat'])
node('Reshape', ['patches', 'minus1'], ['patch_flat'])
node('ScatterElements', ['up_flat', 'idx_flat', 'patch_flat'], ['out_flat'], axis=0)
node('Shape', ['up'], ['up_shape'])
node('Reshape', ['out_flat', 'up_shape'], ['out'])
node('Slice', ['out', const('c0', [0]), const('c1', [1]), one_i], ['pha_raw'])
node('Slice', ['out', const('c1b', [1]), const('c4', [4]), one_i], ['fgr_raw'])
node('Clip', ['pha_raw', zero_f, one_f], ['pha'])
node('Clip', ['fgr_raw', zero_f, one_f], ['fgr'])


def io(name, channels):
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, ['batch', channels, 'height', 'width'])


graph = helper.make_graph(
    nodes, 'bgmv2_signature_test',
    [io('src', 3), io('bgr', 3)],
    [io('pha', 1), io('fgr', 3), io('pha_sm', 1), io('fgr_sm', 3), io('err_sm', 1), io('ref_sm', 1)],
    inits)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid('', 12)], producer_name='mattegraph-test')
model.ir_version = 7
onnx.checker.check_model(model, full_check=True)
onnx.save(model, args.out)
