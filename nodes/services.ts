// What node instances may ask of their host (the editor, the headless page or a test page).
// Each host builds one of these; nodes never reach for globals.

import type { GpuContext } from '../src/gpu/context.ts';
import type { ModelLibrary } from '../src/ml/model-library.ts';

export interface NodeServices {
  /** The shared WebGPU context for shader nodes; rejects with a plain reason when unavailable. */
  gpu(): Promise<GpuContext>;
  /**
   * Opens what a `file` param names: a file the user picked or dropped (by name), or a
   * path/URL the host can fetch. Rejects with a message naming the file when it cannot.
   */
  openMedia(ref: string, signal?: AbortSignal): Promise<Blob>;
  /** Installed, imported and user-dropped models. */
  models: ModelLibrary;
  /**
   * Preferred execution provider for model nodes when their own param says `auto`
   * (the CLI can force one). Undefined: decide from the browser.
   */
  preferredEp?: 'webgpu' | 'wasm';
}
