// The models a graph can use: official downloads and imported files listed in
// models/installed.json (written by `npm run models`), plus .onnx files a user dropped.

export type ModelFamily = 'rvm' | 'bgmv2';
export type Precision = 'fp32' | 'fp16';

export interface ModelEntry {
  /** Stable id used by a node's `model` param, e.g. `rvm_mobilenetv3_fp32`. */
  id: string;
  family: ModelFamily;
  label: string;
  precision: Precision;
  /** True when the bytes match an official manifest entry's sha256. */
  official: boolean;
  sha256?: string;
  bytes?: number;
  /** Where the host finds the bytes (URL for installed models, absent for dropped ones). */
  url?: string;
  /** The file name it was installed or dropped from. */
  file?: string;
  /**
   * What is known about this exact build on onnxruntime-web's WebGPU EP (from the manifest's
   * known builds, by sha256): 'verified' ran and matched a reference, 'fails' is known to break
   * there (the node then uses WASM), 'unknown' was never tried.
   */
  webgpu?: WebGpuVerdict;
  /** Chosen by the user (`npm run models -- --prefer FILE`): `auto` takes it first. */
  preferred?: boolean;
}

export type WebGpuVerdict = 'verified' | 'fails' | 'unknown';

export interface LoadedModel {
  entry: ModelEntry;
  bytes: Uint8Array;
}

export interface ModelLibrary {
  list(family: ModelFamily): Promise<ModelEntry[]>;
  /** `auto` picks the best installed model of the family. Rejects with how to get one. */
  load(family: ModelFamily, id: string | 'auto', signal?: AbortSignal): Promise<LoadedModel>;
  /** Validates a user-supplied .onnx against the family's IO signature and adds it. */
  add(family: ModelFamily, file: Blob & { name: string }): Promise<ModelEntry>;
}
