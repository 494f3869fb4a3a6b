// Where the shared test assets live (never copied into the repo).
import { resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '../..');
export const sharedDir = process.env.MATTEGRAPH_SHARED ?? resolve(repoRoot, '../shared');
export const sharedMedia = (p: string) => resolve(sharedDir, 'media', p);
export const sharedModels = (p: string) => resolve(sharedDir, 'models', p);
