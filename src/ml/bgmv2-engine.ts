// Runs BGMv2 frame by frame for one node instance: loads the model from the library, reads its
// graph (which ops lack WebGPU kernels, the refiner's patch budget), picks the execution
// provider, creates the session once per model + EP, pads each frame to a size the model takes,
// and turns the outputs into frame-sized pictures. On WebGPU with the graph's shaders on
// onnxruntime's device, frames stay on the GPU (Bgmv2GpuIo); otherwise they go through the CPU
// (Bgmv2CpuIo), and the result says which. A WebGPU session that fails to create or to run is
// replaced by a WASM one, and the node says so. BGMv2 is stateless: no reset needed.

import type { GpuContext } from '../gpu/context.ts';
import { Image } from '../gpu/image.ts';
import { Bgmv2CpuIo } from './bgmv2-cpu-io.ts';
import { bgmv2Layout, padMultiple, type Bgmv2Layout } from './bgmv2-frame-layout.ts';
import { Bgmv2GpuIo } from './bgmv2-gpu-io.ts';
import type { Bgmv2Io, Bgmv2Maps } from './bgmv2-io.ts';
import { bgmv2Refiner, type Bgmv2Refiner } from './bgmv2-refiner.ts';
import { Bgmv2Session } from './bgmv2-session.ts';
import { chooseEp, type Backend, type Ep } from './ep-choice.ts';
import { officialByFile, officialBySha, type Bgmv2Preset } from './manifest.ts';
import type { LoadedModel, ModelLibrary } from './model-library.ts';
import { summarizeOnnxGraph, type OnnxGraphSummary } from './onnx-graph-summary.ts';
import { sharedOrtGpu } from './ort-device.ts';
import { configuredOrt, type OrtTensor } from './ort-env.ts';
import { firstLine } from './rvm-session.ts';
import { probeWebGpu } from './webgpu-probe.ts';

export interface Bgmv2Setup {
  model: string;
  backend: Backend;
  preferredEp?: Ep;
}

export interface Bgmv2ImageFrame {
  source: Image;
  /** Any size: resized to the source's when it differs. */
  plate: Image;
}

export interface Bgmv2ImageResult extends Bgmv2Maps {
  layout: Bgmv2Layout;
  ep: Ep;
  /** `gpu-resident`: frames and maps never left the GPU (only two counts were read back). */
  io: Bgmv2Io['path'];
  /** Ops that ran on the CPU although the EP is WebGPU (onnxruntime copies their tensors). */
  cpuOps: readonly string[];
  ms: number;
  /** err_sm's width over the padded frame's: the backbone scale the model was exported with. */
  backboneScale: number;
}

/** Pixels in, pixels out (the benchmark's form). */
export interface Bgmv2Frame {
  /** Source and plate, both width x height RGBA8. */
  source: Uint8ClampedArray;
  plate: Uint8ClampedArray;
  width: number;
  height: number;
}

export interface Bgmv2Result extends Omit<Bgmv2ImageResult, 'pha' | 'fgr' | 'err' | 'ref'> {
  pha: Uint8ClampedArray;
  fgr: Uint8ClampedArray;
  err: Uint8ClampedArray;
  ref: Uint8ClampedArray;
}

interface Active {
  key: string;
  model: LoadedModel;
  graph: OnnxGraphSummary;
  preset?: Bgmv2Preset;
  refiner: Bgmv2Refiner;
  session: Bgmv2Session;
  io: Bgmv2Io;
  note?: string;
  /** Why frames go through the CPU on WebGPU. */
  ioNote?: string;
  warning?: string;
}

export class Bgmv2Engine {
  private active?: Active;
  private disposed = false;

  /** `gpu`: the graph's GPU context, needed for GPU-resident frames and GPU-only inputs. */
  constructor(
    private readonly models: ModelLibrary,
    private readonly gpu?: () => Promise<GpuContext>,
  ) {}

  get model() {
    return this.active?.model.entry;
  }
  get refiner() {
    return this.active?.refiner;
  }
  /** The manifest preset when the file is an official export (by hash, else by file name). */
  get preset() {
    return this.active?.preset;
  }
  get note() {
    return this.active?.note;
  }
  get ioNote() {
    return this.active?.ioNote;
  }
  get warning() {
    return this.active?.warning;
  }

  async prepare(setup: Bgmv2Setup, signal?: AbortSignal): Promise<void> {
    const key = `${setup.model}|${setup.backend}|${setup.preferredEp ?? ''}`;
    if (this.active?.key === key) return;
    this.releaseSession();
    const model = await this.models.load('bgmv2', setup.model, signal);
    signal?.throwIfAborted();
    const graph = summarizeOnnxGraph(model.bytes);
    const { entry } = model;
    const official = (entry.sha256 && officialBySha(entry.sha256)) || (entry.file ? officialByFile(entry.file, 'bgmv2') : undefined);
    const preset = official?.preset;
    const choice = await chooseEp({
      backend: setup.backend,
      preferredEp: setup.preferredEp,
      precision: entry.precision,
      webgpu: entry.webgpu,
      probe: probeWebGpu,
    });
    let session: Bgmv2Session;
    let io: Bgmv2Io = new Bgmv2CpuIo(this.gpu);
    let ioNote: string | undefined;
    let warning = choice.warning;
    if (choice.ep === 'webgpu') {
      const shared = await sharedOrtGpu(this.gpu);
      try {
        session = await Bgmv2Session.create(model.bytes, 'webgpu', graph, Boolean(shared.gpu));
        if (shared.gpu) io = new Bgmv2GpuIo(shared.gpu);
        ioNote = shared.reason;
      } catch (e) {
        warning = `WebGPU failed (${firstLine(e)}): using WASM`;
        session = await Bgmv2Session.create(model.bytes, 'wasm', graph);
      }
    } else {
      session = await Bgmv2Session.create(model.bytes, 'wasm', graph);
    }
    if (this.disposed) {
      session.release();
      io.dispose();
      return;
    }
    const refiner = bgmv2Refiner(graph, preset);
    this.active = { key, model, graph, preset, refiner, session, io, note: choice.note, ioNote, warning };
  }

  /** Runs one frame; a WebGPU failure switches this engine to WASM (CPU IO) and retries once. */
  async runImages(frame: Bgmv2ImageFrame): Promise<Bgmv2ImageResult> {
    const active = this.active;
    if (!active) throw new Error('BGMv2 model is not loaded yet');
    try {
      return await this.runOn(active, frame, performance.now());
    } catch (e) {
      if (active.session.ep !== 'webgpu') throw e;
      active.session.release();
      active.io.dispose();
      active.warning = `WebGPU run failed (${firstLine(e)}): using WASM`;
      active.io = new Bgmv2CpuIo(this.gpu);
      active.ioNote = undefined;
      active.session = await Bgmv2Session.create(active.model.bytes, 'wasm', active.graph);
      return this.runOn(active, frame, performance.now());
    }
  }

  /** Pixels in, pixels out (read back when the maps are on the GPU). */
  async run(frame: Bgmv2Frame): Promise<Bgmv2Result> {
    const source = Image.fromPixels(frame.width, frame.height, 'image', frame.source);
    const plate = Image.fromPixels(frame.width, frame.height, 'image', frame.plate);
    try {
      const r = await this.runImages({ source, plate });
      const pictures = [r.pha, r.fgr, r.err, r.ref];
      try {
        const gpu = r.io === 'gpu-resident' && this.gpu ? await this.gpu() : undefined;
        const [pha, fgr, err, ref] = await Promise.all(pictures.map((p) => p.pixels(gpu)));
        return { ...r, pha, fgr, err, ref };
      } finally {
        for (const p of pictures) p.dispose();
      }
    } finally {
      source.dispose();
      plate.dispose();
    }
  }

  dispose(): void {
    this.disposed = true;
    this.releaseSession();
  }

  private async runOn(active: Active, frame: Bgmv2ImageFrame, started: number): Promise<Bgmv2ImageResult> {
    const ort = configuredOrt();
    const { width, height } = frame.source;
    const layout = bgmv2Layout(width, height, {
      multiple: padMultiple(active.preset?.backboneScale),
      samplePixels: active.refiner.samplePixels,
    });
    const { paddedWidth: pw, paddedHeight: ph } = layout;
    const io = await active.io.begin(ort, frame.source, frame.plate, layout, active.model.entry.precision);
    try {
      let out: Record<string, OrtTensor>;
      try {
        out = await active.session.run(io.src, io.bgr);
      } finally {
        io.src.dispose();
        io.bgr.dispose();
      }
      try {
        expectDims('pha', out.pha, [1, 1, ph, pw]);
        expectDims('fgr', out.fgr, [1, 3, ph, pw]);
        expectDims('ref_sm', out.ref_sm, [1, 1, ph / 4, pw / 4]);
        const maps = await io.finish(out);
        return {
          ...maps,
          layout,
          ep: active.session.ep,
          io: active.io.path,
          cpuOps: active.session.cpuOps,
          ms: performance.now() - started,
          backboneScale: out.err_sm.dims[3] / pw,
        };
      } finally {
        for (const t of Object.values(out)) t.dispose();
      }
    } finally {
      io.release();
    }
  }

  private releaseSession() {
    this.active?.session.release();
    this.active?.io.dispose();
    this.active = undefined;
  }
}

function expectDims(name: string, t: OrtTensor, want: number[]) {
  if (t.dims.length !== want.length || t.dims.some((d, i) => d !== want[i])) {
    throw new Error(`model gave "${name}" of shape [${t.dims.join(',')}], expected [${want.join(',')}]`);
  }
}
