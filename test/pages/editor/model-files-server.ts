// Node side of the "Download from URL…" tests: a local server on another port than the page (so
// the page's fetch is a real cross-origin, CORS-checked request) serving named files; any other
// path answers 404 (with CORS, so the page sees the status). `slow` sends files in small chunks
// with pauses, so a test can watch progress and cancel.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ModelFilesServer {
  origin: string;
  slow: boolean;
  /** Paths asked for so far, in order. */
  readonly asked: string[];
  close(): Promise<void>;
}

export async function startModelFilesServer(files: Record<string, Uint8Array>): Promise<ModelFilesServer> {
  const asked: string[] = [];
  const state = { slow: false };
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    asked.push(path);
    const bytes = files[path];
    const cors = { 'Access-Control-Allow-Origin': '*' };
    if (!bytes) {
      res.writeHead(404, { ...cors, 'Content-Type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { ...cors, 'Content-Type': 'application/octet-stream', 'Content-Length': String(bytes.length) });
    if (!state.slow) return void res.end(bytes);
    let at = 0;
    const send = () => {
      if (res.destroyed) return;
      if (at >= bytes.length) return void res.end();
      res.write(bytes.subarray(at, at + 64 * 1024));
      at += 64 * 1024;
      setTimeout(send, 60);
    };
    send();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    get slow() {
      return state.slow;
    },
    set slow(v: boolean) {
      state.slow = v;
    },
    asked,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
