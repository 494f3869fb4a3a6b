// The reference the browser's RVM node is held to: onnxruntime-node (native CPU) running the same
// model file on the same RGB input with the same recurrent feedback.

import ort from 'onnxruntime-node';

export class RvmReference {
  private state: ort.Tensor[] | undefined;

  private constructor(private readonly session: ort.InferenceSession) {}

  static async open(modelPath: string): Promise<RvmReference> {
    return new RvmReference(await ort.InferenceSession.create(modelPath));
  }

  reset() {
    this.state = undefined;
  }

  /** pha (0..1, H*W) of one RGBA frame, continuing the recurrent state. */
  async run(rgba: Uint8Array, width: number, height: number, ratio: number): Promise<Float32Array> {
    const plane = width * height;
    const src = new Float32Array(3 * plane);
    for (let i = 0; i < plane; i++) {
      src[i] = rgba[i * 4] / 255;
      src[plane + i] = rgba[i * 4 + 1] / 255;
      src[2 * plane + i] = rgba[i * 4 + 2] / 255;
    }
    const zero = () => new ort.Tensor('float32', new Float32Array(1), [1, 1, 1, 1]);
    const [r1, r2, r3, r4] = this.state ?? [zero(), zero(), zero(), zero()];
    const out = await this.session.run({
      src: new ort.Tensor('float32', src, [1, 3, height, width]),
      r1i: r1, r2i: r2, r3i: r3, r4i: r4,
      downsample_ratio: new ort.Tensor('float32', new Float32Array([ratio]), [1]),
    });
    this.state = [out.r1o, out.r2o, out.r3o, out.r4o];
    return out.pha.data as Float32Array;
  }

  async release() {
    await this.session.release();
  }
}

/** Mean |a - b/255| between a float matte and an 8-bit one. */
export function meanAbsDiff(reference: Float32Array, matte8: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < reference.length; i++) sum += Math.abs(reference[i] - matte8[i] / 255);
  return sum / reference.length;
}

export function meanAbsDiff8(a: Uint8Array, b: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
  return sum / a.length / 255;
}
