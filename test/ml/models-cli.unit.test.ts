// `npm run models`: refusing files that are not RVM, and downloads that fail instead of hanging.
// (No test downloads anything: the servers here are local and misbehave on purpose.)

import { spawnSync } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync, mkdtempSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { downloadOfficial } from '../../src/cli/models/download.ts';
import { weightsPath } from '../../src/cli/models/installed-file.ts';
import type { OfficialModel } from '../../src/ml/manifest.ts';
import { buildIdentityModel } from './support/tiny-onnx.ts';

const root = resolve(import.meta.dirname, '../..');
const runCli = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/models.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });

describe('npm run models -- --from DIR', () => {
  it('refuses a model that is not RVM, naming the mismatch, and exits non-zero', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mattegraph-models-'));
    copyFileSync(buildIdentityModel(), join(dir, 'identity.onnx'));
    const r = runCli('--from', dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('identity.onnx: checking… skipped: not a usable Robust Video Matting model: input "src" is missing (the model\'s inputs are: x)');
    expect(r.stderr).toContain(`models: no usable model in ${dir} (1 file(s) rejected, reasons above)`);
  }, 60_000);

  it('says so when the folder has no .onnx files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mattegraph-models-'));
    const r = runCli('--from', dir);
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe(`models: no .onnx files in ${dir}`);
  }, 60_000);
});

describe('download', () => {
  let server: Server | undefined;
  afterEach(() => {
    server?.closeAllConnections();
    server?.close();
  });

  const listen = (handler: (req: IncomingMessage, res: ServerResponse) => void) =>
    new Promise<string>((ok) => {
      server = createServer(handler).listen(0, '127.0.0.1', () => {
        const addr = server!.address() as { port: number };
        ok(`http://127.0.0.1:${addr.port}/model.onnx`);
      });
    });
  const model = (url: string, bytes: number | null): OfficialModel => ({
    id: 'test_download_probe', family: 'rvm', label: 'probe', file: 'probe.onnx', url, bytes,
    sha256: '88d4531297118f595bf2fd60f6f566aec2e559393802d1f436c380f0cbbd2828', precision: 'fp32', signature: 'fp32',
    licence: 'GPL-3.0', download: false,
  });

  it('gives up on a server that never answers, with a one-line reason', async () => {
    const url = await listen(() => undefined); // accepts, never responds
    const started = Date.now();
    await expect(downloadOfficial(model(url, 10), { connectMs: 300 })).rejects.toThrow(
      `cannot download probe.onnx from ${url}: no answer within 0.3 s`,
    );
    expect(Date.now() - started).toBeLessThan(5000);
    expect(existsSync(`${weightsPath('test_download_probe')}.part`)).toBe(false);
  });

  it('gives up on a transfer that stalls', async () => {
    const url = await listen((_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write(Buffer.alloc(10)); // then nothing
    });
    await expect(downloadOfficial(model(url, 100), { stallMs: 300 })).rejects.toThrow('transfer stalled for 0.3 s');
  });

  it('rejects bytes whose sha256 is not the manifest one, and keeps nothing', async () => {
    const url = await listen((_req, res) => res.end('not the model'));
    await expect(downloadOfficial(model(url, null))).rejects.toThrow(/sha256 is [0-9a-f]{64}, expected 88d45312.*\(file rejected\)/);
    expect(existsSync(weightsPath('test_download_probe'))).toBe(false);
    expect(existsSync(`${weightsPath('test_download_probe')}.part`)).toBe(false);
  });

  it('reports an HTTP error', async () => {
    const url = await listen((_req, res) => {
      res.statusCode = 404;
      res.end();
    });
    await expect(downloadOfficial(model(url, 10))).rejects.toThrow(`cannot download probe.onnx from ${url}: HTTP 404 Not Found`);
  });
});
