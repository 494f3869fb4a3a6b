// Which ONNX ops onnxruntime-web's WebGPU EP can run. The list is the JSEP build's kernel table
// (WEBGPU_OP_RESOLVE_RULES in onnxruntime-web 1.30's dist/ort.mjs; the build `onnxruntime-web`
// imports, see ort-env.ts); test/bgmv2/webgpu-kernels.unit.test.ts checks it against the
// installed package, so an upgrade that changes it is noticed. A session on WebGPU runs every
// other op on the CPU (WASM), with a copy each way: BGMv2's sampling refiner needs TopK,
// ScatterElements, NonZero and RoiAlign, none of which is here.

export const WEBGPU_KERNEL_OPS: ReadonlySet<string> = new Set([
  'Abs', 'Acos', 'Acosh', 'Add', 'ArgMax', 'ArgMin', 'Asin', 'Asinh', 'Atan', 'Atanh', 'Attention',
  'AveragePool', 'BatchNormalization', 'BiasAdd', 'BiasSplitGelu', 'Cast', 'Ceil', 'Clip', 'Concat',
  'Conv', 'ConvTranspose', 'Cos', 'Cosh', 'CumSum', 'DepthToSpace', 'DequantizeLinear', 'DFT', 'Div',
  'Einsum', 'Elu', 'Equal', 'Erf', 'Exp', 'Expand', 'FastGelu', 'Floor', 'FusedConv', 'Gather',
  'GatherElements', 'GatherBlockQuantized', 'GatherND', 'Gelu', 'Gemm', 'GlobalAveragePool',
  'GlobalMaxPool', 'Greater', 'GreaterOrEqual', 'GridSample', 'GroupQueryAttention', 'HardSigmoid',
  'HardSwish', 'InstanceNormalization', 'LayerNormalization', 'LeakyRelu', 'Less', 'LessOrEqual', 'Log',
  'MatMul', 'MatMulNBits', 'MaxPool', 'Mul', 'MultiHeadAttention', 'Neg', 'Not', 'Pad', 'Pow',
  'QuickGelu', 'Range', 'Reciprocal', 'ReduceL1', 'ReduceL2', 'ReduceMin', 'ReduceMean', 'ReduceMax', 'ReduceSum', 'ReduceProd',
  'ReduceLogSum', 'ReduceLogSumExp', 'ReduceSumSquare', 'Relu', 'Resize', 'RotaryEmbedding', 'ScatterND',
  'Sigmoid', 'Sin', 'Sinh', 'Slice', 'SkipLayerNormalization', 'Split', 'Sqrt', 'Softmax', 'Sub', 'Tan',
  'Tanh', 'ThresholdedRelu', 'Tile', 'Transpose', 'Where',
]);

/**
 * Ops onnxruntime keeps on the CPU whatever the EP (shape bookkeeping, constants, views): they
 * move a few numbers, not images, so they are not worth showing as a "CPU part" of a model.
 */
const BOOKKEEPING_OPS: ReadonlySet<string> = new Set([
  'Shape', 'Size', 'Reshape', 'Squeeze', 'Unsqueeze', 'Flatten', 'Identity', 'Constant', 'ConstantOfShape',
]);

/** The model's op types that have no WebGPU kernel, in the order they first appear in its graph. */
export function opsWithoutWebGpuKernel(ops: Readonly<Record<string, number>>): string[] {
  return Object.keys(ops).filter((op) => !WEBGPU_KERNEL_OPS.has(op) && !BOOKKEEPING_OPS.has(op));
}
