// Runs RVM frame by frame for one node instance: loads the model from the library, picks the
// execution provider, creates the session once per model + EP, keeps the recurrent state, and
// falls back to WASM (saying so) when a WebGPU session fails to create or to run.

import { chooseEp, type Backend, type Ep } from './ep-choice.ts';
import type { LoadedModel, ModelLibrary } from './model-library.ts';
import { configuredOrt, type OrtTensor } from './ort-env.ts';
import { RvmRecurrentState } from './rvm-recurrent-state.ts';
import { firstLine, RvmSession } from './rvm-session.ts';
import { fgrToRgba, phaToMatteRgba, rgbaToSrcTensor, tensorValues } from './rvm-tensors.ts';
import { probeWebGpu } from './webgpu-probe.ts';

export interface RvmSetup {
  model: string;
  backend: Backend;
  preferredEp?: Ep;
}

export interface RvmFrame {
  rgba: Uint8ClampedArray;
  width: number;
  height: number;
  ratio: number;
  /** False after a jump: the recurrent state starts over. */
  sequential: boolean;
}

export interface RvmResult {
  pha: Uint8ClampedArray;
  fgr: Uint8ClampedArray;
  ep: Ep;
  ms: number;
  /** True when this frame started from zero state. */
  fresh: boolean;
}

interface Active {
  key: string;
  model: LoadedModel;
  session: RvmSession;
  /** Why this EP (e.g. software adapter), for the node's facts. */
  note?: string;
  /** Something the user asked for did not happen (WebGPU fell back to WASM). */
  warning?: string;
}

export class RvmEngine {
  private active?: Active;
  private readonly state = new RvmRecurrentState();
  private disposed = false;

  constructor(private readonly models: ModelLibrary) {}

  get model(): LoadedModel['entry'] | undefined {
    return this.active?.model.entry;
  }
  get note() {
    return this.active?.note;
  }
  get warning() {
    return this.active?.warning;
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
    let warning = choice.warning;
    if (choice.ep === 'webgpu') {
      try {
        session = await RvmSession.create(model.bytes, 'webgpu');
      } catch (e) {
        warning = `WebGPU failed (${firstLine(e)}): using WASM`;
        session = await RvmSession.create(model.bytes, 'wasm');
      }
    } else {
      session = await RvmSession.create(model.bytes, 'wasm');
    }
    if (this.disposed) {
      session.release();
      return;
    }
    this.active = { key, model, session, note: choice.note, warning };
  }

  /** Runs one frame; a WebGPU run failure switches this engine to WASM and retries once. */
  async run(frame: RvmFrame): Promise<RvmResult> {
    const active = this.active;
    if (!active) throw new Error('RVM model is not loaded yet');
    const started = performance.now();
    try {
      return await this.runOn(active, frame, started);
    } catch (e) {
      this.state.reset();
      if (active.session.ep !== 'webgpu') throw e;
      active.session.release();
      active.warning = `WebGPU run failed (${firstLine(e)}): using WASM`;
      active.session = await RvmSession.create(active.model.bytes, 'wasm');
      return this.runOn(active, { ...frame, sequential: false }, performance.now());
    }
  }

  reset(): void {
    this.state.reset();
  }

  dispose(): void {
    this.disposed = true;
    this.releaseSession();
  }

  private async runOn(active: Active, frame: RvmFrame, started: number): Promise<RvmResult> {
    const ort = configuredOrt();
    const { precision } = active.model.entry;
    const stateKey = `${frame.width}x${frame.height}@${frame.ratio}|${active.session.ep}`;
    const { feeds, fresh } = this.state.feeds(ort, precision, stateKey, frame.sequential);
    const src = rgbaToSrcTensor(ort, frame.rgba, frame.width, frame.height, precision);
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
    try {
      if (!pha || !fgr) throw new Error('model gave no "pha"/"fgr" output');
      return {
        pha: phaToMatteRgba(tensorValues(pha), frame.width, frame.height),
        fgr: fgrToRgba(tensorValues(fgr), frame.width, frame.height),
        ep: active.session.ep,
        ms: performance.now() - started,
        fresh,
      };
    } finally {
      pha?.dispose();
      fgr?.dispose();
    }
  }

  private releaseSession() {
    this.state.reset();
    this.active?.session.release();
    this.active = undefined;
  }
}
