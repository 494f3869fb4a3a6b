// The picture that travels along a wire: width x height RGBA8, held on the CPU, on the GPU,
// or both (each copy made on demand and kept). A matte stores its value in R, G and B with A = 1.
// Reference counted: `retain()` lets a node pass a value through without copying it, and the
// last `dispose()` releases the texture. A live-image counter lets tests assert nothing leaks.

import type { GpuContext } from './context.ts';
import { readTexture } from './readback.ts';

export type ImageKind = 'image' | 'matte';

let live = 0;
/** Number of images not yet disposed (for leak tests). */
export const liveImageCount = () => live;

export class Image {
  private refs = 1;
  private cpu?: Uint8ClampedArray;
  private gpuTexture?: GPUTexture;

  private constructor(
    readonly width: number,
    readonly height: number,
    readonly kind: ImageKind,
  ) {
    live++;
  }

  static fromPixels(width: number, height: number, kind: ImageKind, rgba: Uint8ClampedArray): Image {
    if (rgba.length !== width * height * 4) {
      throw new Error(`image data is ${rgba.length} bytes, expected ${width}x${height}x4`);
    }
    const img = new Image(width, height, kind);
    img.cpu = rgba;
    return img;
  }

  /** Takes ownership of `texture` (rgba8unorm, width x height). */
  static fromTexture(texture: GPUTexture, kind: ImageKind): Image {
    const img = new Image(texture.width, texture.height, kind);
    img.gpuTexture = texture;
    return img;
  }

  /** RGBA8 pixels, row-major, read back from the GPU the first time if needed. */
  async pixels(gpu?: GpuContext): Promise<Uint8ClampedArray> {
    this.assertLive();
    if (!this.cpu) {
      if (!this.gpuTexture || !gpu) throw new Error('image has no pixels and no GPU context to read from');
      this.cpu = await readTexture(gpu, this.gpuTexture);
    }
    return this.cpu;
  }

  /** The image as an rgba8unorm texture on `gpu`, uploaded the first time if needed. */
  texture(gpu: GpuContext): GPUTexture {
    this.assertLive();
    if (!this.gpuTexture) {
      const tex = gpu.device.createTexture({
        size: [this.width, this.height],
        format: 'rgba8unorm',
        usage: GPUTextureUsage.TEXTURE_BINDING | GPUTextureUsage.COPY_DST | GPUTextureUsage.COPY_SRC |
          GPUTextureUsage.STORAGE_BINDING,
      });
      gpu.device.queue.writeTexture(
        { texture: tex },
        // The spec takes shared-memory views too; @webgpu/types only admits ArrayBuffer-backed ones.
        this.cpu! as Uint8ClampedArray<ArrayBuffer>,
        { bytesPerRow: this.width * 4, rowsPerImage: this.height },
        [this.width, this.height],
      );
      this.gpuTexture = tex;
    }
    return this.gpuTexture;
  }

  retain(): this {
    this.assertLive();
    this.refs++;
    return this;
  }

  get disposed(): boolean {
    return this.refs <= 0;
  }

  dispose(): void {
    if (this.refs <= 0) return;
    if (--this.refs > 0) return;
    live--;
    this.gpuTexture?.destroy();
    this.gpuTexture = undefined;
    this.cpu = undefined;
  }

  private assertLive() {
    if (this.refs <= 0) throw new Error('image used after dispose');
  }
}
