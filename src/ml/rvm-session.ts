// One onnxruntime-web session of an RVM model on one execution provider. On WebGPU the
// recurrent outputs stay on the GPU (fed straight back next frame); pha and fgr stay there too
// when the graph's shaders share onnxruntime's device (`outputsOnGpu`), else they come to the CPU.
// For WebGPU, Min/Max clamps are rewritten as Clip first (onnx-min-max-to-clip.ts), and any op
// still without a WebGPU kernel is named (it runs on the CPU, with copies both ways).

import type { Ep } from './ep-choice.ts';
import { summarizeOnnxGraph } from './onnx-graph-summary.ts';
import { minMaxToClip } from './onnx-min-max-to-clip.ts';
import { configuredOrt, type OrtSession, type OrtTensor } from './ort-env.ts';
import { opsWithoutWebGpuKernel } from './webgpu-kernels.ts';

export const RVM_STATE_OUTPUTS = ['r1o', 'r2o', 'r3o', 'r4o'] as const;
export const RVM_STATE_INPUTS = ['r1i', 'r2i', 'r3i', 'r4i'] as const;
export const RVM_IMAGE_OUTPUTS = ['pha', 'fgr'] as const;

export class RvmSession {
  private released = false;

  private constructor(
    readonly ep: Ep,
    private readonly session: OrtSession,
    /** Min/Max nodes run as Clip on WebGPU. */
    readonly clipRewrites = 0,
    /** Ops of the graph that onnxruntime runs on the CPU although the EP is WebGPU. */
    readonly cpuOps: readonly string[] = [],
  ) {}

  static async create(model: Uint8Array, ep: Ep, outputsOnGpu = false): Promise<RvmSession> {
    const ort = configuredOrt();
    const { bytes, rewritten } = ep === 'webgpu' ? minMaxToClip(model) : { bytes: model, rewritten: 0 };

    const options: Parameters<typeof ort.InferenceSession.create>[1] =
      ep === 'webgpu'
        ? {
            // NCHW avoids ~30 Transposes around Resize that NHWC would insert (~1.6x at 720p).
            executionProviders: [{ name: 'webgpu', preferredLayout: 'NCHW' }],
            preferredOutputLocation: Object.fromEntries(
              [...RVM_STATE_OUTPUTS, ...(outputsOnGpu ? RVM_IMAGE_OUTPUTS : [])].map((n) => [n, 'gpu-buffer' as const]),
            ),
            graphOptimizationLevel: 'all',
            logSeverityLevel: 3, // not the "some nodes run on CPU" notice: shape ops belong there
          }
        : { executionProviders: ['wasm'], graphOptimizationLevel: 'all', logSeverityLevel: 3 };
    try {
      const cpuOps = ep === 'webgpu' ? opsWithoutWebGpuKernel(summarizeOnnxGraph(bytes).ops) : [];
      return new RvmSession(ep, await ort.InferenceSession.create(bytes, options), rewritten, cpuOps);
    } catch (e) {
      throw new Error(`cannot create the ${ep === 'webgpu' ? 'WebGPU' : 'WASM'} session: ${firstLine(e)}`);
    }
  }

  async run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>> {
    if (this.released) throw new Error('model session was released');
    return (await this.session.run(feeds)) as Record<string, OrtTensor>;
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    this.session.release().catch(() => undefined); // nothing useful to do if teardown fails
  }
}

export const firstLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0];
