// The bench's printed table: ratios to the native run of the same size, skipped parts with their
// reason, the software adapter named, and the Color Key next to ffmpeg's keyers.
import { describe, expect, it } from 'vitest';
import { smallSize } from '../../src/cli/bench-clip.ts';
import { formatBenchTable, formatRatio, withRatios, type BenchReport, type TimedLine } from '../../src/cli/bench-report.ts';

const machine = { cpu: 'Test CPU', cores: 2, node: 'v20', chromium: '140.0', webgpuAdapter: 'google swiftshader', softwareAdapter: true, browserThreads: 2, crossOriginIsolated: true };

const timed = (runtime: string, width: number, height: number, ms: number, reference = false): TimedLine =>
  ({ runtime, reference, width, height, frames: 4, msPerFrame: ms, medianMs: ms });

describe('withRatios', () => {
  it('divides each line by the reference of its own frame size', () => {
    const lines = withRatios([
      timed('native', 640, 360, 50, true),
      timed('wasm', 640, 360, 125),
      timed('native', 256, 144, 10, true),
      timed('webgpu', 256, 144, 2000),
      { runtime: 'webgpu gpu', width: 256, height: 144, skipped: 'no WebGPU' },
      timed('orphan', 100, 100, 7),
    ]);
    expect(lines.map((l) => l.vsNative)).toEqual([undefined, 2.5, undefined, 200, undefined, undefined]);
  });
});

describe('formatBenchTable', () => {
  const report: BenchReport = {
    date: '2026-12-01T00:00:00.000Z',
    machine,
    clip: { path: '/x/clip.mp4', width: 640, height: 360, frames: 4, sourceFps: 25 },
    warmupRuns: 1,
    rvm: {
      model: { id: 'rvm_fp32', precision: 'fp32', file: '/m/rvm.onnx' },
      ratios: { '640x360': 0.75, '256x144': 1 },
      lines: withRatios([
        timed('onnxruntime-node (CPU)', 640, 360, 40, true),
        timed('onnxruntime-web WASM', 640, 360, 100),
        timed('onnxruntime-node (CPU)', 256, 144, 8, true),
        { ...timed('onnxruntime-web WebGPU, GPU-resident', 256, 144, 4000), note: 'software adapter (google swiftshader): 2 frames, 1 warm-up' },
      ]),
    },
    bgmv2: { skipped: 'no BGMv2 model: python3-onnx is not installed', lines: [] },
    pipeline: { skipped: 'no RVM model installed' },
    key: {
      graph: 'examples/color-key-alpha.json',
      groundTruth: '/gt',
      ids: ['0', '1'],
      screens: [{
        screen: '#28be46', noise: 2.5, light: { min: 0.69, max: 1.0 }, frames: 2,
        colorKey: { error: 0.0178, perFrame: [0.01, 0.0256] },
        colorkey: { error: 0.0465, similarity: 0.08, blend: 0.2, perFrameBest: 0.0357 },
        chromakey: { error: 0.0327, similarity: 0.04, blend: 0.16, perFrameBest: 0.0261 },
      }],
    },
  };
  const text = formatBenchTable(report);
  const row = (start: string, size: string) => text.split('\n').find((l) => l.trim().startsWith(start) && l.includes(size))!;

  it('prints each runtime with its ratio to the native run of the same size', () => {
    expect(row('onnxruntime-node (CPU)', '640x360')).toMatch(/1\.00x \(ref\)/);
    expect(row('onnxruntime-web WASM', '640x360')).toMatch(/100\.0\s+100\.0\s+2\.50x/);
    expect(row('onnxruntime-web WebGPU, GPU-resident', '256x144')).toMatch(/500x\s+software adapter \(google swiftshader\)/);
    expect(text).toContain('downsample ratio 0.75 at 640x360, 1 at 256x144');
  });

  it('says the WebGPU adapter is software, and why a part was skipped', () => {
    expect(text).toMatch(/WebGPU adapter google swiftshader \(software/);
    expect(text).toContain('BGMv2: skipped: no BGMv2 model: python3-onnx is not installed');
    expect(text).toContain('full pipeline: skipped: no RVM model installed');
  });

  it('puts the Color Key error next to ffmpeg at its best settings', () => {
    const key = row('#28be46', '');
    expect(key).toMatch(/#28be46, noise σ 2\.5, light 0\.69\.\.1\.00\s+0\.0178\s+0\.0465 \(sim 0\.08, blend 0\.2; per-frame 0\.0357\)\s+0\.0327 \(sim 0\.04, blend 0\.16; per-frame 0\.0261\)$/);
  });

  it('flags a Color Key that is not better than ffmpeg, and reports a skipped key part', () => {
    const worse = structuredClone(report);
    const k = worse.key as Extract<BenchReport['key'], { screens: unknown }>;
    k.screens[0].colorKey.error = 0.03;
    expect(formatBenchTable(worse)).toContain('(not better than ffmpeg!)');
    expect(formatBenchTable({ ...report, key: { skipped: 'ground truth folder /gt not found' } })).toContain('Color Key accuracy: skipped: ground truth folder /gt not found');
  });

  it('prints the key part alone without clip or browser lines', () => {
    const text = formatBenchTable({ date: report.date, machine: { cpu: 'c', cores: 2, node: 'v20' }, warmupRuns: 5, key: report.key });
    expect(text.split('\n')[0]).toBe('Mattegraph bench');
    expect(text).not.toContain('RVM');
  });
});

describe('ratios and sizes', () => {
  it('formats ratios with fewer digits as they grow', () => {
    expect([formatRatio(2.345), formatRatio(12.34), formatRatio(456.7)]).toEqual(['2.35x', '12.3x', '457x']);
  });

  it('makes small WebGPU frames of the clip aspect with even sides', () => {
    expect(smallSize(1920, 1080)).toEqual({ width: 256, height: 144 });
    expect(smallSize(480, 640)).toEqual({ width: 192, height: 256 });
    expect(smallSize(200, 100)).toEqual({ width: 200, height: 100 });
  });
});
