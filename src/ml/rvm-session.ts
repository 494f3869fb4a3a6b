// One onnxruntime-web session of an RVM model on one execution provider. On WebGPU the
// recurrent outputs stay on the GPU (fed straight back next frame); pha and fgr come to the CPU.

import type { Ep } from './ep-choice.ts';
import { configuredOrt, type OrtSession, type OrtTensor } from './ort-env.ts';

export const RVM_STATE_OUTPUTS = ['r1o', 'r2o', 'r3o', 'r4o'] as const;
export const RVM_STATE_INPUTS = ['r1i', 'r2i', 'r3i', 'r4i'] as const;

export class RvmSession {
  private released = false;

  private constructor(
    readonly ep: Ep,
    private readonly session: OrtSession,
  ) {}

  static async create(bytes: Uint8Array, ep: Ep): Promise<RvmSession> {
    const ort = configuredOrt();
    const options: Parameters<typeof ort.InferenceSession.create>[1] =
      ep === 'webgpu'
        ? {
            // NCHW avoids ~30 Transposes around Resize that NHWC would insert (~1.6x at 720p).
            executionProviders: [{ name: 'webgpu', preferredLayout: 'NCHW' }],
            preferredOutputLocation: Object.fromEntries(RVM_STATE_OUTPUTS.map((n) => [n, 'gpu-buffer' as const])),
            graphOptimizationLevel: 'all',
            logSeverityLevel: 3, // not the "some nodes run on CPU" notice: shape ops belong there
          }
        : { executionProviders: ['wasm'], graphOptimizationLevel: 'all', logSeverityLevel: 3 };
    try {
      return new RvmSession(ep, await ort.InferenceSession.create(bytes, options));
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
