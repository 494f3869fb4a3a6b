// The bench's results: the JSON written to bench-results/ and the table printed for people.

import type { BenchEpResult } from './headless-protocol.ts';

export interface BenchReport {
  date: string;
  machine: { cpu: string; cores: number; node: string; chromium: string; webgpuAdapter: string; browserThreads: number; crossOriginIsolated: boolean };
  clip: { path: string; width: number; height: number; frames: number; sourceFps: number };
  model: { id: string; precision: string; file: string };
  downsampleRatio: number;
  warmupRuns: number;
  native: { runtime: string; frames: number; msPerFrame: number; medianMs: number; warmupMs: number[] };
  browser: BenchEpResult[];
  pipeline?: {
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
}

const pad = (s: string, n: number) => s.padEnd(n);
const num = (x: number, digits = 1) => x.toFixed(digits);

export function formatBenchTable(r: BenchReport): string {
  const lines = [
    `Mattegraph bench: ${r.clip.frames} frames at ${r.clip.width}x${r.clip.height}, model ${r.model.id} (${r.model.precision}), downsample ratio ${r.downsampleRatio}, ${r.warmupRuns} warm-up runs`,
    `machine: ${r.machine.cores} cores (${r.machine.cpu}), Chromium ${r.machine.chromium}, WebGPU adapter ${r.machine.webgpuAdapter}, browser threads ${r.machine.browserThreads}${r.machine.crossOriginIsolated ? '' : ' (not isolated!)'}`,
    '',
    `${pad('runtime', 30)}${pad('ms/frame', 11)}${pad('median', 9)}${pad('frames', 8)}vs native`,
    `${pad(r.native.runtime, 30)}${pad(num(r.native.msPerFrame), 11)}${pad(num(r.native.medianMs), 9)}${pad(String(r.native.frames), 8)}1.00x`,
  ];
  for (const b of r.browser) {
    const name = `onnxruntime-web ${b.ep === 'wasm' ? 'WASM' : 'WebGPU'}`;
    if (b.skipped !== undefined) {
      lines.push(`${pad(name, 30)}skipped: ${b.skipped}`);
      continue;
    }
    const ratio = `${(b.msPerFrame / r.native.msPerFrame).toFixed(2)}x`;
    lines.push(`${pad(name, 30)}${pad(num(b.msPerFrame), 11)}${pad(num(b.medianMs), 9)}${pad(String(b.frames), 8)}${pad(ratio, 10)}${b.note ?? ''}`);
  }
  if (r.pipeline) {
    const p = r.pipeline;
    const steady = p.steadyFps === undefined ? 'n/a' : `${num(p.steadyFps, 2)} fps`;
    lines.push('', `full pipeline (${p.graph}, RVM on ${p.rvmEp}): ${steady} after the first frame; ${p.frames} frames in ${num(p.exportSeconds)} s = ${num(p.overallFps, 2)} fps with model loading (${num(p.wallSeconds)} s with browser start-up)`);
  }
  return lines.join('\n');
}
