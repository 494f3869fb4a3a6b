// The Color Key's params read into checked settings (numbers in range, a usable screen colour).
// Plain TypeScript, shared by the node and the tests.

import type { Params } from '../../src/graph/types.ts';
import { parseHexColor } from '../background-plate/parse-color.ts';

export type OutputMode = 'final' | 'matte' | 'status';
export const OUTPUT_MODES: readonly OutputMode[] = ['final', 'matte', 'status'];

export interface ColorKeySettings {
  /** Screen colour, 0..255 channels. */
  screen: [number, number, number];
  tolerance: number;
  softness: number;
  clipBlack: number;
  clipWhite: number;
  despillAmount: number;
  despillBias: number;
  /** Pixels: < 0 erodes the matte, > 0 dilates it. */
  choke: number;
  /** Pixels (the Gaussian's σ is half of it). */
  blur: number;
  mode: OutputMode;
}

/** Allowed ranges, also used for the params schema. */
export const RANGES = {
  tolerance: { min: 0, max: 0.9, default: 0.08 },
  softness: { min: 0.05, max: 1, default: 1 },
  clipBlack: { min: 0, max: 1, default: 0 },
  clipWhite: { min: 0, max: 1, default: 1 },
  despillAmount: { min: 0, max: 1, default: 1 },
  despillBias: { min: -0.5, max: 0.5, default: 0 },
  choke: { min: -10, max: 10, default: 0 },
  blur: { min: 0, max: 50, default: 0 },
} as const;

export const DEFAULT_SCREEN_COLOR = '#00b140';

const LABELS: Record<keyof typeof RANGES, string> = {
  tolerance: 'tolerance', softness: 'softness', clipBlack: 'clip black', clipWhite: 'clip white',
  despillAmount: 'despill amount', despillBias: 'despill bias', choke: 'choke', blur: 'matte blur',
};

function number(params: Params, name: keyof typeof RANGES): number {
  const range = RANGES[name];
  const raw = params[name] ?? range.default;
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  if (!Number.isFinite(value)) throw new Error(`${LABELS[name]} must be a number, not "${String(raw)}"`);
  if (value < range.min || value > range.max) {
    throw new Error(`${LABELS[name]} must be between ${range.min} and ${range.max} (it is ${value})`);
  }
  return value;
}

export function readSettings(params: Params): ColorKeySettings {
  const mode = String(params.outputMode ?? 'final');
  if (!OUTPUT_MODES.includes(mode as OutputMode)) {
    throw new Error(`output mode must be one of ${OUTPUT_MODES.join(', ')} (it is "${mode}")`);
  }
  return {
    screen: parseHexColor(String(params.screenColor ?? DEFAULT_SCREEN_COLOR)),
    tolerance: number(params, 'tolerance'),
    softness: number(params, 'softness'),
    clipBlack: number(params, 'clipBlack'),
    clipWhite: number(params, 'clipWhite'),
    despillAmount: number(params, 'despillAmount'),
    despillBias: number(params, 'despillBias'),
    choke: number(params, 'choke'),
    blur: number(params, 'blur'),
    mode: mode as OutputMode,
  };
}
