// Runs BGMv2 frame by frame for one node instance: loads the model from the library, reads its
// graph (which ops lack WebGPU kernels, the refiner's patch budget), picks the execution
// provider, creates the session once per model + EP, pads each frame to a size the model takes,
// and turns the outputs into frame-sized pictures. A WebGPU session that fails to create or to
// run is replaced by a WASM one, and the node says so. BGMv2 is stateless: no reset needed.

import { bgmv2Layout, padMultiple, padRgba, type Bgmv2Layout } from './bgmv2-frame-layout.ts';
import { countRefinedPatches, croppedImage, croppedMatte, upsampledMatte } from './bgmv2-maps.ts';
import { bgmv2Refiner, type Bgmv2Refiner } from './bgmv2-refiner.ts';
import { Bgmv2Session } from './bgmv2-session.ts';
import { chooseEp, type Backend, type Ep } from './ep-choice.ts';
import { officialByFile, officialBySha, type Bgmv2Preset } from './manifest.ts';
import type { LoadedModel, ModelLibrary } from './model-library.ts';
import { summarizeOnnxGraph, type OnnxGraphSummary } from './onnx-graph-summary.ts';
import { configuredOrt, type OrtTensor } from './ort-env.ts';
import { firstLine } from './rvm-session.ts';
import { rgbaToSrcTensor, tensorValues } from './rvm-tensors.ts';
import { probeWebGpu } from './webgpu-probe.ts';

export interface Bgmv2Setup {
  model: string;
  backend: Backend;
  preferredEp?: Ep;
}

export interface Bgmv2Frame {
  /** Source and plate, both width x height RGBA8. */
  source: Uint8ClampedArray;
  plate: Uint8ClampedArray;
  width: number;
  height: number;
}

export interface Bgmv2Result {
  pha: Uint8ClampedArray;
  fgr: Uint8ClampedArray;
  err: Uint8ClampedArray;
  ref: Uint8ClampedArray;
  layout: Bgmv2Layout;
  ep: Ep;
  /** Ops that ran on the CPU although the EP is WebGPU. */
  cpuOps: readonly string[];
  ms: number;
  /** err_sm's width over the padded frame's: the backbone scale the model was exported with. */
  backboneScale: number;
  refinedPatches: number;
}

interface Active {
  key: string;
  model: LoadedModel;
  graph: OnnxGraphSummary;
  preset?: Bgmv2Preset;
  refiner: Bgmv2Refiner;
  session: Bgmv2Session;
  note?: string;
  warning?: string;
}

export class Bgmv2Engine {
  private active?: Active;
  private disposed = false;

  constructor(private readonly models: ModelLibrary) {}

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
    let warning = choice.warning;
    if (choice.ep === 'webgpu') {
      try {
        session = await Bgmv2Session.create(model.bytes, 'webgpu', graph);
      } catch (e) {
        warning = `WebGPU failed (${firstLine(e)}): using WASM`;
        session = await Bgmv2Session.create(model.bytes, 'wasm', graph);
      }
    } else {
      session = await Bgmv2Session.create(model.bytes, 'wasm', graph);
    }
    if (this.disposed) {
      session.release();
      return;
    }
    this.active = { key, model, graph, preset, refiner: bgmv2Refiner(graph, preset), session, note: choice.note, warning };
  }

  /** Runs one frame; a WebGPU run failure switches this engine to WASM and retries once. */
  async run(frame: Bgmv2Frame): Promise<Bgmv2Result> {
    const active = this.active;
    if (!active) throw new Error('BGMv2 model is not loaded yet');
    const started = performance.now();
    try {
      return await this.runOn(active, frame, started);
    } catch (e) {
      if (active.session.ep !== 'webgpu') throw e;
      active.session.release();
      active.warning = `WebGPU run failed (${firstLine(e)}): using WASM`;
      active.session = await Bgmv2Session.create(active.model.bytes, 'wasm', active.graph);
      return this.runOn(active, frame, performance.now());
    }
  }

  dispose(): void {
    this.disposed = true;
    this.releaseSession();
  }

  private async runOn(active: Active, frame: Bgmv2Frame, started: number): Promise<Bgmv2Result> {
    const ort = configuredOrt();
    const { precision } = active.model.entry;
    const layout = bgmv2Layout(frame.width, frame.height, {
      multiple: padMultiple(active.preset?.backboneScale),
      samplePixels: active.refiner.samplePixels,
    });
    const { paddedWidth: pw, paddedHeight: ph } = layout;
    const src = rgbaToSrcTensor(ort, padRgba(frame.source, layout), pw, ph, precision);
    const bgr = rgbaToSrcTensor(ort, padRgba(frame.plate, layout), pw, ph, precision);
    let out: Record<string, OrtTensor>;
    try {
      out = await active.session.run(src, bgr);
    } finally {
      src.dispose();
      bgr.dispose();
    }
    try {
      const { pha, fgr, err_sm: errSm, ref_sm: refSm } = out;
      expectDims('pha', pha, [1, 1, ph, pw]);
      expectDims('fgr', fgr, [1, 3, ph, pw]);
      expectDims('ref_sm', refSm, [1, 1, ph / 4, pw / 4]);
      const [, , eh, ew] = errSm.dims;
      const refValues = tensorValues(refSm);
      return {
        pha: croppedMatte(tensorValues(pha), layout),
        fgr: croppedImage(tensorValues(fgr), layout),
        err: upsampledMatte(tensorValues(errSm), ew, eh, layout, 'bilinear'),
        ref: upsampledMatte(refValues, pw / 4, ph / 4, layout, 'nearest'),
        layout,
        ep: active.session.ep,
        cpuOps: active.session.cpuOps,
        ms: performance.now() - started,
        backboneScale: ew / pw,
        refinedPatches: countRefinedPatches(refValues, pw / 4, layout),
      };
    } finally {
      for (const t of Object.values(out)) t.dispose();
    }
  }

  private releaseSession() {
    this.active?.session.release();
    this.active = undefined;
  }
}

function expectDims(name: string, t: OrtTensor, want: number[]) {
  if (t.dims.length !== want.length || t.dims.some((d, i) => d !== want[i])) {
    throw new Error(`model gave "${name}" of shape [${t.dims.join(',')}], expected [${want.join(',')}]`);
  }
}
