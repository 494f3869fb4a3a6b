// One build of dist/ at a time. Renders started together on a fresh clone would otherwise each
// run `vite build` into the same folder (vite empties it first) and serve each other half a build.
// The lock is a folder (mkdir is atomic) holding the builder's pid: a waiter takes over the lock
// of a process that has died (a render killed mid-build leaves its folder behind).

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

function holderIsGone(lockDir: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(join(lockDir, 'pid'), 'utf8'));
  } catch {
    return false; // just made, its pid not written yet
  }
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Runs `run` holding the lock folder `lockDir`, after any other holder has finished. */
export async function withBuildLock<T>(lockDir: string, run: () => Promise<T>, pollMs = 250): Promise<T> {
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      if (holderIsGone(lockDir)) rmSync(lockDir, { recursive: true, force: true });
      else await sleep(pollMs);
    }
  }
  try {
    writeFileSync(join(lockDir, 'pid'), String(process.pid));
    return await run();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}
