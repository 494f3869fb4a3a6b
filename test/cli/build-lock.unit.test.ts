// The dist/ build lock: renders started together build one after the other (the second finds
// the build done), and a lock left by a killed render does not block the next one.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withBuildLock } from '../../src/cli/build-lock.ts';

const lockIn = () => join(mkdtempSync(join(tmpdir(), 'mattegraph-lock-')), '.dist-build-lock');
const tick = () => new Promise((done) => setTimeout(done, 30));

describe('withBuildLock', () => {
  it('runs two builds one after the other, never at once', async () => {
    const lock = lockIn();
    const events: string[] = [];
    const build = (name: string) => withBuildLock(lock, async () => {
      events.push(`${name} start`);
      await tick();
      await tick();
      events.push(`${name} end`);
    }, 10);
    await Promise.all([build('a'), build('b')]);
    expect(events).toEqual(['a start', 'a end', 'b start', 'b end']);
    expect(existsSync(lock)).toBe(false);
  });

  it('lets go of the lock when the build fails', async () => {
    const lock = lockIn();
    await expect(withBuildLock(lock, async () => { throw new Error('vite failed'); })).rejects.toThrow('vite failed');
    expect(existsSync(lock)).toBe(false);
    await expect(withBuildLock(lock, async () => 'built')).resolves.toBe('built');
  });

  it('takes over a lock whose holder has died', async () => {
    const lock = lockIn();
    const dead = spawnSync(process.execPath, ['-e', 'process.pid']).pid!;
    mkdirSync(lock);
    writeFileSync(join(lock, 'pid'), String(dead));
    await expect(withBuildLock(lock, async () => 'built', 10)).resolves.toBe('built');
  });

  it('waits for a lock whose holder is alive', async () => {
    const lock = lockIn();
    mkdirSync(lock);
    writeFileSync(join(lock, 'pid'), String(process.pid));
    let built = false;
    const waiting = withBuildLock(lock, async () => { built = true; }, 10);
    await tick();
    expect(built).toBe(false);
    // The holder finishes: its folder goes, and the waiter builds.
    spawnSync('rm', ['-r', lock]);
    await waiting;
    expect(built).toBe(true);
  });
});
