// Where the CLI finds the project: its root (for dist/ and the build) and the models folder.

import { resolve } from 'node:path';

export const projectRoot = resolve(import.meta.dirname, '../..');
/** The built app the CLI serves; $MATTEGRAPH_DIST points at another build (never rebuilt then). */
export const distDir = process.env.MATTEGRAPH_DIST ? resolve(process.env.MATTEGRAPH_DIST) : resolve(projectRoot, 'dist');
export const customDist = Boolean(process.env.MATTEGRAPH_DIST);

/** `--models DIR` or $MATTEGRAPH_MODELS_DIR (relative to the cwd), else the project's models/. */
export function modelsDirFor(option: string | undefined, cwd = userCwd()): string {
  return option ? resolve(cwd, option) : resolve(projectRoot, 'models');
}

/**
 * The folder the user typed the command in. `npm run` starts scripts in the project root and
 * passes the user's folder as INIT_CWD; trust it only when npm started this very script.
 */
export function userCwd(): string {
  const viaNpm = ['render', 'bench'].includes(process.env.npm_lifecycle_event ?? '');
  return viaNpm && process.env.INIT_CWD ? process.env.INIT_CWD : process.cwd();
}
