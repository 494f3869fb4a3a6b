// One onnxruntime-web session of a BGMv2 model on one execution provider. On WebGPU,
// onnxruntime places the ops that have no WebGPU kernel (the sampling refiner's TopK,
// ScatterElements, NonZero, RoiAlign) on its CPU EP by itself, copying tensors each way;
// `cpuOps` names them (read from the graph, see webgpu-kernels.ts) so the node can show the split.
// With `outputsOnGpu` every output stays in a GPU buffer (the caller's shaders read them there).

import type { Ep } from './ep-choice.ts';
import type { OnnxGraphSummary } from './onnx-graph-summary.ts';
import { configuredOrt, type OrtSession, type OrtTensor } from './ort-env.ts';
import { firstLine } from './rvm-session.ts';
import { opsWithoutWebGpuKernel } from './webgpu-kernels.ts';

export const BGMV2_OUTPUTS = ['pha', 'fgr', 'pha_sm', 'fgr_sm', 'err_sm', 'ref_sm'] as const;

/**
 * onnxruntime's log level for new BGMv2 sessions. 3 (errors) hides the notice that some nodes
 * run on the CPU, which the node shows in its own words; 0 (verbose) prints onnxruntime's node
 * placement to the console, which is how the tests check the split this module predicts.
 */
let sessionLogSeverity: 0 | 1 | 2 | 3 | 4 = 3;
export const setBgmv2SessionLogSeverity = (level: 0 | 1 | 2 | 3 | 4) => {
  sessionLogSeverity = level;
};

export class Bgmv2Session {
  private released = false;

  private constructor(
    readonly ep: Ep,
    /** Op types this session runs on the CPU although its EP is WebGPU (empty on WASM). */
    readonly cpuOps: readonly string[],
    private readonly session: OrtSession,
  ) {}

  static async create(bytes: Uint8Array, ep: Ep, graph: OnnxGraphSummary, outputsOnGpu = false): Promise<Bgmv2Session> {
    const ort = configuredOrt();
    const options: Parameters<typeof ort.InferenceSession.create>[1] =
      ep === 'webgpu'
        ? {
            // NCHW: the refiner's CPU ops are NCHW anyway, and Resize needs no Transposes around it.
            executionProviders: [{ name: 'webgpu', preferredLayout: 'NCHW' }],
            // All six, not only the four we use: an output left to the CPU would be read back.
            ...(outputsOnGpu ? { preferredOutputLocation: Object.fromEntries(BGMV2_OUTPUTS.map((n) => [n, 'gpu-buffer' as const])) } : {}),
            graphOptimizationLevel: 'all',
            logSeverityLevel: sessionLogSeverity,
          }
        : { executionProviders: ['wasm'], graphOptimizationLevel: 'all', logSeverityLevel: sessionLogSeverity };
    try {
      const session = await ort.InferenceSession.create(bytes, options);
      return new Bgmv2Session(ep, ep === 'webgpu' ? opsWithoutWebGpuKernel(graph.ops) : [], session);
    } catch (e) {
      throw new Error(`cannot create the ${ep === 'webgpu' ? 'WebGPU' : 'WASM'} session: ${firstLine(e)}`);
    }
  }

  /** Runs src + bgr; every output is returned (the caller disposes them). */
  async run(src: OrtTensor, bgr: OrtTensor): Promise<Record<string, OrtTensor>> {
    if (this.released) throw new Error('model session was released');
    const out = (await this.session.run({ src, bgr })) as Record<string, OrtTensor>;
    const missing = BGMV2_OUTPUTS.filter((n) => !out[n]);
    if (missing.length) {
      for (const t of Object.values(out)) t.dispose();
      throw new Error(`model gave no ${missing.map((n) => `"${n}"`).join(', ')} output`);
    }
    return out;
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    this.session.release().catch(() => undefined); // nothing useful to do if teardown fails
  }
}
