// The BGMv2 family in the model manifest and the signature check, and `npm run models` telling
// the families apart.

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { downloadOfficial } from '../../src/cli/models/download.ts';
import { checkSignature, familyOfIo } from '../../src/ml/io-signature.ts';
import { familySpec, manifest, officialByFile, officialBySha, type IoSignature } from '../../src/ml/manifest.ts';
import { buildMattingBaseLikeModel } from './support/wrong-models.ts';

const bgmv2 = familySpec('bgmv2');
const fp32 = (): IoSignature => JSON.parse(JSON.stringify(bgmv2.signatures.fp32));

describe('BGMv2 in the manifest', () => {
  it('lists the official HD and 4K exports with their presets, and nothing it does not know', () => {
    const hd = manifest.official.find((m) => m.id === 'bgmv2_mobilenetv2_hd');
    const k4 = manifest.official.find((m) => m.id === 'bgmv2_mobilenetv2_4k');
    expect(hd).toMatchObject({
      family: 'bgmv2', file: 'onnx_mobilenetv2_hd.onnx', url: null, bytes: null, sha256: null, licence: 'MIT', download: false,
      preset: { backboneScale: 0.25, refineMode: 'sampling', samplePixels: 80000 },
    });
    expect(k4).toMatchObject({
      file: 'onnx_mobilenetv2_4k.onnx', url: null, bytes: null, sha256: null,
      preset: { backboneScale: 0.125, refineMode: 'sampling', samplePixels: 320000 },
    });
    expect(officialByFile('/somewhere/onnx_mobilenetv2_4k.onnx', 'bgmv2')?.id).toBe('bgmv2_mobilenetv2_4k');
    expect(officialByFile('onnx_mobilenetv2_4k.onnx', 'rvm')).toBeUndefined();
    // A file with no known hash is never "recognised" by a hash.
    expect(officialBySha('')).toBeUndefined();
  });

  it('has the official export signature: src, bgr in; pha, fgr, pha_sm, fgr_sm, err_sm, ref_sm out; all rank 4', () => {
    const sig = fp32();
    expect(sig.inputs.map((i) => i.name)).toEqual(['src', 'bgr']);
    expect(sig.outputs.map((o) => o.name)).toEqual(['pha', 'fgr', 'pha_sm', 'fgr_sm', 'err_sm', 'ref_sm']);
    expect([...sig.inputs, ...sig.outputs].every((s) => s.rank === 4 && s.dtype === 'float32')).toBe(true);
    expect(checkSignature(bgmv2, sig)).toEqual({ ok: true, precision: 'fp32' });
  });

  it('names what is wrong with a file that is not a BGMv2 refine export', () => {
    const base = fp32();
    base.outputs = ['pha', 'fgr', 'err', 'hid'].map((name) => ({ name, dtype: 'float32', rank: 4 }));
    expect(checkSignature(bgmv2, base)).toEqual({
      ok: false,
      reason: 'not a usable Background Matting V2 model: output "pha_sm" is missing (the model\'s outputs are: pha, fgr, err, hid)',
    });
    const rvm = familySpec('rvm').signatures.fp32!;
    expect(checkSignature(bgmv2, rvm)).toMatchObject({ reason: expect.stringContaining('input "bgr" is missing') });
    expect(familyOfIo(rvm)).toBe('rvm');
    expect(familyOfIo(fp32())).toBe('bgmv2');
  });

  it('refuses to "download" an export whose address and hash are unknown, saying what to do', async () => {
    await expect(downloadOfficial(manifest.official.find((m) => m.id === 'bgmv2_mobilenetv2_hd')!)).rejects.toThrow(
      'no download address and hash are known for onnx_mobilenetv2_hd.onnx: import the file you have with: npm run models -- --from DIR',
    );
  });
});

describe('npm run models -- --from DIR with BGMv2 files', () => {
  it('checks a file with a plate input against the BGMv2 signature and names the mismatch', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mattegraph-models-'));
    copyFileSync(buildMattingBaseLikeModel(), join(dir, 'mattingbase.onnx'));
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/models.ts', '--from', dir], {
      cwd: resolve(import.meta.dirname, '../..'), encoding: 'utf8', timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      'mattingbase.onnx: checking… skipped: not a usable Background Matting V2 model: output "pha_sm" is missing (the model\'s outputs are: pha, fgr, err, hid)',
    );
  }, 60_000);
});
