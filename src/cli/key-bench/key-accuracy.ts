// The Color Key's accuracy for the bench: synthetic green-screen frames with known alpha (one set
// per screen setup) keyed by examples/color-key-alpha.json with only the screen colour picked,
// and by ffmpeg's colorkey and chromakey at their best grid-searched settings on the same frames.
// Scores are the mean absolute alpha error against the ground truth (0..1, lower is better).

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gridSearch, mean, meanAbsError, type KeyerResult } from './ffmpeg-keyers.ts';
import { GROUND_TRUTH_IDS, knownFrame, lightRange, writePng, type Lighting } from './green-screen-frames.ts';
import { KEY_EXAMPLE, renderKeyMattes, type KeyRenderOptions } from './key-render.ts';

export type ScreenSetup = Omit<Lighting, 'seed'> & { seed: number };

/** The two setups of the accuracy tests: a studio green, and a noisier chroma green lit worse. */
export const SCREEN_SETUPS: ScreenSetup[] = [
  { screen: [0x28, 0xbe, 0x46], noise: 2.5, unevenness: 1, seed: 500 },
  { screen: [0x00, 0xb1, 0x40], noise: 4, unevenness: 1.6, seed: 900 },
];

export interface KeyerSummary {
  error: number;
  similarity: number;
  blend: number;
  /** Mean of each frame's own best setting. */
  perFrameBest: number;
}

export interface ScreenAccuracy {
  screen: string;
  noise: number;
  light: { min: number; max: number };
  frames: number;
  colorKey: { error: number; perFrame: number[] };
  colorkey: KeyerSummary;
  chromakey: KeyerSummary;
}

export interface KeyAccuracyReport {
  graph: string;
  groundTruth: string;
  ids: string[];
  screens: ScreenAccuracy[];
}

export const screenHex = (rgb: readonly number[]) => `#${rgb.map((v) => v.toString(16).padStart(2, '0')).join('')}`;

/** Why the key part cannot run here, or undefined when it can. */
export function keyBenchUnavailable(groundTruth: string): string | undefined {
  if (!existsSync(groundTruth)) return `ground truth folder ${groundTruth} not found (set $MATTEGRAPH_SHARED or --ground-truth DIR)`;
  const missing = GROUND_TRUTH_IDS.filter((id) => !existsSync(join(groundTruth, `${id}_image.png`)) || !existsSync(join(groundTruth, `${id}_alpha.png`)));
  if (missing.length) return `ground truth folder ${groundTruth} lacks ${missing.map((id) => `${id}_image.png/${id}_alpha.png`).join(', ')}`;
  return undefined;
}

const summary = (r: KeyerResult): KeyerSummary => ({ error: r.best.error, similarity: r.best.similarity, blend: r.best.blend, perFrameBest: r.perFrameBest });

export async function measureKeyAccuracy(groundTruth: string, options: KeyRenderOptions, setups = SCREEN_SETUPS): Promise<KeyAccuracyReport> {
  const work = mkdtempSync(join(tmpdir(), 'mattegraph-keybench-'));
  try {
    const screens: ScreenAccuracy[] = [];
    for (const setup of setups) {
      const hex = screenHex(setup.screen);
      const frames = GROUND_TRUTH_IDS.map((id, k) => knownFrame(id, { ...setup, seed: setup.seed + k }, groundTruth));
      const stills = frames.map((f) => {
        const path = join(work, `${hex.slice(1)}-${f.id}.png`);
        writePng(f.pixels, path);
        return path;
      });
      options.log(`Color Key: ${frames.length} frames on a ${hex} screen through ${KEY_EXAMPLE}...`);
      const mattes = await renderKeyMattes(stills, hex, options);
      const perFrame = mattes.map((m, k) => {
        if (m.length !== frames[k].alpha.length) throw new Error(`the key's matte of ${frames[k].id} has ${m.length} pixels, the frame ${frames[k].alpha.length}`);
        return meanAbsError(m, 255, frames[k].alpha);
      });
      options.log(`ffmpeg colorkey/chromakey: grid search on the same ${frames.length} frames...`);
      const { width, height } = frames[0].pixels;
      const raw = frames.map((f) => f.pixels.rgba as Uint8Array);
      const truth = frames.map((f) => f.alpha);
      screens.push({
        screen: hex,
        noise: setup.noise,
        light: lightRange(setup.unevenness),
        frames: frames.length,
        colorKey: { error: mean(perFrame), perFrame },
        colorkey: summary(gridSearch('colorkey', hex, raw, width, height, truth)),
        chromakey: summary(gridSearch('chromakey', hex, raw, width, height, truth)),
      });
    }
    return { graph: KEY_EXAMPLE, groundTruth, ids: GROUND_TRUTH_IDS, screens };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
