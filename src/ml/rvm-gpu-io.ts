// RVM's tensors on the GPU, for one node on onnxruntime-web's WebGPU device: the `src` tensor is
// written from the frame's texture by a shader (shaders/rvm-src-tensor.wgsl) into a buffer this
// object owns and reuses, and `pha`/`fgr` output buffers become textures through another shader
// (shaders/tensor-to-image.wgsl). Nothing here reads anything back to the CPU.

import type { GpuContext } from '../gpu/context.ts';
import { dispatchOverImage } from '../gpu/dispatch-over-image.ts';
import { Image, type ImageKind } from '../gpu/image.ts';
import { createOutputTexture } from '../gpu/output-texture.ts';
import srcTensorWgsl from '../../shaders/rvm-src-tensor.wgsl?raw';
import tensorToImageWgsl from '../../shaders/tensor-to-image.wgsl?raw';
import type { Precision } from './model-library.ts';
import type { Ort, OrtTensor } from './ort-env.ts';
import type { RvmIo } from './rvm-cpu-io.ts';

const PAIRS_PER_GROUP = 64;
const MAX_GROUPS_PER_DIMENSION = 65535;

export class RvmGpuIo implements RvmIo {
  readonly path = 'gpu';
  private input?: { buffer: GPUBuffer; key: string };

  constructor(readonly gpu: GpuContext) {}

  /**
   * The `src` tensor of `image`: NCHW RGB in 0..1, float32 or float16 by the model's precision.
   * Valid until the next call (the buffer is reused; onnxruntime's run has been submitted by then).
   */
  async srcTensor(ort: Ort, image: Image, precision: Precision): Promise<OrtTensor> {
    const { width, height } = image;
    const half = precision === 'fp16';
    const pairs = Math.ceil((3 * width * height) / 2);
    const buffer = this.inputBuffer(pairs * (half ? 4 : 8), `${width}x${height}|${precision}`);
    const groups = Math.ceil(pairs / PAIRS_PER_GROUP);
    const groupsX = Math.min(groups, MAX_GROUPS_PER_DIMENSION);
    const groupsY = Math.ceil(groups / groupsX);
    const pipeline = this.gpu.computePipeline('rvm-src-tensor', srcTensorWgsl);
    await this.checked('the RVM input shader', (device, params) => {
      device.queue.writeBuffer(params, 0, new Uint32Array([width, height, half ? 1 : 0, groupsX * PAIRS_PER_GROUP]));
      const bindGroup = device.createBindGroup({
        layout: pipeline.getBindGroupLayout(0),
        entries: [
          { binding: 0, resource: image.texture(this.gpu).createView() },
          { binding: 1, resource: { buffer } },
          { binding: 2, resource: { buffer: params } },
        ],
      });
      const encoder = device.createCommandEncoder({ label: 'rvm-src-tensor' });
      const pass = encoder.beginComputePass();
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, bindGroup);
      pass.dispatchWorkgroups(groupsX, groupsY);
      pass.end();
      device.queue.submit([encoder.finish()]);
    });
    return ort.Tensor.fromGpuBuffer(buffer, { dataType: half ? 'float16' : 'float32', dims: [1, 3, height, width] });
  }

  /** A new image (owned by the caller) from a `pha` (→ matte) or `fgr` (→ image) GPU tensor. */
  async toImage(tensor: OrtTensor, kind: ImageKind): Promise<Image> {
    if (tensor.location !== 'gpu-buffer') throw new Error(`RVM output is on the ${tensor.location}, not the GPU`);
    if (tensor.type !== 'float32' && tensor.type !== 'float16') throw new Error(`RVM output is ${tensor.type}, not float`);
    const [, channels, height, width] = tensor.dims;
    if (channels !== (kind === 'matte' ? 1 : 3)) throw new Error(`RVM output has ${channels} channels for a ${kind}`);
    const out = createOutputTexture(this.gpu, width, height, `rvm ${kind}`);
    const pipeline = this.gpu.computePipeline('tensor-to-image', tensorToImageWgsl);
    try {
      await this.checked('the RVM output shader', (device, params) => {
        device.queue.writeBuffer(params, 0, new Uint32Array([width, height, width, height, tensor.type === 'float16' ? 1 : 0, channels]));
        dispatchOverImage(this.gpu, pipeline, [
          { binding: 0, resource: { buffer: tensor.gpuBuffer as GPUBuffer } },
          { binding: 1, resource: out.createView() },
          { binding: 2, resource: { buffer: params } },
        ], width, height);
      });
    } catch (e) {
      out.destroy();
      throw e;
    }
    return Image.fromTexture(out, kind);
  }

  dispose(): void {
    this.input?.buffer.destroy();
    this.input = undefined;
  }

  private inputBuffer(bytes: number, key: string): GPUBuffer {
    if (this.input?.key !== key) {
      this.input?.buffer.destroy();
      const buffer = this.gpu.device.createBuffer({
        label: `rvm src ${key}`,
        size: Math.ceil(bytes / 16) * 16,
        usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
      });
      this.input = { buffer, key };
    }
    return this.input.buffer;
  }

  /** Runs `submit` with a small uniform buffer; WebGPU validation errors become a thrown error. */
  private async checked(what: string, submit: (device: GPUDevice, params: GPUBuffer) => void): Promise<void> {
    const { device } = this.gpu;
    const params = device.createBuffer({ size: 32, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    device.pushErrorScope('validation');
    try {
      submit(device, params);
    } finally {
      params.destroy(); // after submit: the queued work keeps what it uses
      const error = await device.popErrorScope();
      if (error) throw new Error(`${what} failed: ${error.message}`);
    }
  }
}
