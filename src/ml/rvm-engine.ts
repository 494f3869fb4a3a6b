// Runs RVM frame by frame for one node instance: loads the model from the library, picks the
// execution provider, creates the session once per model + EP, keeps the recurrent state, and
// falls back to WASM (saying so) when a WebGPU session fails to create or to run. On WebGPU with
// the graph's shaders on onnxruntime's device, frames stay on the GPU (RvmGpuIo): the input
// tensor is written from the frame texture, the state is fed back as GPU buffers, and pha/fgr
// become textures; otherwise they go through the CPU (RvmCpuIo), and the node says so.

import type { GpuContext } from '../gpu/context.ts';
import { Image } from '../gpu/image.ts';
import { chooseEp, type Backend, type Ep } from './ep-choice.ts';
import type { LoadedModel, ModelLibrary } from './model-library.ts';
import { sharedOrtGpu } from './ort-device.ts';
import { configuredOrt, type OrtTensor } from './ort-env.ts';
import { RvmCpuIo, type RvmIo } from './rvm-cpu-io.ts';
import { RvmGpuIo } from './rvm-gpu-io.ts';
import { RvmRecurrentState } from './rvm-recurrent-state.ts';
import { firstLine, RvmSession } from './rvm-session.ts';
import { probeWebGpu } from './webgpu-probe.ts';

export interface RvmSetup {
  model: string;
  backend: Backend;
  preferredEp?: Ep;
}

export interface RvmImageFrame {
  image: Image;
  ratio: number;
  /** False after a jump: the recurrent state starts over. */
  sequential: boolean;
  /** False for a pre-roll frame: only the recurrent state moves on, no pha/fgr are made. */
  wantOutputs: boolean;
}

export interface RvmImageResult {
  /** Owned by the caller (absent when outputs were not wanted). */
  pha?: Image;
  fgr?: Image;
  ep: Ep;
  /** `gpu`: the frame, the state and the results never left the GPU. */
  io: RvmIo['path'];
  ms: number;
  /** True when this frame started from zero state. */
  fresh: boolean;
}

/** Pixels in, pixels out (the benchmark's form): always through the CPU. */
export interface RvmFrame {
  rgba: Uint8ClampedArray;
  width: number;
  height: number;
  ratio: number;
  sequential: boolean;
}

export interface RvmResult {
  pha: Uint8ClampedArray;
  fgr: Uint8ClampedArray;
  ep: Ep;
  ms: number;
  fresh: boolean;
}

interface Active {
  key: string;
  model: LoadedModel;
  session: RvmSession;
  io: RvmIo;
  /** Why this EP (e.g. software adapter), for the node's facts. */
  note?: string;
  /** Why frames go through the CPU on WebGPU. */
  ioNote?: string;
  /** Something the user asked for did not happen (WebGPU fell back to WASM). */
  warning?: string;
}

export class RvmEngine {
  private active?: Active;
  private readonly state = new RvmRecurrentState();
  private disposed = false;

  /** `gpu`: the graph's GPU context, needed for GPU-resident frames and GPU-only inputs. */
  constructor(
    private readonly models: ModelLibrary,
    private readonly gpu?: () => Promise<GpuContext>,
  ) {}

  get model(): LoadedModel['entry'] | undefined {
    return this.active?.model.entry;
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
  /** The active session (its EP, its Min/Max rewrites and CPU ops), for the node's facts. */
  get session(): RvmSession | undefined {
    return this.active?.session;
  }

  /** Loads the model and creates its session unless the same setup is already active. */
  async prepare(setup: RvmSetup, signal?: AbortSignal): Promise<void> {
    const key = `${setup.model}|${setup.backend}|${setup.preferredEp ?? ''}`;
    if (this.active?.key === key) return;
    this.releaseSession();
    const model = await this.models.load('rvm', setup.model, signal);
    signal?.throwIfAborted();
    const choice = await chooseEp({
      backend: setup.backend,
      preferredEp: setup.preferredEp,
      precision: model.entry.precision,
      webgpu: model.entry.webgpu,
      probe: probeWebGpu,
    });
    let session: RvmSession;
    let io: RvmIo = new RvmCpuIo(this.gpu);
    let ioNote: string | undefined;
    let warning = choice.warning;
    if (choice.ep === 'webgpu') {
      const shared = await sharedOrtGpu(this.gpu);
      try {
        session = await RvmSession.create(model.bytes, 'webgpu', Boolean(shared.gpu));
        if (shared.gpu) io = new RvmGpuIo(shared.gpu);
        ioNote = shared.reason;
      } catch (e) {
        warning = `WebGPU failed (${firstLine(e)}): using WASM`;
        session = await RvmSession.create(model.bytes, 'wasm');
      }
    } else {
      session = await RvmSession.create(model.bytes, 'wasm');
    }
    if (this.disposed) {
      session.release();
      io.dispose();
      return;
    }
    this.active = { key, model, session, io, note: choice.note, ioNote, warning };
  }

  /** Runs one frame; a WebGPU failure switches this engine to WASM and retries once. */
  async runImage(frame: RvmImageFrame): Promise<RvmImageResult> {
    const active = this.active;
    if (!active) throw new Error('RVM model is not loaded yet');
    try {
      return await this.runOn(active, frame, performance.now());
    } catch (e) {
      this.state.reset();
      if (active.session.ep !== 'webgpu') throw e;
      active.session.release();
      active.io.dispose();
      active.warning = `WebGPU run failed (${firstLine(e)}): using WASM`;
      active.io = new RvmCpuIo(this.gpu);
      active.ioNote = undefined;
      active.session = await RvmSession.create(active.model.bytes, 'wasm');
      return this.runOn(active, { ...frame, sequential: false }, performance.now());
    }
  }

  /** Pixels in, pixels out (read back when the results are on the GPU). */
  async run(frame: RvmFrame): Promise<RvmResult> {
    const image = Image.fromPixels(frame.width, frame.height, 'image', frame.rgba);
    try {
      const r = await this.runImage({ image, ratio: frame.ratio, sequential: frame.sequential, wantOutputs: true });
      try {
        const gpu = r.io === 'gpu' && this.gpu ? await this.gpu() : undefined;
        return { pha: await r.pha!.pixels(gpu), fgr: await r.fgr!.pixels(gpu), ep: r.ep, ms: r.ms, fresh: r.fresh };
      } finally {
        r.pha?.dispose();
        r.fgr?.dispose();
      }
    } finally {
      image.dispose();
    }
  }

  reset(): void {
    this.state.reset();
  }

  dispose(): void {
    this.disposed = true;
    this.releaseSession();
  }

  private async runOn(active: Active, frame: RvmImageFrame, started: number): Promise<RvmImageResult> {
    const ort = configuredOrt();
    const { precision } = active.model.entry;
    const { image } = frame;
    const stateKey = `${image.width}x${image.height}@${frame.ratio}|${active.session.ep}`;
    const { feeds, fresh } = this.state.feeds(ort, precision, stateKey, frame.sequential);
    const src = await active.io.srcTensor(ort, image, precision);
    const ratio = new ort.Tensor('float32', new Float32Array([frame.ratio]), [1]);
    let outputs: Record<string, OrtTensor>;
    try {
      outputs = await active.session.run({ ...feeds, src, downsample_ratio: ratio });
    } finally {
      src.dispose();
      ratio.dispose();
    }
    try {
      this.state.advance(outputs); // takes r1o..r4o, releases the state they replace
    } catch (e) {
      for (const t of Object.values(outputs)) t.dispose();
      throw e;
    }
    const { pha, fgr } = outputs;
    const made: Image[] = [];
    try {
      if (!pha || !fgr) throw new Error('model gave no "pha"/"fgr" output');
      if (frame.wantOutputs) {
        made.push(await active.io.toImage(pha, 'matte'));
        made.push(await active.io.toImage(fgr, 'image'));
      }
      // ms/frame is the GPU's work, not just its submission; waiting also keeps the queue short.
      if (active.io instanceof RvmGpuIo) await active.io.gpu.device.queue.onSubmittedWorkDone();
    } catch (e) {
      for (const m of made) m.dispose();
      throw e;
    } finally {
      pha?.dispose();
      fgr?.dispose();
    }
    return { pha: made[0], fgr: made[1], ep: active.session.ep, io: active.io.path, ms: performance.now() - started, fresh };
  }

  private releaseSession() {
    this.state.reset();
    this.active?.session.release();
    this.active?.io.dispose();
    this.active = undefined;
  }
}
