// The model manifest and the IO-signature check that decides which .onnx files are accepted.

import { describe, expect, it } from 'vitest';
import { checkSignature, ioFromMetadata } from '../../src/ml/io-signature.ts';
import { customModelId, familySpec, knownBuildBySha, manifest, officialBySha, type IoSignature } from '../../src/ml/manifest.ts';
import type { ModelEntry } from '../../src/ml/model-library.ts';
import { pickAutoModel } from '../../src/ml/pick-model.ts';

const rvm = familySpec('rvm');
const clone = (s: IoSignature): IoSignature => JSON.parse(JSON.stringify(s));
const fp32 = () => clone(rvm.signatures.fp32!);
const fp16 = () => clone(rvm.signatures.fp16!);

describe('manifest', () => {
  it('lists the official RVM release files with hashes, sizes (null when unknown) and GPL-3.0', () => {
    const byId = Object.fromEntries(manifest.official.map((m) => [m.id, m]));
    expect(byId.rvm_mobilenetv3_fp32).toMatchObject({
      bytes: 14975696,
      sha256: '88d4531297118f595bf2fd60f6f566aec2e559393802d1f436c380f0cbbd2828',
      precision: 'fp32',
      url: 'https://github.com/PeterL1n/RobustVideoMatting/releases/download/v1.0.0/rvm_mobilenetv3_fp32.onnx',
      licence: 'GPL-3.0',
      download: true,
    });
    expect(byId.rvm_mobilenetv3_fp16).toMatchObject({ bytes: 7503483, precision: 'fp16', download: true });
    expect(byId.rvm_resnet50_fp32).toMatchObject({ bytes: 107479165, download: false });
    expect(byId.rvm_resnet50_fp16.bytes).toBeNull();
    for (const m of manifest.official.filter((o) => o.family === 'rvm')) {
      expect(m.url).toBe(`https://github.com/PeterL1n/RobustVideoMatting/releases/download/v1.0.0/${m.file}`);
      expect(m.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(rvm.signatures[m.signature]).toBeDefined();
    }
  });

  it('has fp16 signatures that are float16 everywhere except downsample_ratio', () => {
    const sig = fp16();
    for (const s of [...sig.inputs, ...sig.outputs]) {
      expect(s.dtype).toBe(s.name === 'downsample_ratio' ? 'float32' : 'float16');
    }
  });

  it('recognises files by sha256, in any letter case', () => {
    expect(officialBySha('88D4531297118F595BF2FD60F6F566AEC2E559393802D1F436C380F0CBBD2828')?.id).toBe('rvm_mobilenetv3_fp32');
    expect(knownBuildBySha('3e79fe53620c5a5a06ab0e53f631cf34cb5964bb43556e5dd203c47d544c7783')?.webgpu).toBe('verified');
    expect(officialBySha('00'.repeat(32))).toBeUndefined();
  });

  it('gives custom files ids from their names that never take an official id', () => {
    expect(customModelId('/x/My Model.v2.onnx')).toBe('my_model_v2');
    expect(customModelId('rvm_mobilenetv3_fp32.onnx')).toBe('rvm_mobilenetv3_fp32_custom');
  });
});

describe('IO signature check', () => {
  it('accepts the fp32 and fp16 signatures and says which precision', () => {
    expect(checkSignature(rvm, fp32())).toEqual({ ok: true, precision: 'fp32' });
    expect(checkSignature(rvm, fp16())).toEqual({ ok: true, precision: 'fp16' });
  });

  it('accepts extra outputs and undeclared shapes', () => {
    const io = fp32();
    io.outputs.push({ name: 'debug', dtype: 'float32', rank: 2 });
    io.inputs[1].rank = -1;
    expect(checkSignature(rvm, io)).toEqual({ ok: true, precision: 'fp32' });
  });

  it('names a missing input and lists what the model has', () => {
    const io: IoSignature = { inputs: [{ name: 'x', dtype: 'float32', rank: 4 }], outputs: [{ name: 'y', dtype: 'float32', rank: 4 }] };
    expect(checkSignature(rvm, io)).toEqual({
      ok: false,
      reason: 'not a usable Robust Video Matting model: input "src" is missing (the model\'s inputs are: x)',
    });
  });

  it('names a wrong dtype against the signature the model most likely meant', () => {
    const io = fp16();
    io.inputs[5].dtype = 'float16'; // downsample_ratio must stay float32 in fp16 models
    expect(checkSignature(rvm, io)).toEqual({
      ok: false,
      reason: 'not a usable Robust Video Matting model: input "downsample_ratio" is float16, expected float32',
    });
    const mixed = fp32();
    mixed.outputs[1].dtype = 'float16';
    expect(checkSignature(rvm, mixed)).toMatchObject({ reason: expect.stringContaining('output "pha" is float16, expected float32') });
  });

  it('names a wrong rank, a missing output and an unexpected input', () => {
    const rank = fp32();
    rank.outputs[1].rank = 3;
    expect(checkSignature(rvm, rank)).toMatchObject({ reason: expect.stringContaining('output "pha" has 3 dimensions, expected 4') });
    const noR4o = fp32();
    noR4o.outputs = noR4o.outputs.filter((o) => o.name !== 'r4o');
    expect(checkSignature(rvm, noR4o)).toMatchObject({ reason: expect.stringContaining('output "r4o" is missing') });
    const extra = fp32();
    extra.inputs.push({ name: 'bgr', dtype: 'float32', rank: 4 });
    expect(checkSignature(rvm, extra)).toMatchObject({ reason: expect.stringContaining('unexpected input "bgr"') });
  });

  it('reads onnxruntime metadata (shape [] = undeclared)', () => {
    expect(
      ioFromMetadata(
        [{ name: 'src', isTensor: true, type: 'float32', shape: ['batch_size', 3, 'height', 'width'] }, { name: 'm', isTensor: false }],
        [{ name: 'pha', isTensor: true, type: 'float16', shape: [] }],
      ),
    ).toEqual({
      inputs: [{ name: 'src', dtype: 'float32', rank: 4 }, { name: 'm', dtype: 'non-tensor', rank: -1 }],
      outputs: [{ name: 'pha', dtype: 'float16', rank: -1 }],
    });
  });
});

describe('auto model choice', () => {
  const entry = (id: string, over: Partial<ModelEntry> = {}): ModelEntry => ({
    id, family: 'rvm', label: id, precision: 'fp32', official: false, ...over,
  });
  const tfjs32 = entry('fp32_from_tfjs', { webgpu: 'fails' });
  const gpu32 = entry('fp32_webgpu', { webgpu: 'verified' });
  const gpu16 = entry('fp16_webgpu', { precision: 'fp16', webgpu: 'unknown' });
  const official32 = entry('rvm_mobilenetv3_fp32', { official: true });
  const official16 = entry('rvm_mobilenetv3_fp16', { official: true, precision: 'fp16' });

  it('takes the official fp32 when installed', () => {
    expect(pickAutoModel([gpu16, tfjs32, official16, gpu32, official32])?.id).toBe('rvm_mobilenetv3_fp32');
  });
  it('else a custom fp32 known to run on WebGPU, whatever the install order', () => {
    expect(pickAutoModel([gpu16, tfjs32, gpu32])?.id).toBe('fp32_webgpu');
  });
  it('else any fp32, then anything; nothing when nothing is installed', () => {
    expect(pickAutoModel([gpu16, tfjs32])?.id).toBe('fp32_from_tfjs');
    expect(pickAutoModel([gpu16])?.id).toBe('fp16_webgpu');
    expect(pickAutoModel([])).toBeUndefined();
  });
  it('lets the user override with --prefer', () => {
    expect(pickAutoModel([official32, { ...gpu16, preferred: true }])?.id).toBe('fp16_webgpu');
  });
});
