// Makes sure dist/ holds a build of the app the CLI can serve: builds it with `npx vite build`
// when dist/headless.html is missing or older than the sources (saying so on stderr), one
// process at a time.

import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { withBuildLock } from './build-lock.ts';
import { CliError } from './cli-error.ts';
import { customDist, distDir } from './project-paths.ts';

/** Files whose change changes the built page (tests and the CLI's Node side do not). */
const sourceRoots = ['src', 'nodes', 'shaders', 'headless.html', 'index.html', 'vite.config.ts', 'package-lock.json'];
const nodeOnly = /(^|\/)src\/cli\/(?!headless-)[^/]+$|\.test\.ts$/;

function newestMtime(root: string, rel: string): number {
  const path = join(root, rel);
  let info;
  try {
    info = statSync(path);
  } catch {
    return 0;
  }
  if (info.isFile()) return nodeOnly.test(rel) ? 0 : info.mtimeMs;
  if (!info.isDirectory()) return 0;
  let newest = 0;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(root, `${rel}/${name}`));
  return newest;
}

/** Why dist/ needs a build, or undefined when it is fine. */
export function buildReason(root: string, checkStale: boolean): string | undefined {
  const page = join(root, 'dist', 'headless.html');
  if (!existsSync(page)) return 'dist/headless.html is missing';
  if (!checkStale) return undefined;
  const built = statSync(page).mtimeMs;
  const newest = Math.max(...sourceRoots.map((r) => newestMtime(root, r)));
  return newest > built ? 'dist/ is older than the sources' : undefined;
}

export async function ensureBuilt(root: string, opts: { checkStale: boolean; verbose: boolean; log(line: string): void }) {
  if (customDist) {
    if (!existsSync(join(distDir, 'headless.html'))) throw new CliError(`$MATTEGRAPH_DIST has no headless.html: ${distDir}`);
    return;
  }
  if (!buildReason(root, opts.checkStale)) return;
  await withBuildLock(join(root, '.dist-build-lock'), async () => {
    // Another render may have built it while this one waited.
    const reason = buildReason(root, opts.checkStale);
    if (reason) await build(root, reason, opts);
  });
}

async function build(root: string, reason: string, opts: { verbose: boolean; log(line: string): void }) {
  opts.log(`${reason}: building the app (npx vite build)...`);
  const started = Date.now();
  const output: string[] = [];
  const code = await new Promise<number>((done) => {
    const child = spawn('npx', ['vite', 'build'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const collect = (b: Buffer) => {
      if (opts.verbose) process.stderr.write(b);
      output.push(b.toString());
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', () => done(-1));
    child.on('close', (c) => done(c ?? -1));
  });
  if (code !== 0) {
    if (!opts.verbose) process.stderr.write(output.join('').split('\n').slice(-20).join('\n') + '\n');
    throw new CliError(`building the app failed (npx vite build exited with ${code})`);
  }
  opts.log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
