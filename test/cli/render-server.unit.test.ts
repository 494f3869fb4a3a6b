// The CLI's HTTP server: cross-origin isolated responses, only registered media files, no escape
// from dist/ or models/, and output chunks received in order into the temp file that becomes OUT.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRenderServer, type RenderServer } from '../../src/cli/render-server.ts';
import { OutputFile } from '../../src/cli/output-file.ts';

const root = mkdtempSync(join(tmpdir(), 'mg-server-'));
const dist = join(root, 'dist');
const models = join(root, 'models');
const media = join(root, 'media');
let server: RenderServer;
let output: OutputFile;

beforeAll(async () => {
  for (const d of [dist, models, media]) mkdirSync(d);
  writeFileSync(join(dist, 'headless.html'), '<!doctype html>');
  writeFileSync(join(models, 'installed.json'), '{}');
  writeFileSync(join(media, 'clip.mp4'), 'clip bytes');
  writeFileSync(join(media, 'other.mp4'), 'private');
  writeFileSync(join(root, 'secret.txt'), 'secret');
  output = OutputFile.create(join(root, 'out.mp4'));
  server = await startRenderServer({ distDir: dist, modelsDir: models, onChunk: (c, p) => output.write(c, p) });
});
afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

describe('render server', () => {
  it('serves the app and models cross-origin isolated', async () => {
    const page = await fetch(`${server.origin}/headless.html`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(page.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect((await fetch(`${server.origin}/models/installed.json`)).status).toBe(200);
  });

  it('serves registered media only, with ranges', async () => {
    const url = server.addMedia(join(media, 'clip.mp4'));
    expect(await (await fetch(server.origin + url)).text()).toBe('clip bytes');
    const part = await fetch(server.origin + url, { headers: { Range: 'bytes=5-' } });
    expect(part.status).toBe(206);
    expect(await part.text()).toBe('bytes');
    const guessed = url.replace(/\/0\//, '/1/').replace('clip.mp4', 'other.mp4');
    expect((await fetch(server.origin + guessed)).status).toBe(404);
  });

  it('does not serve files outside its folders', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/models/..%2fsecret.txt', '/models/../../secret.txt']) {
      const res = await fetch(server.origin + path);
      expect(res.status, path).toBe(404);
    }
  });

  it('writes POSTed chunks at their positions; OUT appears only on commit', async () => {
    const post = (text: string, position: number) =>
      fetch(`${server.origin}${server.sinkPath}?position=${position}`, { method: 'POST', body: text });
    expect((await post('hello world', 0)).status).toBe(204);
    expect((await post('HELLO', 0)).status).toBe(204);
    expect((await fetch(`${server.origin}/__sink/wrong?position=0`, { method: 'POST', body: 'x' })).status).toBe(405);
    expect(existsSync(join(root, 'out.mp4'))).toBe(false);
    await output.commit();
    expect(readFileSync(join(root, 'out.mp4'), 'utf8')).toBe('HELLO world');
    expect(readdirSync(root).filter((f) => f.endsWith('.part'))).toEqual([]);
  });
});

describe('OutputFile', () => {
  it('leaves nothing behind when discarded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mg-out-'));
    const file = OutputFile.create(join(dir, 'x.mp4'));
    await file.write(new Uint8Array([1, 2, 3]), 0);
    expect(readdirSync(dir)).toHaveLength(1);
    file.discard();
    expect(readdirSync(dir)).toEqual([]);
    rmSync(dir, { recursive: true });
  });
  it('names a missing output folder', () => {
    expect(() => OutputFile.create('/no/such/folder/x.mp4')).toThrow(/output folder \/no\/such\/folder does not exist/);
  });
});
