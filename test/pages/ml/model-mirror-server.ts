// Node side of the model download tests: a local "mirror" on another port than the page (so
// the page's fetch is a real cross-origin, CORS-checked request), serving one model file.
// `slow` sends it in small chunks with pauses, so a test can watch progress and cancel.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';

export interface MirrorServer {
  /** Address of the file (with CORS): `${origin}/model.onnx`; without CORS: `${origin}/no-cors/model.onnx`. */
  origin: string;
  slow: boolean;
  /** Requests answered so far. */
  requests: number;
  close(): Promise<void>;
}

export async function startMirror(file: string): Promise<MirrorServer> {
  const bytes = readFileSync(file);
  const state = { slow: false, requests: 0 };
  const server: Server = createServer((req, res) => {
    state.requests++;
    const cors = !req.url?.startsWith('/no-cors/');
    res.writeHead(200, {
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(bytes.length),
      ...(cors ? { 'Access-Control-Allow-Origin': '*' } : {}),
    });
    if (!state.slow) {
      res.end(bytes);
      return;
    }
    let at = 0;
    const step = 64 * 1024;
    const send = () => {
      if (res.destroyed) return;
      if (at >= bytes.length) return void res.end();
      res.write(bytes.subarray(at, at + step));
      at += step;
      setTimeout(send, 60);
    };
    send();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const mirror: MirrorServer = {
    origin: `http://127.0.0.1:${port}`,
    get slow() {
      return state.slow;
    },
    set slow(v: boolean) {
      state.slow = v;
    },
    get requests() {
      return state.requests;
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
  return mirror;
}
