import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportNodeFormat, planOutput } from '../../src/cli/output-plan.ts';
import { OutputSet } from '../../src/cli/output-set.ts';

describe('planOutput', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mg-plan-'));
  it('lets --out choose the format when the graph leaves it open', () => {
    expect(planOutput('x.mp4', join(dir, 'x.mp4'), undefined, 'export')).toEqual({ kind: 'file', format: undefined, outputName: 'x.mp4' });
    expect(planOutput('x.webm', join(dir, 'x.webm'), undefined, 'export')).toMatchObject({ kind: 'file', format: 'webm' });
    expect(planOutput('frames/', join(dir, 'frames'), undefined, 'export')).toEqual({ kind: 'folder', format: 'png-sequence', outputName: 'frames' });
    expect(planOutput(dir, dir, undefined, 'export')).toMatchObject({ kind: 'folder', format: 'png-sequence' });
  });
  it('accepts --out that agrees with the graph\'s format', () => {
    expect(planOutput('x.webm', join(dir, 'x.webm'), 'webm-alpha', 'export')).toEqual({ kind: 'file', outputName: 'x.webm' });
    expect(planOutput('x.mp4', join(dir, 'x.mp4'), 'matte-pair', 'export')).toEqual({ kind: 'file', outputName: 'x.mp4' });
  });
  it('refuses --out that contradicts the graph, saying what to change', () => {
    expect(() => planOutput('x.mp4', join(dir, 'x.mp4'), 'webm', 'exp')).toThrow(/names a MP4 file, but exp writes webm.*--set exp\.format=mp4/);
    expect(() => planOutput('f/', join(dir, 'f'), 'mp4', 'exp')).toThrow(/is a folder.*--set exp\.format=png-sequence/);
    expect(() => planOutput('x.mp4', join(dir, 'x.mp4'), 'png-sequence', 'exp')).toThrow(/give a folder, e\.g\. --out x\//);
    expect(() => planOutput('x.avi', join(dir, 'x.avi'), undefined, 'exp')).toThrow(/\.mp4 or \.webm/);
  });
  it('finds the Export node\'s explicit format in a graph', () => {
    const g = (params: object) => JSON.stringify({ nodes: [{ id: 'src', type: 'VideoSource' }, { id: 'out', type: 'Export', params }] });
    expect(exportNodeFormat(g({}))).toEqual({ id: 'out', format: undefined });
    expect(exportNodeFormat(g({ format: 'webm' }))).toEqual({ id: 'out', format: 'webm' });
  });
});

describe('OutputSet', () => {
  it('writes a new folder only on commit, and nothing on discard', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mg-set-'));
    const set = OutputSet.create('shots/', 'folder', root);
    await set.write(new Uint8Array([1, 2]), 0, 'a_000000.png');
    await set.write(new Uint8Array([3]), 0, 'a_000001.png');
    expect(existsSync(join(root, 'shots'))).toBe(false);
    expect(readdirSync(root)[0]).toMatch(/\.part$/);
    await set.commit();
    expect(readdirSync(join(root, 'shots')).sort()).toEqual(['a_000000.png', 'a_000001.png']);
    const failed = OutputSet.create('other/', 'folder', root);
    await failed.write(new Uint8Array([1]), 0, 'x.png');
    failed.discard();
    expect(readdirSync(root)).toEqual(['shots']);
    rmSync(root, { recursive: true, force: true });
  });
  it('adds to an existing folder, and keeps companions beside a file until commit', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mg-set-'));
    mkdirSync(join(root, 'out'));
    const set = OutputSet.create(join(root, 'out'), 'folder', root);
    await set.write(new Uint8Array([9]), 0, 'f.png');
    expect(readdirSync(join(root, 'out'))[0]).toMatch(/\.part$/);
    await set.commit();
    expect(readdirSync(join(root, 'out'))).toEqual(['f.png']);
    const pair = OutputSet.create('clip.mp4', 'file', root);
    await pair.write(new TextEncoder().encode('colour'), 0);
    await pair.write(new TextEncoder().encode('matte'), 0, 'clip-matte.mp4');
    expect(() => pair.write(new Uint8Array([1]), 0, '../escape.mp4')).rejects.toThrow(/refusing/);
    await pair.commit();
    expect(readFileSync(join(root, 'clip-matte.mp4'), 'utf8')).toBe('matte');
    expect(readdirSync(root).sort()).toEqual(['clip-matte.mp4', 'clip.mp4', 'out']);
    rmSync(root, { recursive: true, force: true });
  });
});
