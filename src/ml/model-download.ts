// Downloads a model file in the page: the response body is read chunk by chunk so progress can
// be shown and the download cancelled; bytes are counted against the expected size and the
// sha256 is checked before anything is handed on. Nothing is stored here: the caller stores
// the bytes only once they were accepted, so a cancelled or failed download leaves no trace.

import { sha256Hex } from './model-cache-identify.ts';
import { browserDownloadBlocker } from './model-download-source.ts';

export interface DownloadRequest {
  url: string;
  /** For messages: the file name or model label. */
  name: string;
  /** Null when unknown: the server's Content-Length is then the only size known. */
  expectedBytes: number | null;
  /** Null when unknown (the file is then identified by its bytes after download). */
  expectedSha256: string | null;
  signal?: AbortSignal;
  /** Bytes received so far and the total (undefined when neither manifest nor server says). */
  onProgress?(received: number, total: number | undefined): void;
}

export async function downloadModelBytes(req: DownloadRequest): Promise<Uint8Array> {
  const blocker = browserDownloadBlocker(req.url);
  if (blocker) throw new Error(`cannot download ${req.name}: ${blocker}`);
  let res: Response;
  try {
    res = await fetch(req.url, { signal: req.signal, mode: 'cors', cache: 'no-store' });
  } catch (e) {
    if (req.signal?.aborted) throw req.signal.reason;
    // The browser hides why (CORS refusal and an unreachable host look the same to a page).
    throw new Error(`cannot download ${req.name} from ${req.url}: the server is unreachable or sends no CORS header (${(e as Error).message})`);
  }
  if (!res.ok || !res.body) {
    const status = `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;
    const hint = res.status === 404 || res.status === 410 ? ': there is no file at that address' : '';
    throw new Error(`cannot download ${req.name}: ${status} from ${req.url}${hint}`);
  }
  const header = Number(res.headers.get('Content-Length') ?? NaN);
  const announced = Number.isFinite(header) && header > 0 && !res.headers.get('Content-Encoding') ? header : undefined;
  if (req.expectedBytes !== null && announced !== undefined && announced !== req.expectedBytes) {
    throw new Error(`cannot download ${req.name}: the server offers ${announced} bytes, expected ${req.expectedBytes}`);
  }
  const total = req.expectedBytes ?? announced;
  const bytes = await readBody(res.body, total, req);
  if (total !== undefined && bytes.length !== total) {
    throw new Error(`download of ${req.name} ended early: ${bytes.length} of ${total} bytes`);
  }
  if (req.expectedSha256 && (await sha256Hex(bytes)) !== req.expectedSha256) {
    throw new Error(`download of ${req.name} is not the expected file (its sha256 differs from the manifest's)`);
  }
  return bytes;
}

async function readBody(body: ReadableStream<Uint8Array>, total: number | undefined, req: DownloadRequest): Promise<Uint8Array> {
  const reader = body.getReader();
  // One buffer of the known size (no copy at the end); chunks otherwise.
  const whole = total !== undefined ? new Uint8Array(total) : undefined;
  const chunks: Uint8Array[] = [];
  let received = 0;
  const abort = () => void reader.cancel().catch(() => undefined);
  req.signal?.addEventListener('abort', abort, { once: true });
  try {
    req.onProgress?.(0, total);
    for (;;) {
      const { done, value } = await reader.read();
      req.signal?.throwIfAborted();
      if (done) break;
      if (whole) {
        if (received + value.length > whole.length) {
          throw new Error(`download of ${req.name} is larger than the expected ${whole.length} bytes`);
        }
        whole.set(value, received);
      } else {
        chunks.push(value);
      }
      received += value.length;
      req.onProgress?.(received, total);
    }
  } catch (e) {
    abort();
    if (req.signal?.aborted) throw req.signal.reason;
    throw e;
  } finally {
    req.signal?.removeEventListener('abort', abort);
  }
  if (whole) return received === whole.length ? whole : whole.subarray(0, received);
  const out = new Uint8Array(received);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
