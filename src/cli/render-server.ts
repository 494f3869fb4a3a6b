// The small HTTP server a headless render talks to, on 127.0.0.1 at a random port:
// the built app (dist/), /models/ from the models folder, the graph's local media files (only
// those, under a private prefix), and a POST endpoint receiving the output's bytes. Every response
// is cross-origin isolated so onnxruntime-web can use WASM threads.

import { createReadStream, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, extname, join, normalize, sep } from 'node:path';
import { randomBytes } from 'node:crypto';

const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const mime: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.mp4': 'video/mp4',
  '.mov': 'video/quicktime',
  '.webm': 'video/webm',
  '.mkv': 'video/x-matroska',
  '.onnx': 'application/octet-stream',
  '.wgsl': 'text/plain',
};

export interface RenderServerOptions {
  distDir: string;
  modelsDir: string;
  /**
   * Receives the output's bytes in order; the POST is answered once this resolves. `file` names
   * a second file of the render (a matte video, a PNG of a sequence); absent for the main output.
   */
  onChunk?(chunk: Buffer, position: number, file?: string): Promise<void>;
  /** Extra GET routes (bench data), by exact URL path. */
  extraFiles?: Record<string, string>;
  log?(line: string): void;
}

export interface RenderServer {
  origin: string;
  /** The URL path the page may fetch `file` at; only registered files are served. */
  addMedia(file: string): string;
  sinkPath: string;
  close(): Promise<void>;
}

export async function startRenderServer(options: RenderServerOptions): Promise<RenderServer> {
  const token = randomBytes(12).toString('hex');
  const mediaPrefix = `/__media/${token}/`;
  const sinkPath = `/__sink/${token}`;
  const media: string[] = [];
  const log = options.log ?? (() => {});

  const server = createServer((req, res) => {
    handle(req, res).catch((e: Error) => {
      log(`server: ${req.method} ${req.url}: ${e.message}`);
      if (!res.headersSent) send(res, 500, e.message);
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (req.method === 'POST' && path === sinkPath) return receiveChunk(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed');
    if (path.startsWith(mediaPrefix)) {
      const index = Number(path.slice(mediaPrefix.length).split('/')[0]);
      const file = media[index];
      return file ? serveFile(req, res, file) : send(res, 404, 'not found');
    }
    const extra = options.extraFiles?.[path];
    if (extra) return serveFile(req, res, extra);
    if (path.startsWith('/models/')) return serveBelow(req, res, options.modelsDir, path.slice('/models/'.length));
    return serveBelow(req, res, options.distDir, path === '/' ? 'index.html' : path.slice(1));
  }

  async function receiveChunk(req: IncomingMessage, res: ServerResponse) {
    const query = new URL(req.url ?? '/', 'http://x').searchParams;
    const position = Number(query.get('position'));
    if (!Number.isSafeInteger(position) || position < 0 || !options.onChunk) return send(res, 400, 'bad position');
    const parts: Buffer[] = [];
    for await (const part of req) parts.push(part as Buffer);
    await options.onChunk(Buffer.concat(parts), position, query.get('file') ?? undefined);
    res.writeHead(204, isolationHeaders).end();
  }

  async function serveBelow(req: IncomingMessage, res: ServerResponse, dir: string, rel: string) {
    const file = normalize(join(dir, rel));
    if (!file.startsWith(normalize(dir) + sep)) return send(res, 404, 'not found');
    return serveFile(req, res, file);
  }

  async function serveFile(req: IncomingMessage, res: ServerResponse, file: string) {
    let info: Stats;
    try {
      info = await stat(file);
    } catch {
      log(`server: 404 ${req.url}`);
      return send(res, 404, 'not found');
    }
    if (!info.isFile()) return send(res, 404, 'not found');
    const headers: Record<string, string> = {
      ...isolationHeaders,
      'Content-Type': mime[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Accept-Ranges': 'bytes',
      'Cache-Control': 'no-store',
    };
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    let start = 0;
    let end = info.size - 1;
    if (range) {
      start = Number(range[1]);
      end = range[2] ? Math.min(Number(range[2]), end) : end;
      if (start > end) {
        res.writeHead(416, { ...headers, 'Content-Range': `bytes */${info.size}` }).end();
        return;
      }
      headers['Content-Range'] = `bytes ${start}-${end}/${info.size}`;
    }
    headers['Content-Length'] = String(Math.max(0, end - start + 1));
    res.writeHead(range ? 206 : 200, headers);
    if (req.method === 'HEAD' || info.size === 0) return void res.end();
    await new Promise<void>((done, fail) => {
      createReadStream(file, { start, end }).on('error', fail).on('end', done).pipe(res);
    });
  }

  await new Promise<void>((ready, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ready());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    sinkPath,
    addMedia(file) {
      let index = media.indexOf(file);
      if (index < 0) index = media.push(file) - 1;
      return `${mediaPrefix}${index}/${encodeURIComponent(basename(file))}`;
    },
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

function send(res: ServerResponse, status: number, text: string) {
  res.writeHead(status, { ...isolationHeaders, 'Content-Type': 'text/plain' }).end(text);
}
