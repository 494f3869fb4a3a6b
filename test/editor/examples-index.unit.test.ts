// examples/index.json (the Examples menu) lists every example graph with its own title and
// description, and every example opens.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared-paths.ts';

const dir = join(repoRoot, 'examples');
const read = (f: string) => JSON.parse(readFileSync(join(dir, f), 'utf8'));

describe('examples index', () => {
  const index = read('index.json') as { examples: { file: string; title: string; description: string }[] };
  it('lists exactly the example graph files', () => {
    const graphs = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'index.json').sort();
    expect(index.examples.map((x) => x.file).sort()).toEqual(graphs);
  });
  it("repeats each file's title and description", () => {
    for (const x of index.examples) {
      const g = read(x.file);
      expect({ file: x.file, title: x.title, description: x.description }).toEqual({ file: x.file, title: g.title, description: g.description });
      expect(x.title.length).toBeGreaterThan(0);
    }
  });
});
