// Builds the BGMv2-signature test model (test/bgmv2/build_test_model.py, Debian's python3-onnx)
// into a temp folder at test time; nothing built is committed. One build per options per process.

import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface TestModelOptions {
  /** TopK's K: patches refined per frame (sample_pixels / 16). */
  k: number;
  /** 1 / backbone scale: 4 (HD-like) or 8 (4K-like). */
  scaleDiv: 4 | 8;
  /** K in a Constant node rather than an initializer (an export without constant folding). */
  kInConstantNode?: boolean;
}

export const DEFAULT_TEST_MODEL: TestModelOptions = { k: 64, scaleDiv: 4 };

const script = resolve(import.meta.dirname, '../build_test_model.py');
const built = new Map<string, string>();

export function buildBgmv2TestModel(options: TestModelOptions = DEFAULT_TEST_MODEL, fileName = 'bgmv2_test.onnx'): string {
  const key = `${options.k}/${options.scaleDiv}/${options.kInConstantNode ?? false}/${fileName}`;
  let path = built.get(key);
  if (!path) {
    path = join(mkdtempSync(join(tmpdir(), 'mattegraph-bgmv2-')), fileName);
    const args = [script, path, '--k', String(options.k), '--scale-div', String(options.scaleDiv)];
    execFileSync('/usr/bin/python3', options.kInConstantNode ? [...args, '--k-in-constant-node'] : args);
    built.set(key, path);
  }
  return path;
}
