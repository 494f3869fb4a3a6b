// The model manifest (models/manifest.json): official release files, known non-official builds,
// and each family's IO signatures. Plain data + types, usable in Node (CLI) and the browser.

import manifestJson from '../../models/manifest.json';
import type { ModelFamily, Precision, WebGpuVerdict } from './model-library.ts';

export interface IoSpec {
  name: string;
  /** onnxruntime tensor type name: 'float32', 'float16', 'int64', ... */
  dtype: string;
  /** Number of dimensions; -1 when the model does not declare a shape. */
  rank: number;
}

export interface IoSignature {
  inputs: IoSpec[];
  outputs: IoSpec[];
}

export interface FamilySpec {
  label: string;
  /** Short name for labels and messages: "RVM", "BGMv2". */
  short: string;
  about: string;
  /** One accepted signature per precision; a model must match one of them exactly. */
  signatures: Partial<Record<Precision, IoSignature>>;
}

export interface OfficialModel {
  id: string;
  family: ModelFamily;
  label: string;
  file: string;
  /** Null where no download address is known (the BGMv2 exports): import or drop the file. */
  url: string | null;
  /** Null where no trustworthy size is known: such files are verified by sha256 alone. */
  bytes: number | null;
  /** Null where no hash is known: such a file cannot be recognised by its bytes. */
  sha256: string | null;
  precision: Precision;
  /** Key into the family's `signatures`. */
  signature: Precision;
  licence: string;
  /** Fetched by a plain `npm run models`. */
  download: boolean;
  /** How a BGMv2 export was made (fixed at export time). */
  preset?: Bgmv2Preset;
}

/** The refiner settings of a BGMv2 export (export_onnx.py arguments). */
export interface Bgmv2Preset {
  /** Scale of the base network's input, e.g. 0.25 (HD) or 0.125 (4K). */
  backboneScale: number;
  refineMode: 'sampling' | 'thresholding' | 'full';
  /** Pixels refined per frame in sampling mode (sample_pixels / 16 patches of 4x4). */
  samplePixels?: number;
  /** Error above which a patch is refined in thresholding mode. */
  threshold?: number;
}

/** A non-official build recognised by its bytes, with what is known about it on WebGPU. */
export interface KnownBuild {
  file: string;
  sha256: string;
  bytes: number;
  webgpu: WebGpuVerdict;
  evidence: string;
}

export interface ModelManifest {
  format: 'mattegraph-models';
  version: number;
  families: Record<ModelFamily, FamilySpec>;
  official: OfficialModel[];
  knownBuilds: KnownBuild[];
}

export const manifest = manifestJson as unknown as ModelManifest;

export const familySpec = (family: ModelFamily, m: ModelManifest = manifest): FamilySpec => {
  const spec = m.families[family];
  if (!spec) throw new Error(`unknown model family "${family}"`);
  return spec;
};

export const officialBySha = (sha256: string, m: ModelManifest = manifest): OfficialModel | undefined =>
  m.official.find((o) => o.sha256 !== null && o.sha256 === sha256.toLowerCase());

/** The official entry whose file has this name (for files that have no known hash). */
export const officialByFile = (fileName: string, family: ModelFamily, m: ModelManifest = manifest): OfficialModel | undefined => {
  const base = fileName.replace(/^.*[\\/]/, '');
  return m.official.find((o) => o.family === family && o.file === base);
};

export const knownBuildBySha = (sha256: string, m: ModelManifest = manifest): KnownBuild | undefined =>
  m.knownBuilds.find((b) => b.sha256 === sha256.toLowerCase());

/** Id of a non-official model, from its file name; never the id of an official file. */
export function customModelId(fileName: string, m: ModelManifest = manifest): string {
  const id = fileName.replace(/^.*[\\/]/, '').replace(/\.onnx$/i, '').toLowerCase().replace(/[^a-z0-9_-]+/g, '_');
  return m.official.some((o) => o.id === id) ? `${id}_custom` : id;
}
