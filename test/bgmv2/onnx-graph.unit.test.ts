// Reading a model's graph from its bytes (op types, TopK's K, opset) and the WebGPU kernel table
// the EP split is predicted from, checked against the installed onnxruntime-web.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bgmv2Refiner, describeRefiner } from '../../src/ml/bgmv2-refiner.ts';
import { summarizeOnnxGraph } from '../../src/ml/onnx-graph-summary.ts';
import { opsWithoutWebGpuKernel, WEBGPU_KERNEL_OPS } from '../../src/ml/webgpu-kernels.ts';
import { repoRoot, sharedModels } from '../support/shared-paths.ts';
import { buildBgmv2TestModel } from './support/test-model.ts';

describe('ONNX graph summary', () => {
  it('finds K whether it is an initializer or a Constant node', () => {
    for (const kInConstantNode of [false, true]) {
      const graph = summarizeOnnxGraph(new Uint8Array(readFileSync(buildBgmv2TestModel({ k: 300, scaleDiv: 8, kInConstantNode }))));
      expect(graph.topK).toBe(300);
      expect(graph.ops.Constant ?? 0).toBe(kInConstantNode ? 1 : 0);
    }
  });

  it('counts the ops of a real model (RVM: no refiner, everything has a WebGPU kernel but bookkeeping)', () => {
    const graph = summarizeOnnxGraph(new Uint8Array(readFileSync(sharedModels('rvm_mobilenetv3_fp32_webgpu.onnx'))));
    expect(graph.nodeCount).toBeGreaterThan(100);
    expect(graph.ops.Conv).toBeGreaterThan(30);
    expect(graph.topK).toBeUndefined();
    expect(graph.opset).toBeGreaterThanOrEqual(12);
    expect(bgmv2Refiner(graph)).toEqual({ mode: 'full' });
  });

  it('says plainly when the bytes are not a model', () => {
    expect(() => summarizeOnnxGraph(new TextEncoder().encode('this is not a model'))).toThrow(/^not an ONNX model \(/);
    expect(() => summarizeOnnxGraph(new Uint8Array([0x08, 0x07]))).toThrow('not an ONNX model (no graph)');
  });
});

describe('refiner mode from the graph', () => {
  it('reads sampling with its pixel budget, thresholding, full; the preset fills in what the graph lacks', () => {
    const sampling = bgmv2Refiner({ ops: { TopK: 1, NonZero: 1 }, nodeCount: 2, topK: 5000 });
    expect(describeRefiner(sampling)).toBe('sampling 80,000 px');
    const noK = bgmv2Refiner({ ops: { TopK: 1 }, nodeCount: 1 }, { backboneScale: 0.125, refineMode: 'sampling', samplePixels: 320000 });
    expect(noK.samplePixels).toBe(320000);
    const threshold = bgmv2Refiner({ ops: { NonZero: 1 }, nodeCount: 1 }, { backboneScale: 0.25, refineMode: 'thresholding', threshold: 0.1 });
    expect(describeRefiner(threshold)).toBe('thresholding > 0.1');
    expect(describeRefiner(bgmv2Refiner({ ops: { Conv: 3 }, nodeCount: 3 }))).toBe('full');
  });
});

describe('WebGPU kernel table', () => {
  it('is the kernel list of the installed onnxruntime-web (JSEP build)', () => {
    const bundle = readFileSync(`${repoRoot}/node_modules/onnxruntime-web/dist/ort.mjs`, 'utf8');
    const start = bundle.indexOf('WEBGPU_OP_RESOLVE_RULES = /* @__PURE__ */ new Map([');
    expect(start).toBeGreaterThan(0);
    const table = bundle.slice(start, bundle.indexOf(']);', start));
    const installed = [...table.matchAll(/^\s*\["(\w+)", \[/gm)].map((m) => m[1]);
    expect(installed.length).toBeGreaterThan(90);
    expect([...WEBGPU_KERNEL_OPS].sort()).toEqual(installed.sort());
  });

  it('names the sampling refiner ops, leaving out shape bookkeeping', () => {
    expect(opsWithoutWebGpuKernel({ Conv: 9, Shape: 2, TopK: 1, Reshape: 3, ScatterElements: 2, ConstantOfShape: 1, NonZero: 1, RoiAlign: 1 }))
      .toEqual(['TopK', 'ScatterElements', 'NonZero', 'RoiAlign']);
    expect(opsWithoutWebGpuKernel({ Conv: 9, Resize: 2 })).toEqual([]);
  });
});
