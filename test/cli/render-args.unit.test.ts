// The render command line: options, --set values and graph preparation (paths, kinds).
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRenderArgs } from '../../src/cli/render-args.ts';
import { parseParamValue } from '../../src/cli/param-value.ts';
import { prepareGraph, readGraphFile } from '../../src/cli/graph-input.ts';
import { CliError } from '../../src/cli/cli-error.ts';

describe('parseRenderArgs', () => {
  it('reads the graph, sets, range, ep and output', () => {
    const o = parseRenderArgs(['g.json', '--set', 'matte.downsampleRatio=0.5', '--set=source.file=a b.mp4', '--range', '2:10', '--ep', 'wasm', '--out', 'o.mp4'], {})!;
    expect(o.graphPath).toBe('g.json');
    expect(o.out).toBe('o.mp4');
    expect(o.sets).toEqual([
      { node: 'matte', param: 'downsampleRatio', text: '0.5' },
      { node: 'source', param: 'file', text: 'a b.mp4' },
    ]);
    expect(o.range).toEqual({ start: 2, end: 10 });
    expect(o.ep).toBe('wasm');
  });
  it('takes the models folder from the environment unless given', () => {
    expect(parseRenderArgs(['g.json', '--out', 'o.mp4'], { MATTEGRAPH_MODELS_DIR: '/m' })!.modelsDir).toBe('/m');
    expect(parseRenderArgs(['g.json', '--out', 'o.mp4', '--models', 'x'], { MATTEGRAPH_MODELS_DIR: '/m' })!.modelsDir).toBe('x');
  });
  it('rejects bad command lines with a usage error', () => {
    const usage = (args: string[]) => {
      try {
        parseRenderArgs(args, {});
      } catch (e) {
        expect(e).toBeInstanceOf(CliError);
        expect((e as CliError).exitCode).toBe(2);
        return (e as Error).message;
      }
      throw new Error('accepted');
    };
    expect(usage(['--out', 'o.mp4'])).toMatch(/no graph file/);
    expect(usage(['g.json'])).toMatch(/no output file/);
    expect(usage(['g.json', '--out', 'o.mp4', '--set', 'nodot=1'])).toMatch(/NODE\.PARAM=VALUE/);
    expect(usage(['g.json', '--out', 'o.mp4', '--range', '5:5'])).toMatch(/empty/);
    expect(usage(['g.json', '--out', 'o.mp4', '--ep', 'cuda'])).toMatch(/wasm or webgpu/);
    expect(usage(['g.json', '--out', 'o.mp4', '--frobnicate'])).toMatch(/unknown option/);
  });
});

describe('parseParamValue', () => {
  it('turns number-, boolean- and auto-looking text into values, else keeps text', () => {
    expect(parseParamValue('0.375')).toBe(0.375);
    expect(parseParamValue('-2e3')).toBe(-2000);
    expect(parseParamValue('true')).toBe(true);
    expect(parseParamValue('false')).toBe(false);
    expect(parseParamValue('auto')).toBe('auto');
    expect(parseParamValue('#00ff00')).toBe('#00ff00');
    expect(parseParamValue('1.2.3')).toBe('1.2.3');
  });
  it('keeps text for text kinds', () => {
    expect(parseParamValue('123', 'string')).toBe('123');
    expect(parseParamValue('true', 'enum')).toBe('true');
  });
});

describe('prepareGraph', () => {
  const kinds = { VideoSource: { file: 'file' as const }, RvmMatte: { model: 'string' as const, downsampleRatio: 'numberOrAuto' as const } };
  const dir = mkdtempSync(join(tmpdir(), 'mg-cli-'));
  const graphPath = join(dir, 'g.json');
  writeFileSync(graphPath, JSON.stringify({
    format: 'mattegraph', version: 1,
    nodes: [
      { id: 'source', type: 'VideoSource', params: { file: 'media/clip.mp4' } },
      { id: 'matte', type: 'RvmMatte', params: {} },
    ],
    edges: [],
  }));

  it('resolves graph paths against the graph folder and --set paths against the cwd', async () => {
    const graph = await readGraphFile(graphPath);
    const fromGraph = prepareGraph(graph, [], kinds, '/somewhere');
    expect(fromGraph.mediaFiles).toEqual([join(dir, 'media/clip.mp4')]);
    const fromCli = prepareGraph(graph, [{ node: 'source', param: 'file', text: 'x.mp4' }, { node: 'matte', param: 'model', text: '42' }], kinds, '/cwd');
    expect(fromCli.mediaFiles).toEqual(['/cwd/x.mp4']);
    const nodes = JSON.parse(fromCli.text).nodes;
    expect(nodes[1].params.model).toBe('42');
    expect(JSON.parse(graph.raw === undefined ? '{}' : JSON.stringify(graph.raw)).nodes[0].params.file).toBe('media/clip.mp4');
  });
  it('says which node a --set names when it is not in the graph', async () => {
    const graph = await readGraphFile(graphPath);
    expect(() => prepareGraph(graph, [{ node: 'nope', param: 'x', text: '1' }], kinds)).toThrow(/no node "nope"/);
  });
  it('names missing and malformed graph files', async () => {
    await expect(readGraphFile(join(dir, 'missing.json'))).rejects.toThrow(/missing\.json not found/);
    writeFileSync(join(dir, 'bad.json'), '{"format": ');
    await expect(readGraphFile(join(dir, 'bad.json'))).rejects.toThrow(/is not valid JSON/);
  });
});
