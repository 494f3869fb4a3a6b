// Downloads official model files (GitHub release assets) with a progress bar, verifies size and
// sha256, and only then moves them into models/weights. Times out instead of hanging offline.

import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import type { OfficialModel } from '../../ml/manifest.ts';
import type { ModelEntry } from '../../ml/model-library.ts';
import { sha256File } from './hash-file.ts';
import { weightsDir, weightsPath, weightsUrl } from './installed-file.ts';
import { progressBar } from './progress.ts';

/** No response headers within this time: give up (offline machines often never answer). */
export const CONNECT_TIMEOUT_MS = 15_000;
/** No bytes for this long during a transfer: give up. */
export const STALL_TIMEOUT_MS = 30_000;

export const officialEntry = (m: OfficialModel): ModelEntry => ({
  id: m.id,
  family: m.family,
  label: m.label,
  precision: m.precision,
  official: true,
  ...(m.sha256 !== null ? { sha256: m.sha256 } : {}),
  ...(m.bytes !== null ? { bytes: m.bytes } : {}),
  url: weightsUrl(m.id),
  file: m.file,
});

export interface DownloadTimeouts {
  connectMs?: number;
  stallMs?: number;
}

/** Installs one official file; returns its entry, or throws a one-line reason. */
export async function downloadOfficial(m: OfficialModel, timeouts: DownloadTimeouts = {}): Promise<ModelEntry> {
  if (m.url === null || m.sha256 === null) {
    throw new Error(`no download address and hash are known for ${m.file}: import the file you have with: npm run models -- --from DIR`);
  }
  const dest = weightsPath(m.id);
  if (existsSync(dest) && (await sha256File(dest)) === m.sha256) {
    process.stderr.write(`${m.file}: already installed, sha256 ok\n`);
    return officialEntry(m);
  }
  mkdirSync(weightsDir, { recursive: true });
  const part = `${dest}.part`;
  try {
    await fetchTo({ ...m, url: m.url, sha256: m.sha256 }, part, { connectMs: CONNECT_TIMEOUT_MS, stallMs: STALL_TIMEOUT_MS, ...timeouts });
    renameSync(part, dest);
  } catch (e) {
    rmSync(part, { force: true });
    throw e;
  }
  return officialEntry(m);
}

async function fetchTo(
  m: OfficialModel & { url: string; sha256: string },
  part: string,
  { connectMs, stallMs }: Required<DownloadTimeouts>,
): Promise<void> {
  const abort = new AbortController();
  let timer = setTimeout(() => abort.abort(new Error(`no answer within ${connectMs / 1000} s`)), connectMs);
  const fail = (why: string): never => {
    throw new Error(`cannot download ${m.file} from ${m.url}: ${why}`);
  };
  try {
    let res: Response;
    try {
      res = await fetch(m.url, { signal: abort.signal, redirect: 'follow' });
    } catch (e) {
      return fail(networkReason(e, abort.signal));
    }
    if (!res.ok || !res.body) return fail(`HTTP ${res.status} ${res.statusText}`.trim());
    const total = Number(res.headers.get('content-length')) || m.bytes;
    const bar = progressBar(m.file, total);
    const hash = createHash('sha256');
    const out = createWriteStream(part);
    let done = 0;
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        clearTimeout(timer);
        timer = setTimeout(() => abort.abort(new Error(`transfer stalled for ${stallMs / 1000} s`)), stallMs);
        hash.update(chunk);
        if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
        done += chunk.length;
        bar.update(done);
      }
    } catch (e) {
      return fail(networkReason(e, abort.signal));
    } finally {
      bar.end();
      await new Promise<void>((r) => out.end(r));
    }
    if (m.bytes !== null && done !== m.bytes) fail(`got ${done} bytes, expected ${m.bytes}`);
    const sha = hash.digest('hex');
    if (sha !== m.sha256) fail(`sha256 is ${sha}, expected ${m.sha256} (file rejected)`);
  } finally {
    clearTimeout(timer);
  }
}

function networkReason(e: unknown, signal: AbortSignal): string {
  if (signal.aborted) return (signal.reason as Error)?.message ?? 'timed out';
  const err = e as Error & { cause?: { message?: string; code?: string } };
  return err.cause?.message ?? err.message;
}
