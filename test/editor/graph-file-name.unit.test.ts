import { describe, expect, it } from 'vitest';
import { graphFileName, graphStem } from '../../src/app/files/graph-file-name.ts';

describe('graph file names', () => {
  it('always end in .mattegraph.json', () => {
    expect(graphFileName('rvm-green.json')).toBe('rvm-green.mattegraph.json');
    expect(graphFileName('shot 12.mattegraph.json')).toBe('shot 12.mattegraph.json');
    expect(graphFileName('comp')).toBe('comp.mattegraph.json');
    expect(graphFileName('  ')).toBe('untitled.mattegraph.json');
  });
  it('drop characters a file name cannot hold', () => {
    expect(graphStem('a/b:c')).toBe('a-b-c');
  });
});
