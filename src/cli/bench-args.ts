// Command-line arguments of `npm run bench -- CLIP.mp4`.

import { CliError, EXIT_USAGE } from './cli-error.ts';

export interface BenchOptions {
  clip: string;
  frames: number;
  size?: { width: number; height: number };
  model: string;
  ratio?: number;
  warmup: number;
  webgpu: boolean;
  pipeline: boolean;
  modelsDir?: string;
  build: boolean;
  verbose: boolean;
}

export const benchUsage = `usage: npm run bench -- CLIP.mp4 [options]
  --frames N       frames to time (default 20, from the start of the clip)
  --size WxH       scale the frames first (default: the clip's size)
  --model ID       installed RVM model (default auto, as the RVM node picks)
  --ratio R        downsample ratio (default: the RVM node's auto rule)
  --warmup N       untimed runs before timing (default 5)
  --no-webgpu      skip the WebGPU EP
  --no-pipeline    skip the full-pipeline render (examples/rvm-green.json)
  --models DIR     models folder (default models/, or $MATTEGRAPH_MODELS_DIR)
  --no-build       use dist/ as it is (build only when missing)
  --verbose        page console on stderr`;

const usage = (message: string) => new CliError(`${message} (see --help)`, EXIT_USAGE);
const valued = new Set(['--frames', '--size', '--model', '--ratio', '--warmup', '--models']);

function positiveInt(name: string, text: string, min: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw usage(`${name} expects a whole number >= ${min}, got "${text}"`);
  return n;
}

export function parseBenchArgs(args: readonly string[], env: NodeJS.ProcessEnv = process.env): BenchOptions | undefined {
  const positional: string[] = [];
  const o: Omit<BenchOptions, 'clip'> = { frames: 20, model: 'auto', warmup: 5, webgpu: true, pipeline: true, build: true, verbose: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--help' || arg === '-h') return undefined;
    if (arg === '--') continue;
    if (!arg.startsWith('--')) { positional.push(arg); continue; }
    if (arg === '--no-webgpu') { o.webgpu = false; continue; }
    if (arg === '--no-pipeline') { o.pipeline = false; continue; }
    if (arg === '--no-build') { o.build = false; continue; }
    if (arg === '--verbose') { o.verbose = true; continue; }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (!valued.has(name)) throw usage(`unknown option ${name}`);
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined) throw usage(`${name} needs a value`);
    switch (name) {
      case '--frames': o.frames = positiveInt(name, value, 1); break;
      case '--warmup': o.warmup = positiveInt(name, value, 0); break;
      case '--model': o.model = value; break;
      case '--models': o.modelsDir = value; break;
      case '--size': {
        const m = /^(\d+)x(\d+)$/.exec(value);
        if (!m || Number(m[1]) < 16 || Number(m[2]) < 16 || Number(m[1]) % 2 || Number(m[2]) % 2) {
          throw usage(`--size expects even WIDTHxHEIGHT like 640x360, got "${value}"`);
        }
        o.size = { width: Number(m[1]), height: Number(m[2]) };
        break;
      }
      case '--ratio': {
        const r = Number(value);
        if (!(r >= 0.05 && r <= 1)) throw usage(`--ratio expects a number between 0.05 and 1, got "${value}"`);
        o.ratio = r;
        break;
      }
    }
  }
  if (positional.length !== 1) throw usage(positional.length ? `one clip expected, got ${positional.join(', ')}` : 'no clip given');
  return { clip: positional[0], ...o, modelsDir: o.modelsDir ?? (env.MATTEGRAPH_MODELS_DIR || undefined) };
}
