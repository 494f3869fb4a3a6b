// Runs the render CLI as a user would (node + tsx, no npm noise on stderr) and collects its output.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { repoRoot } from '../support/shared-paths.ts';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stderr lines, blank ones dropped. */
  lines: string[];
  seconds: number;
}

const tsxCli = resolve(repoRoot, 'node_modules/tsx/dist/cli.mjs');

export function runCli(script: 'render' | 'bench', args: string[], options: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {}): Promise<CliRun> {
  const started = Date.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [tsxCli, resolve(repoRoot, `src/cli/${script}.ts`), ...args], {
      cwd: options.cwd ?? repoRoot,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b));
    child.stderr.on('data', (b: Buffer) => (stderr += b));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 150_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr, lines: stderr.split('\n').filter((l) => l.trim()), seconds: (Date.now() - started) / 1000 });
    });
  });
}

/** Files in `dir` a render may have left: the output or its temp file. */
export const leftovers = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.mp4') || f.endsWith('.part'));
