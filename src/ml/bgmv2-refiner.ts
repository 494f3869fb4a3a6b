// How a BGMv2 model's refiner picks the patches it refines, as fixed at export time. Read from
// the graph itself where possible (any export, not only the official ones): a TopK means
// sampling mode with K = sample_pixels / 16 patches; a NonZero without TopK means thresholding;
// neither means full mode (everything refined, no patch selection). The manifest preset of an
// official export fills in what the graph does not say (the threshold value).

import type { Bgmv2Preset } from './manifest.ts';
import type { OnnxGraphSummary } from './onnx-graph-summary.ts';

export interface Bgmv2Refiner {
  mode: Bgmv2Preset['refineMode'];
  /** Sampling mode: pixels refined per frame (the frame must hold at least this many). */
  samplePixels?: number;
  threshold?: number;
}

export function bgmv2Refiner(graph: OnnxGraphSummary, preset?: Bgmv2Preset): Bgmv2Refiner {
  if (graph.ops.TopK) {
    const samplePixels = graph.topK !== undefined ? graph.topK * 16 : preset?.samplePixels;
    return { mode: 'sampling', ...(samplePixels !== undefined ? { samplePixels } : {}) };
  }
  if (graph.ops.NonZero) return { mode: 'thresholding', ...(preset?.threshold !== undefined ? { threshold: preset.threshold } : {}) };
  return { mode: 'full' };
}

/** e.g. "sampling 80,000 px", "thresholding > 0.1", "full". */
export function describeRefiner(r: Bgmv2Refiner): string {
  if (r.mode === 'sampling') return r.samplePixels !== undefined ? `sampling ${r.samplePixels.toLocaleString('en-US')} px` : 'sampling';
  if (r.mode === 'thresholding') return r.threshold !== undefined ? `thresholding > ${r.threshold}` : 'thresholding';
  return 'full';
}
