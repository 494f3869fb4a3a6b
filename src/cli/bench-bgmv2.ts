// BGMv2 for the bench: which model to time (an export installed in the models folder, else the
// signature-compatible test model the test suite builds with test/bgmv2/build_test_model.py, which
// needs python3 with the onnx package), and its native reference on onnxruntime-node, padded to
// the same size the browser engine pads to.

import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import * as ort from 'onnxruntime-node';
import { bgmv2Layout, padMultiple, padRgba, type Bgmv2Layout } from '../ml/bgmv2-frame-layout.ts';
import { bgmv2Refiner } from '../ml/bgmv2-refiner.ts';
import { parseInstalledIndex } from '../ml/installed-index.ts';
import { officialByFile, officialBySha } from '../ml/manifest.ts';
import type { ModelEntry } from '../ml/model-library.ts';
import { summarizeOnnxGraph } from '../ml/onnx-graph-summary.ts';
import { pickAutoModel } from '../ml/pick-model.ts';
import { mean, median } from './bench-stats.ts';
import { projectRoot } from './project-paths.ts';

const run = promisify(execFile);

export const TEST_MODEL_SCRIPT = join(projectRoot, 'test/bgmv2/build_test_model.py');
/** Debian's python3-onnx is installed for the system Python, not for pyenv's shims. */
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

export type Bgmv2Model =
  | { ok: true; entry: ModelEntry; path: string; source: 'installed' | 'test-model'; label: string }
  | { ok: false; reason: string };

/** An installed BGMv2 export (`id`, or `auto`), or undefined when none is installed. */
export function installedBgmv2(modelsDir: string, id: string): Bgmv2Model | undefined {
  const index = join(modelsDir, 'installed.json');
  if (!existsSync(index)) return undefined;
  let entries: ModelEntry[];
  try {
    entries = parseInstalledIndex(JSON.parse(readFileSync(index, 'utf8'))).filter((e) => e.family === 'bgmv2');
  } catch (e) {
    return { ok: false, reason: `${index}: ${(e as Error).message}` };
  }
  const entry = id === 'auto' ? pickAutoModel(entries) : entries.find((e) => e.id === id);
  if (!entry) return id === 'auto' ? undefined : { ok: false, reason: `no installed BGMv2 model "${id}"` };
  const path = entry.url?.startsWith('/models/') ? join(modelsDir, entry.url.slice('/models/'.length)) : '';
  if (!path || !existsSync(path)) return { ok: false, reason: `the file of BGMv2 model "${entry.id}" is missing: run \`npm run models\` again` };
  return { ok: true, entry, path, source: 'installed', label: `${entry.id} (${entry.official ? 'official' : 'custom'} export)` };
}

/** Builds the test model into `dir` (K = 64 patches, backbone scale 1/4), or says why it cannot. */
export async function buildTestModel(dir: string): Promise<Bgmv2Model> {
  if (!existsSync(TEST_MODEL_SCRIPT)) return { ok: false, reason: `${TEST_MODEL_SCRIPT} is missing` };
  const path = join(dir, 'bgmv2_test.onnx');
  try {
    await run(PYTHON, [TEST_MODEL_SCRIPT, path, '--k', '64', '--scale-div', '4']);
  } catch (e) {
    const text = `${(e as { stderr?: string }).stderr ?? ''}${(e as Error).message}`;
    const why = /No module named .?onnx/.test(text) ? 'python3-onnx is not installed' : text.trim().split('\n').pop();
    return { ok: false, reason: `cannot build the BGMv2 test model (${why})` };
  }
  const entry: ModelEntry = {
    id: 'bgmv2_test', family: 'bgmv2', label: 'BGMv2 test model', precision: 'fp32', official: false,
    file: 'bgmv2_test.onnx', webgpu: 'unknown',
  };
  return { ok: true, entry, path, source: 'test-model', label: 'test model (official IO signature and refiner ops, no weights)' };
}

/** The size the engine pads frames to for this model (same rule as Bgmv2Engine). */
export function bgmv2LayoutFor(path: string, width: number, height: number): Bgmv2Layout {
  const bytes = readFileSync(path);
  const sha = createHash('sha256').update(bytes).digest('hex');
  const preset = (officialBySha(sha) ?? officialByFile(basename(path), 'bgmv2'))?.preset;
  const refiner = bgmv2Refiner(summarizeOnnxGraph(new Uint8Array(bytes)), preset);
  return bgmv2Layout(width, height, { multiple: padMultiple(preset?.backboneScale), samplePixels: refiner.samplePixels });
}

function planarTensor(rgba: Uint8ClampedArray, width: number, height: number): ort.Tensor {
  const plane = width * height;
  const data = new Float32Array(3 * plane);
  for (let i = 0; i < plane; i++) {
    data[i] = rgba[4 * i] / 255;
    data[plane + i] = rgba[4 * i + 1] / 255;
    data[2 * plane + i] = rgba[4 * i + 2] / 255;
  }
  return new ort.Tensor('float32', data, [1, 3, height, width]);
}

/** ms/frame on onnxruntime-node (CPU): tensors made from the padded RGBA, then the run. */
export async function nativeBgmv2(path: string, frames: Uint8Array[], plate: Uint8Array, width: number, height: number, warmup: number) {
  const layout = bgmv2LayoutFor(path, width, height);
  const { paddedWidth: pw, paddedHeight: ph } = layout;
  const session = await ort.InferenceSession.create(path);
  try {
    const bgrPixels = padRgba(new Uint8ClampedArray(plate), layout);
    const once = async (frame: Uint8Array) => {
      const started = performance.now();
      const src = planarTensor(padRgba(new Uint8ClampedArray(frame), layout), pw, ph);
      const bgr = planarTensor(bgrPixels, pw, ph);
      await session.run({ src, bgr });
      return performance.now() - started;
    };
    const warmupMs: number[] = [];
    for (let i = 0; i < warmup; i++) warmupMs.push(await once(frames[i % frames.length]));
    const ms: number[] = [];
    for (const f of frames) ms.push(await once(f));
    return { frames: frames.length, msPerFrame: mean(ms), medianMs: median(ms), warmupMs, padded: { width: pw, height: ph } };
  } finally {
    await session.release();
  }
}
