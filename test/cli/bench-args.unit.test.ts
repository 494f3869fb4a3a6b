// The bench's command line: which parts run, the clip it needs, WebGPU frame options.
import { describe, expect, it } from 'vitest';
import { benchUsage, parseBenchArgs } from '../../src/cli/bench-args.ts';
import { CliError } from '../../src/cli/cli-error.ts';

const parts = (args: string[]) => [...parseBenchArgs(args, {})!.parts].sort();
const failure = (args: string[]) => {
  try {
    parseBenchArgs(args, {});
  } catch (e) {
    expect(e).toBeInstanceOf(CliError);
    return (e as Error).message;
  }
  throw new Error(`${args.join(' ')} was accepted`);
};

describe('parseBenchArgs', () => {
  it('runs every part on the clip by default, as before', () => {
    const o = parseBenchArgs(['clip.mp4'], {})!;
    expect(o.clip).toBe('clip.mp4');
    expect([...o.parts].sort()).toEqual(['bgmv2', 'key', 'pipeline', 'rvm']);
    expect([o.frames, o.warmup, o.model, o.bgmv2Model, o.webgpu]).toEqual([20, 5, 'auto', 'auto', true]);
    // Small WebGPU frames are decided once the adapter is known.
    expect(o.webgpuSize).toBeUndefined();
    expect(o.webgpuFrames).toBeUndefined();
  });

  it('runs only the Color Key part with --key or --only key, without a clip', () => {
    expect(parts(['--key'])).toEqual(['key']);
    expect(parts(['--only', 'key'])).toEqual(['key']);
    expect(parseBenchArgs(['--only=key'], {})!.clip).toBeUndefined();
  });

  it('asks for a clip when a timed part is chosen, and refuses one for the key part alone', () => {
    expect(failure([])).toMatch(/no clip given.*--key runs the Color Key part alone/);
    expect(failure(['--only', 'rvm,key'])).toMatch(/no clip given \(the rvm part needs one/);
    expect(failure(['clip.mp4', '--key'])).toMatch(/takes no clip/);
  });

  it('leaves parts out with --no-PART, and refuses an empty selection or unknown parts', () => {
    expect(parts(['clip.mp4', '--no-pipeline', '--no-key'])).toEqual(['bgmv2', 'rvm']);
    expect(parts(['clip.mp4', '--only', 'rvm,bgmv2', '--no-bgmv2'])).toEqual(['rvm']);
    expect(failure(['--key', '--no-key'])).toMatch(/nothing to run/);
    expect(failure(['clip.mp4', '--only', 'rvm,keying'])).toMatch(/--only expects parts among rvm, bgmv2, pipeline, key/);
  });

  it('reads the WebGPU size and frame count, sizes, and the BGMv2 model', () => {
    const o = parseBenchArgs(['c.mp4', '--webgpu-size', '320x180', '--webgpu-frames=3', '--size', '640x360', '--bgmv2-model', 'bgmv2_mobilenetv2_hd', '--ratio', '0.5'], {})!;
    expect(o.webgpuSize).toEqual({ width: 320, height: 180 });
    expect(o.webgpuFrames).toBe(3);
    expect(o.size).toEqual({ width: 640, height: 360 });
    expect(o.bgmv2Model).toBe('bgmv2_mobilenetv2_hd');
    expect(o.ratio).toBe(0.5);
    expect(failure(['c.mp4', '--webgpu-size', '321x180'])).toMatch(/even WIDTHxHEIGHT/);
    expect(failure(['c.mp4', '--webgpu-frames', '0'])).toMatch(/whole number >= 1/);
  });

  it('takes the ground truth folder and the models folder from options or the environment', () => {
    const o = parseBenchArgs(['--key', '--ground-truth', 'gt'], { MATTEGRAPH_MODELS_DIR: 'm' })!;
    expect(o.groundTruth).toBe('gt');
    expect(o.modelsDir).toBe('m');
  });

  it('gives the usage for --help, which names every option it parses', () => {
    expect(parseBenchArgs(['--help'], {})).toBeUndefined();
    for (const option of ['--key', '--only', '--webgpu-size', '--webgpu-frames', '--bgmv2-model', '--ground-truth', '--no-bgmv2', '--no-pipeline']) {
      expect(benchUsage).toContain(option);
    }
  });
});
