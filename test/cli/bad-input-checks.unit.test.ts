// The CLI's own checks on bad input, without a browser: one-line messages (binary text quoted by
// a parser, runaway lengths), the ONNX IO reader and the model pre-check, picture files named
// like videos, and the words added to an out-of-memory failure.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliError, oneLine } from '../../src/cli/cli-error.ts';
import { explainFailure } from '../../src/cli/failure-hint.ts';
import { checkMediaFile } from '../../src/cli/media-file-check.ts';
import { checkGraphModels } from '../../src/cli/model-preflight.ts';
import { readModelIo } from '../../src/cli/models/read-model-io.ts';
import { readOnnxIo } from '../../src/cli/onnx-io.ts';
import { checkSignature } from '../../src/ml/io-signature.ts';
import { familySpec } from '../../src/ml/manifest.ts';
import { identityModelBytes } from '../../src/ml/onnx-identity-model.ts';
import { sharedModels } from '../support/shared-paths.ts';

describe('oneLine', () => {
  it('flattens line breaks and replaces control characters from binary data', () => {
    const text = oneLine(new Error('Unexpected token \'\u00ff\', "\u00ff\u00d8\u0000\u0010Lavc\r\n\u2028more"... is not valid JSON'));
    expect(text).toBe('Unexpected token \'\u00ff\', "\u00ff\u00d8??Lavc more"... is not valid JSON');
    expect(text).not.toMatch(/[\x00-\x1f]/);
  });

  it('cuts a runaway message to one readable line', () => {
    const text = oneLine(`error ${'x'.repeat(5000)}`);
    expect(text.length).toBeLessThanOrEqual(600);
    expect(text.endsWith('…')).toBe(true);
  });
});

describe('readOnnxIo', () => {
  it('reads the inputs and outputs of a small model', () => {
    expect(readOnnxIo(identityModelBytes())).toEqual({
      inputs: [{ name: 'x', dtype: 'float32', rank: 1 }],
      outputs: [{ name: 'y', dtype: 'float32', rank: 1 }],
    });
  });

  it('says a file is not an ONNX model', () => {
    expect(() => readOnnxIo(new TextEncoder().encode('These are not weights.\n'.repeat(20)))).toThrow(/^not an ONNX model/);
  });

  it('reads an RVM export as onnxruntime does, and it passes the RVM signature', async () => {
    const file = sharedModels('rvm_mobilenetv3_fp32_webgpu.onnx');
    expect(existsSync(file), `${file} (the shared test models)`).toBe(true);
    const io = readOnnxIo(readFileSync(file));
    expect(io).toEqual(await readModelIo(file));
    expect(checkSignature(familySpec('rvm'), io)).toEqual({ ok: true, precision: 'fp32' });
  });
});

describe('checkMediaFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mattegraph-media-check-'));
  const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]);

  it('refuses a picture whose name says it is a video, naming both', () => {
    writeFileSync(join(dir, 'holiday.mov'), jpeg);
    expect(() => checkMediaFile(join(dir, 'holiday.mov'), 'source.file')).toThrow(CliError);
    expect(() => checkMediaFile(join(dir, 'holiday.mov'), 'source.file')).toThrow(/^source\.file: ".*holiday\.mov" is a JPEG picture, not a MOV video/);
  });

  it('accepts a picture named as a picture, and leaves a missing file to the page', () => {
    writeFileSync(join(dir, 'still.jpg'), jpeg);
    expect(() => checkMediaFile(join(dir, 'still.jpg'), 'source.file')).not.toThrow();
    expect(() => checkMediaFile(join(dir, 'gone.mp4'), 'source.file')).not.toThrow();
  });

  it('refuses a device', () => {
    expect(() => checkMediaFile('/dev/null', 'plate.file')).toThrow(/^plate\.file: "\/dev\/null" is not a regular file/);
  });
});

describe('explainFailure', () => {
  it('turns onnxruntime running out of memory into the frame size and what to do', () => {
    const statuses = { source: { state: 'ready' as const, facts: { size: '8192×8192', fps: '25' } } };
    const text = explainFailure('matte: failed to call OrtRun(). ERROR_CODE: 6, ERROR_MESSAGE: std::bad_alloc', statuses);
    expect(text).toMatch(/std::bad_alloc: out of memory at 8192×8192; the frames are too large .* scale the clip down first/);
    expect(explainFailure('source: file not found: "a.mp4"', statuses)).toBe('source: file not found: "a.mp4"');
  });
});

describe('checkGraphModels', () => {
  const graph = JSON.stringify({ nodes: [{ id: 'matte', type: 'RvmMatte', params: { model: 'auto' } }, { id: 'export', type: 'Export' }] });
  const modelParams = { RvmMatte: { model: 'rvm' } };
  const modelsWith = (file: string, bytes: Uint8Array) => {
    const dir = mkdtempSync(join(tmpdir(), 'mattegraph-preflight-'));
    mkdirSync(join(dir, 'weights'));
    writeFileSync(join(dir, 'weights', file), bytes);
    writeFileSync(join(dir, 'installed.json'), JSON.stringify({ format: 'mattegraph-installed-models', version: 1, models: [
      { id: 'rvm_x', family: 'rvm', label: 'x', precision: 'fp32', official: false, url: `/models/weights/${file}`, file },
    ] }));
    return dir;
  };

  it('names the node, model and file whose IO is not the family\'s', () => {
    expect(() => checkGraphModels(graph, modelParams, modelsWith('identity.onnx', identityModelBytes())))
      .toThrow(/^matte: model "rvm_x" \(.*identity\.onnx\) is not a usable Robust Video Matting model: input "src" is missing/);
  });

  it('passes a real RVM export, and leaves a missing list or file to the page', () => {
    expect(() => checkGraphModels(graph, modelParams, modelsWith('rvm.onnx', readFileSync(sharedModels('rvm_mobilenetv3_fp32_webgpu.onnx'))))).not.toThrow();
    expect(() => checkGraphModels(graph, modelParams, mkdtempSync(join(tmpdir(), 'mattegraph-no-models-')))).not.toThrow();
  });
});
