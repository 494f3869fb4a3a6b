// Command-line arguments of `npm run bench -- CLIP.mp4` and `npm run bench -- --only key`.

import { CliError, EXIT_USAGE } from './cli-error.ts';

export const BENCH_PARTS = ['rvm', 'bgmv2', 'pipeline', 'key'] as const;
export type BenchPart = (typeof BENCH_PARTS)[number];

export interface BenchOptions {
  /** Needed unless only the key part runs. */
  clip?: string;
  parts: Set<BenchPart>;
  frames: number;
  size?: { width: number; height: number };
  model: string;
  bgmv2Model: string;
  ratio?: number;
  warmup: number;
  webgpu: boolean;
  /** WebGPU frame size; absent: small on a software adapter, else the bench size. */
  webgpuSize?: { width: number; height: number };
  /** Frames timed on WebGPU; absent: 2 on a software adapter, else --frames. */
  webgpuFrames?: number;
  groundTruth?: string;
  modelsDir?: string;
  build: boolean;
  verbose: boolean;
}

export const benchUsage = `usage: npm run bench -- CLIP.mp4 [options]     everything below, on the clip's frames
       npm run bench -- --key [options]          only the Color Key accuracy (no clip needed)
Parts: rvm (RVM ms/frame: onnxruntime-node native, then onnxruntime-web WASM, WebGPU with frames
through the CPU, WebGPU GPU-resident), bgmv2 (the same per EP for BGMv2: an installed export,
else the test model built by test/bgmv2/build_test_model.py), pipeline (examples/rvm-green.json
frames per second), key (Color Key mean alpha error on synthetic green-screen frames with known
alpha, next to ffmpeg colorkey/chromakey at their best settings). Browser times are also given
as a ratio to the native time measured in the same run at the same size.
  --only PARTS       comma-separated parts to run (default: all): rvm,bgmv2,pipeline,key
  --key              same as --only key
  --no-pipeline, --no-bgmv2, --no-key, --no-rvm    leave that part out
  --frames N         frames to time (default 20, from the start of the clip)
  --size WxH         scale the frames first (default: the clip's size)
  --model ID         installed RVM model (default auto, as the RVM node picks)
  --bgmv2-model ID   installed BGMv2 model (default auto; none installed: the test model)
  --ratio R          RVM downsample ratio (default: the RVM node's auto rule)
  --warmup N         untimed runs before timing (default 5)
  --no-webgpu        skip the WebGPU EP
  --webgpu-size WxH  WebGPU frame size (default: long side 256 on a software adapter such as
                     SwiftShader, which is ~100x slower than a GPU; else the bench size)
  --webgpu-frames N  frames timed on WebGPU (default: 2 on a software adapter, else --frames)
  --ground-truth DIR ground-truth alpha crops for the key part (default
                     ../shared/media/ground_truth_alpha/adobe_dim_crops_via_foamliu, or under
                     $MATTEGRAPH_SHARED); missing: the key part is skipped, saying why
  --models DIR       models folder (default models/, or $MATTEGRAPH_MODELS_DIR)
  --no-build         use dist/ as it is (build only when missing)
  --verbose          page console on stderr`;

const usage = (message: string) => new CliError(`${message} (see --help)`, EXIT_USAGE);
const valued = new Set(['--frames', '--size', '--model', '--bgmv2-model', '--ratio', '--warmup', '--models', '--only',
  '--webgpu-size', '--webgpu-frames', '--ground-truth']);

function positiveInt(name: string, text: string, min: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw usage(`${name} expects a whole number >= ${min}, got "${text}"`);
  return n;
}

function frameSize(name: string, value: string) {
  const m = /^(\d+)x(\d+)$/.exec(value);
  if (!m || Number(m[1]) < 16 || Number(m[2]) < 16 || Number(m[1]) % 2 || Number(m[2]) % 2) {
    throw usage(`${name} expects even WIDTHxHEIGHT like 640x360, got "${value}"`);
  }
  return { width: Number(m[1]), height: Number(m[2]) };
}

function partsList(value: string): Set<BenchPart> {
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = names.filter((n) => !(BENCH_PARTS as readonly string[]).includes(n));
  if (bad.length || !names.length) throw usage(`--only expects parts among ${BENCH_PARTS.join(', ')}, got "${value}"`);
  return new Set(names as BenchPart[]);
}

/** True when a part that times the clip is selected. */
export const needsClip = (parts: ReadonlySet<BenchPart>) => parts.has('rvm') || parts.has('bgmv2') || parts.has('pipeline');

/** Returns the options, or undefined when help was asked for. */
export function parseBenchArgs(args: readonly string[], env: NodeJS.ProcessEnv = process.env): BenchOptions | undefined {
  const positional: string[] = [];
  let only: Set<BenchPart> | undefined;
  const left = new Set<BenchPart>();
  const o: Omit<BenchOptions, 'clip' | 'parts'> = { frames: 20, model: 'auto', bgmv2Model: 'auto', warmup: 5, webgpu: true, build: true, verbose: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--help' || arg === '-h') return undefined;
    if (arg === '--') continue;
    if (!arg.startsWith('--')) { positional.push(arg); continue; }
    if (arg === '--no-webgpu') { o.webgpu = false; continue; }
    if (arg === '--no-build') { o.build = false; continue; }
    if (arg === '--verbose') { o.verbose = true; continue; }
    if (arg === '--key') { only = new Set([...(only ?? []), 'key']); continue; }
    const leave = /^--no-(rvm|bgmv2|pipeline|key)$/.exec(arg);
    if (leave) { left.add(leave[1] as BenchPart); continue; }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (!valued.has(name)) throw usage(`unknown option ${name}`);
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined) throw usage(`${name} needs a value`);
    switch (name) {
      case '--frames': o.frames = positiveInt(name, value, 1); break;
      case '--warmup': o.warmup = positiveInt(name, value, 0); break;
      case '--webgpu-frames': o.webgpuFrames = positiveInt(name, value, 1); break;
      case '--model': o.model = value; break;
      case '--bgmv2-model': o.bgmv2Model = value; break;
      case '--models': o.modelsDir = value; break;
      case '--ground-truth': o.groundTruth = value; break;
      case '--only': only = new Set([...(only ?? []), ...partsList(value)]); break;
      case '--size': o.size = frameSize(name, value); break;
      case '--webgpu-size': o.webgpuSize = frameSize(name, value); break;
      case '--ratio': {
        const r = Number(value);
        if (!(r >= 0.05 && r <= 1)) throw usage(`--ratio expects a number between 0.05 and 1, got "${value}"`);
        o.ratio = r;
        break;
      }
    }
  }
  const parts = new Set([...(only ?? BENCH_PARTS)].filter((p) => !left.has(p)));
  if (!parts.size) throw usage('every part is left out: nothing to run');
  if (positional.length > 1) throw usage(`one clip expected, got ${positional.join(', ')}`);
  if (needsClip(parts) && positional.length === 0) throw usage(`no clip given (the ${[...parts].filter((p) => p !== 'key').join(', ')} part needs one; --key runs the Color Key part alone)`);
  if (!needsClip(parts) && positional.length) throw usage(`only the key part runs, which takes no clip (got ${positional[0]})`);
  return { clip: positional[0], parts, ...o, modelsDir: o.modelsDir ?? (env.MATTEGRAPH_MODELS_DIR || undefined) };
}
