// BGMv2's tensors on the GPU, on onnxruntime-web's WebGPU device: shaders write `src` and `bgr`
// from the frame textures into buffers (padded; the plate resized first when its size differs)
// and compare the plate with the source; after the run, pha/fgr/err_sm/ref_sm buffers become the
// node's pictures through more shaders. The only thing read back is 8 bytes: two counts (plate
// cells that match, refined patches), counted with atomics. Every buffer lives for one frame.

import type { GpuContext } from '../gpu/context.ts';
import { Image } from '../gpu/image.ts';
import { createOutputTexture } from '../gpu/output-texture.ts';
import { PassRecorder } from '../gpu/pass-recorder.ts';
import cropTensorWgsl from '../../shaders/tensor-to-image.wgsl?raw';
import inputTensorWgsl from '../../shaders/bgmv2-input-tensor.wgsl?raw';
import plateMatchWgsl from '../../shaders/bgmv2-plate-match.wgsl?raw';
import plateResizeWgsl from '../../shaders/bgmv2-plate-resize.wgsl?raw';
import upsampleMapWgsl from '../../shaders/bgmv2-upsample-map.wgsl?raw';
import type { Bgmv2Layout } from './bgmv2-frame-layout.ts';
import type { Bgmv2FrameIo, Bgmv2Io, Bgmv2Maps } from './bgmv2-io.ts';
import type { Precision } from './model-library.ts';
import type { Ort, OrtTensor } from './ort-env.ts';
import { GRID_WIDTH, MATCH_TOLERANCE } from './plate-match.ts';

/** The grid plate-match.ts averages over: about GRID_WIDTH cells wide, square-ish cells. */
export function plateMatchGrid(width: number, height: number): [number, number] {
  const gw = Math.min(GRID_WIDTH, width);
  return [gw, Math.max(1, Math.min(height, Math.round((height * gw) / width)))];
}

const u32s = (...values: number[]) => new Uint32Array(values).buffer;

export class Bgmv2GpuIo implements Bgmv2Io {
  readonly path = 'gpu-resident';

  constructor(readonly gpu: GpuContext) {}

  async begin(ort: Ort, source: Image, plate: Image, layout: Bgmv2Layout, precision: Precision): Promise<Bgmv2FrameIo> {
    const { gpu } = this;
    const { width, height, paddedWidth: pw, paddedHeight: ph } = layout;
    if (pw % 2) throw new Error(`BGMv2 padded width ${pw} is odd`); // the layout keeps it a multiple of 4
    const half = precision === 'fp16';
    const owned: GPUBuffer[] = [];
    const buffer = (bytes: number, usage: number, label: string) => {
      const b = gpu.device.createBuffer({ label, size: Math.ceil(bytes / 16) * 16, usage });
      owned.push(b);
      return b;
    };
    const release = () => {
      for (const b of owned.splice(0)) b.destroy(); // after submit: queued work keeps what it uses
    };
    try {
      const tensorBytes = 3 * pw * ph * (half ? 2 : 4);
      const tensorUsage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
      const srcBuffer = buffer(tensorBytes, tensorUsage, 'bgmv2 src');
      const bgrBuffer = buffer(tensorBytes, tensorUsage, 'bgmv2 bgr');
      // [matching plate cells, refined patches]
      const counters = buffer(8, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST, 'bgmv2 counters');
      gpu.device.queue.writeBuffer(counters, 0, u32s(0, 0));
      const [gw, gh] = plateMatchGrid(width, height);
      await this.checked('the BGMv2 input shaders', (rec) => {
        const sourceTexture = source.texture(gpu);
        let plateTexture = plate.texture(gpu);
        if (plate.width !== width || plate.height !== height) {
          const resized = rec.texture(width, height, 'rgba8unorm', 'bgmv2 plate resized');
          rec.dispatchOver(this.pipeline('plate-resize', plateResizeWgsl), [plateTexture, resized, rec.uniformBytes(u32s(width, height, 0, 0), 'resize')], width, height);
          plateTexture = resized;
        }
        const input = this.pipeline('input-tensor', inputTensorWgsl);
        const inputParams = rec.uniformBytes(u32s(width, height, pw, ph, half ? 1 : 0, 0, 0, 0), 'input');
        rec.dispatchOver(input, [sourceTexture, srcBuffer, inputParams], pw / 2, ph);
        rec.dispatchOver(input, [plateTexture, bgrBuffer, inputParams], pw / 2, ph);
        const matchParams = new ArrayBuffer(32);
        new Uint32Array(matchParams, 0, 4).set([width, height, gw, gh]);
        new Float32Array(matchParams, 16, 1)[0] = MATCH_TOLERANCE;
        rec.dispatchOver(this.pipeline('plate-match', plateMatchWgsl), [sourceTexture, plateTexture, counters, rec.uniformBytes(matchParams, 'match')], gw, gh);
      });
      const dims = [1, 3, ph, pw];
      const dataType = half ? 'float16' : 'float32';
      return {
        src: ort.Tensor.fromGpuBuffer(srcBuffer, { dataType, dims }),
        bgr: ort.Tensor.fromGpuBuffer(bgrBuffer, { dataType, dims }),
        finish: (out) => this.maps(out, layout, counters, gw * gh),
        release,
      };
    } catch (e) {
      release();
      throw e;
    }
  }

  dispose(): void {} // nothing outlives a frame

  /** The node's four pictures from the output buffers, and the two counts (8 bytes read back). */
  private async maps(out: Record<string, OrtTensor>, l: Bgmv2Layout, counters: GPUBuffer, cells: number): Promise<Bgmv2Maps> {
    const { gpu } = this;
    const { width, height, paddedWidth: pw, paddedHeight: ph } = l;
    const tensors = [out.pha, out.fgr, out.err_sm, out.ref_sm];
    for (const t of tensors) {
      if (t.location !== 'gpu-buffer') throw new Error(`BGMv2 output is on the ${t.location}, not the GPU`);
      if (t.type !== 'float32' && t.type !== 'float16') throw new Error(`BGMv2 output is ${t.type}, not float`);
    }
    const [pha, fgr, errSm, refSm] = tensors;
    const bufferOf = (t: OrtTensor) => t.gpuBuffer as GPUBuffer;
    const isHalf = (t: OrtTensor) => (t.type === 'float16' ? 1 : 0);
    const [, , eh, ew] = errSm.dims;
    const textures = ['pha', 'fgr', 'err', 'ref'].map((name) => createOutputTexture(gpu, width, height, `bgmv2 ${name}`));
    const readback = gpu.device.createBuffer({ label: 'bgmv2 counts', size: 8, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    try {
      await this.checked('the BGMv2 output shaders', (rec) => {
        const crop = this.pipeline('crop-tensor', cropTensorWgsl);
        const upsample = this.pipeline('upsample-map', upsampleMapWgsl);
        const cropParams = (t: OrtTensor, channels: number) => rec.uniformBytes(u32s(width, height, pw, ph, isHalf(t), channels, 0, 0), 'crop');
        rec.dispatchOver(crop, [bufferOf(pha), textures[0], cropParams(pha, 1)], width, height);
        rec.dispatchOver(crop, [bufferOf(fgr), textures[1], cropParams(fgr, 3)], width, height);
        const upParams = (t: OrtTensor, mw: number, mh: number, ref: number) =>
          rec.uniformBytes(u32s(width, height, pw, ph, mw, mh, isHalf(t), ref, ref, 0, 0, 0), 'upsample');
        rec.dispatchOver(upsample, [bufferOf(errSm), textures[2], counters, upParams(errSm, ew, eh, 0)], width, height);
        rec.dispatchOver(upsample, [bufferOf(refSm), textures[3], counters, upParams(refSm, pw / 4, ph / 4, 1)], width, height);
      });
      const enc = gpu.device.createCommandEncoder({ label: 'bgmv2 counts' });
      enc.copyBufferToBuffer(counters, 0, readback, 0, 8);
      gpu.device.queue.submit([enc.finish()]);
      // Waiting for the counts also waits for the frame's GPU work, so ms/frame includes it.
      await readback.mapAsync(GPUMapMode.READ);
      const [matched, refinedPatches] = new Uint32Array(readback.getMappedRange().slice(0));
      readback.unmap();
      const [p, f, e, r] = textures.map((t, i) => Image.fromTexture(t, i === 1 ? 'image' : 'matte'));
      return { pha: p, fgr: f, err: e, ref: r, refinedPatches, plateMatch: matched / cells };
    } catch (err) {
      for (const t of textures) t.destroy();
      throw err;
    } finally {
      readback.destroy();
    }
  }

  private pipeline(name: string, wgsl: string): GPUComputePipeline {
    return this.gpu.computePipeline(`bgmv2-${name}`, wgsl);
  }

  /** Records passes and submits them; WebGPU validation errors become a thrown error. */
  private async checked(what: string, record: (rec: PassRecorder) => void): Promise<void> {
    const { device } = this.gpu;
    const rec = new PassRecorder(this.gpu, what);
    device.pushErrorScope('validation');
    let failure: unknown;
    try {
      record(rec);
      rec.submit();
    } catch (e) {
      failure = e;
      rec.release();
    }
    const error = await device.popErrorScope();
    if (failure) throw failure;
    if (error) throw new Error(`${what} failed: ${error.message}`);
  }
}
