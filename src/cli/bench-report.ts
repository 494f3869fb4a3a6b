// The bench's results: the JSON written to bench-results/ and the table printed for people.

import type { KeyAccuracyReport } from './key-bench/key-accuracy.ts';

/** One timed runtime, or why it was skipped. */
export interface TimedLine {
  runtime: string;
  /** The reference the browser lines are divided by (native, same size, same run). */
  reference?: boolean;
  width: number;
  height: number;
  frames?: number;
  msPerFrame?: number;
  medianMs?: number;
  warmupMs?: number[];
  /** Model fetch and session creation (browser). */
  loadMs?: number;
  /** ms/frame over the reference's at the same size, measured in this run. */
  vsNative?: number;
  note?: string;
  skipped?: string;
}

export interface ModelSection {
  model?: { id: string; precision: string; file: string; label?: string };
  /** The whole part was skipped, and why. */
  skipped?: string;
  lines: TimedLine[];
  /** RVM's downsample ratio by frame size ("1280x720": 0.375). */
  ratios?: Record<string, number>;
}

export interface BenchReport {
  date: string;
  machine: {
    cpu: string; cores: number; node: string; chromium?: string; webgpuAdapter?: string; softwareAdapter?: boolean;
    browserThreads?: number; crossOriginIsolated?: boolean;
  };
  clip?: { path: string; width: number; height: number; frames: number; sourceFps: number };
  warmupRuns: number;
  rvm?: ModelSection;
  bgmv2?: ModelSection;
  pipeline?: { skipped: string } | {
    skipped?: undefined;
    graph: string;
    /** The EP the RVM node chose (auto). */
    rvmEp: string;
    frames: number;
    /** Frames per second after the first frame (no model loading). */
    steadyFps?: number;
    /** The export job from start to end, model loading included. */
    exportSeconds: number;
    overallFps: number;
    wallSeconds: number;
  };
  key?: KeyAccuracyReport | { skipped: string };
}

const pad = (s: string, n: number) => s.padEnd(n);
const num = (x: number, digits = 1) => x.toFixed(digits);
const RUNTIME = 40;

/** "2.35x", with fewer digits for large ratios. */
export const formatRatio = (r: number) => `${r >= 100 ? r.toFixed(0) : r >= 10 ? r.toFixed(1) : r.toFixed(2)}x`;

/** Each line's ratio to the reference line of the same size (lines without one get none). */
export function withRatios(lines: TimedLine[]): TimedLine[] {
  return lines.map((l) => {
    if (l.reference || l.skipped !== undefined || l.msPerFrame === undefined) return l;
    const ref = lines.find((r) => r.reference && r.width === l.width && r.height === l.height && r.msPerFrame !== undefined);
    return ref ? { ...l, vsNative: l.msPerFrame / ref.msPerFrame! } : l;
  });
}

function timedLines(lines: TimedLine[]): string[] {
  const out = [`  ${pad('runtime', RUNTIME)}${pad('size', 11)}${pad('frames', 8)}${pad('ms/frame', 10)}${pad('median', 9)}vs native`];
  for (const l of lines) {
    const size = `${l.width}x${l.height}`;
    if (l.skipped !== undefined) {
      out.push(`  ${pad(l.runtime, RUNTIME)}${pad(size, 11)}skipped: ${l.skipped}`);
      continue;
    }
    const ratio = l.reference ? '1.00x (ref)' : l.vsNative === undefined ? 'n/a' : formatRatio(l.vsNative);
    const row = `  ${pad(l.runtime, RUNTIME)}${pad(size, 11)}${pad(String(l.frames), 8)}${pad(num(l.msPerFrame!), 10)}${pad(num(l.medianMs!), 9)}${ratio}`;
    out.push(l.note ? `${pad(row, RUNTIME + 49)}  ${l.note}` : row);
  }
  return out;
}

function modelSection(title: string, s: ModelSection): string[] {
  if (s.skipped !== undefined) return ['', `${title}: skipped: ${s.skipped}`];
  const ratios = s.ratios && Object.keys(s.ratios).length
    ? `, downsample ratio ${Object.entries(s.ratios).map(([size, r]) => `${r} at ${size}`).join(', ')}`
    : '';
  const model = s.model ? ` ${s.model.label ?? s.model.id} (${s.model.precision})` : '';
  return ['', `${title}${model}${ratios}`, ...timedLines(s.lines)];
}

function keySection(k: NonNullable<BenchReport['key']>): string[] {
  if ('skipped' in k) return ['', `Color Key accuracy: skipped: ${k.skipped}`];
  const head = `  ${pad('screen', 42)}${pad('Color Key', 11)}${pad('ffmpeg colorkey best', 52)}ffmpeg chromakey best`;
  const keyer = (s: { error: number; similarity: number; blend: number; perFrameBest: number }) =>
    `${num(s.error, 4)} (sim ${s.similarity}, blend ${s.blend}; per-frame ${num(s.perFrameBest, 4)})`;
  const rows = k.screens.map((s) => {
    const screen = `${s.screen}, noise σ ${s.noise}, light ${num(s.light.min, 2)}..${num(s.light.max, 2)}`;
    const best = Math.min(s.colorkey.error, s.chromakey.error, s.colorkey.perFrameBest, s.chromakey.perFrameBest);
    const verdict = s.colorKey.error < best ? '' : '  (not better than ffmpeg!)';
    return `  ${pad(screen, 42)}${pad(num(s.colorKey.error, 4), 11)}${pad(keyer(s.colorkey), 52)}${keyer(s.chromakey)}${verdict}`;
  });
  return [
    '',
    `Color Key accuracy: mean absolute alpha error against ground truth (0..1, lower is better), ${k.ids.length} synthetic green-screen frames per screen`,
    `  (C = α·I + (1−α)·G, unevenly lit screen, sensor noise), keyed through ${k.graph} with only the screen colour set;`,
    '  ffmpeg at its best single grid-searched similarity/blend, and tuned per frame',
    head,
    ...rows,
  ];
}

export function formatBenchTable(r: BenchReport): string {
  const m = r.machine;
  const browser = m.chromium
    ? `, Chromium ${m.chromium}, WebGPU adapter ${m.webgpuAdapter}${m.softwareAdapter ? ' (software: WebGPU figures say nothing of a real GPU)' : ''}, browser threads ${m.browserThreads}${m.crossOriginIsolated ? '' : ' (not isolated!)'}`
    : '';
  const clip = r.clip ? `: ${r.clip.frames} frames of ${r.clip.path.split('/').pop()} at ${r.clip.width}x${r.clip.height}, ${r.warmupRuns} warm-up runs` : '';
  const lines = [`Mattegraph bench${clip}`, `machine: ${m.cores} cores (${m.cpu}), Node ${m.node}${browser}`];
  if (r.rvm) lines.push(...modelSection('RVM', r.rvm));
  if (r.bgmv2) lines.push(...modelSection('BGMv2', r.bgmv2));
  if (r.pipeline?.skipped !== undefined) lines.push('', `full pipeline: skipped: ${r.pipeline.skipped}`);
  else if (r.pipeline) {
    const p = r.pipeline;
    const steady = p.steadyFps === undefined ? 'n/a' : `${num(p.steadyFps, 2)} fps`;
    lines.push('', `full pipeline (${p.graph}, RVM on ${p.rvmEp}): ${steady} after the first frame; ${p.frames} frames in ${num(p.exportSeconds)} s = ${num(p.overallFps, 2)} fps with model loading (${num(p.wallSeconds)} s with browser start-up)`);
  }
  if (r.key) lines.push(...keySection(r.key));
  return lines.join('\n');
}
