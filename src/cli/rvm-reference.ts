// RVM on onnxruntime-node (native CPU): the reference the bench and the tests compare the
// browser against. Same model file, same ratio, recurrent state fed back frame to frame.

import * as ort from 'onnxruntime-node';

export interface RvmReferenceResult {
  /** Alpha, H*W values in 0..1. */
  pha: Float32Array;
  /** Foreground, planar RGB (3*H*W) in 0..1. */
  fgr: Float32Array;
  ms: number;
}

const zeroState = () => new ort.Tensor('float32', new Float32Array(1), [1, 1, 1, 1]);

export class RvmReference {
  private state: ort.Tensor[] = [zeroState(), zeroState(), zeroState(), zeroState()];

  private constructor(private readonly session: ort.InferenceSession) {}

  static async load(modelPath: string, threads?: number): Promise<RvmReference> {
    const options: ort.InferenceSession.SessionOptions = threads ? { intraOpNumThreads: threads } : {};
    return new RvmReference(await ort.InferenceSession.create(modelPath, options));
  }

  /** Starts a new clip: the first frame then runs with zero recurrent state. */
  reset() {
    this.state = [zeroState(), zeroState(), zeroState(), zeroState()];
  }

  /** Runs one frame of packed RGB (channels 3) or RGBA (channels 4) bytes. */
  async run(pixels: Uint8Array, width: number, height: number, ratio: number, channels: 3 | 4 = 3): Promise<RvmReferenceResult> {
    const plane = width * height;
    const src = new Float32Array(3 * plane);
    for (let i = 0; i < plane; i++) {
      src[i] = pixels[channels * i] / 255;
      src[plane + i] = pixels[channels * i + 1] / 255;
      src[2 * plane + i] = pixels[channels * i + 2] / 255;
    }
    const [r1i, r2i, r3i, r4i] = this.state;
    const feeds = {
      src: new ort.Tensor('float32', src, [1, 3, height, width]),
      r1i, r2i, r3i, r4i,
      downsample_ratio: new ort.Tensor('float32', new Float32Array([ratio]), [1]),
    };
    const started = performance.now();
    const out = await this.session.run(feeds);
    const ms = performance.now() - started;
    this.state = [out.r1o, out.r2o, out.r3o, out.r4o] as ort.Tensor[];
    return { pha: out.pha.data as Float32Array, fgr: out.fgr.data as Float32Array, ms };
  }

  async release() {
    await this.session.release();
  }
}
