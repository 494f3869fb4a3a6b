// Command-line arguments of `npm run render`: parsed into plain options, or a usage error.

import { CliError, EXIT_USAGE } from './cli-error.ts';

export interface ParamSet {
  node: string;
  param: string;
  /** The value as typed; converted once the param's kind is known. */
  text: string;
}

export interface RenderOptions {
  graphPath: string;
  out: string;
  sets: ParamSet[];
  /** Frame indices [start, end), end exclusive. */
  range?: { start: number; end: number };
  ep?: 'wasm' | 'webgpu';
  /** Folder holding installed.json and weights/ (default: the project's models/). */
  modelsDir?: string;
  /** Fail when no frame progresses for this long. */
  watchdogSeconds: number;
  /** Rebuild dist/ when it is missing or older than the sources. */
  build: boolean;
  verbose: boolean;
}

export const renderUsage = `usage: npm run render -- GRAPH.json --out OUT.mp4|OUT.webm|FOLDER/ [options]
  --out                    .mp4 or .webm file, or a folder (trailing /) for an RGBA PNG sequence;
                           the Export node's format follows it unless the graph sets one
  --set NODE.PARAM=VALUE   change a parameter (repeatable); file paths are relative to the cwd
  --range IN:OUT           render frames IN..OUT-1 only (frame indices)
  --ep wasm|webgpu         execution provider for model nodes set to "auto"
  --models DIR             models folder (default models/, or $MATTEGRAPH_MODELS_DIR)
  --watchdog SECONDS       fail when no frame completes for this long (default 300)
  --no-build               use dist/ as it is (build only when missing)
  --verbose                page console, node status and stack traces on stderr`;

const valued = new Set(['--set', '--out', '--range', '--models', '--ep', '--watchdog']);

const usage = (message: string) => new CliError(`${message} (see --help)`, EXIT_USAGE);

/** Splits `--name=value` and `--name value` forms into [name, value]. */
function takeValue(args: readonly string[], i: number): [string, string] {
  const arg = args[i];
  const eq = arg.indexOf('=');
  if (eq > 0) return [arg.slice(0, eq), arg.slice(eq + 1)];
  const value = args[i + 1];
  if (value === undefined || (value.startsWith('--') && value.length > 2)) throw usage(`${arg} needs a value`);
  return [arg, value];
}

export function parseSet(text: string): ParamSet {
  const m = /^([A-Za-z_][\w-]*)\.([A-Za-z_][\w]*)=(.*)$/s.exec(text);
  if (!m) throw usage(`--set expects NODE.PARAM=VALUE, got "${text}"`);
  return { node: m[1], param: m[2], text: m[3] };
}

export function parseRange(text: string): { start: number; end: number } {
  const m = /^(\d+):(\d+)$/.exec(text);
  if (!m) throw usage(`--range expects IN:OUT frame indices like 0:20, got "${text}"`);
  const start = Number(m[1]);
  const end = Number(m[2]);
  if (end <= start) throw usage(`--range ${text} is empty (OUT is exclusive and must be greater than IN)`);
  return { start, end };
}

/** Returns the options, or undefined when help was asked for. */
export function parseRenderArgs(args: readonly string[], env: NodeJS.ProcessEnv = process.env): RenderOptions | undefined {
  const positional: string[] = [];
  const sets: ParamSet[] = [];
  const opts: Partial<RenderOptions> = { watchdogSeconds: 300, build: true, verbose: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--help' || arg === '-h') return undefined;
    if (arg === '--verbose' || arg === '-v') { opts.verbose = true; continue; }
    if (arg === '--no-build') { opts.build = false; continue; }
    if (!arg.startsWith('--') || arg === '--') {
      if (arg !== '--') positional.push(arg);
      continue;
    }
    const name = arg.split('=')[0];
    if (!valued.has(name)) throw usage(`unknown option ${name}`);
    const [, value] = takeValue(args, i);
    if (!arg.includes('=')) i++;
    switch (name) {
      case '--set': sets.push(parseSet(value)); break;
      case '--out': opts.out = value; break;
      case '--range': opts.range = parseRange(value); break;
      case '--models': opts.modelsDir = value; break;
      case '--ep':
        if (value !== 'wasm' && value !== 'webgpu') throw usage(`--ep must be wasm or webgpu, got "${value}"`);
        opts.ep = value;
        break;
      case '--watchdog': {
        const s = Number(value);
        if (!Number.isFinite(s) || s <= 0) throw usage(`--watchdog expects seconds, got "${value}"`);
        opts.watchdogSeconds = s;
        break;
      }
    }
  }
  if (positional.length === 0) throw usage('no graph file given');
  if (positional.length > 1) throw usage(`one graph file expected, got ${positional.join(', ')}`);
  if (!opts.out) throw usage('no output file given (--out OUT.mp4)');
  return {
    graphPath: positional[0],
    out: opts.out,
    sets,
    range: opts.range,
    ep: opts.ep,
    modelsDir: opts.modelsDir ?? (env.MATTEGRAPH_MODELS_DIR || undefined),
    watchdogSeconds: opts.watchdogSeconds!,
    build: opts.build!,
    verbose: opts.verbose!,
  };
}
