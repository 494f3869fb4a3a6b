// The Matte Ops params read into checked settings, and which stages of the chain are active.
// Plain TypeScript, shared by the node and the tests.
//
// The chain always runs in this order, each stage skipped at its neutral value:
// combine with B → threshold → choke / grow → blur → invert.

import type { Params } from '../../src/graph/types.ts';

/** How A (the main input) and B are combined, per pixel (values 0..1). */
export const COMBINE_MODES = [
  { value: 'off', label: 'Off (A only)' },
  { value: 'max', label: 'Max: union' },
  { value: 'min', label: 'Min: intersection' },
  { value: 'multiply', label: 'Multiply: A·B' },
  { value: 'screen', label: 'Screen: A + B − A·B' },
  { value: 'add', label: 'Add: A + B, at most 1' },
  { value: 'subtract', label: 'Subtract: A − B, at least 0' },
  { value: 'out', label: 'Hold out: A·(1 − B)' },
  { value: 'difference', label: 'Difference: |A − B|' },
] as const;

export type CombineMode = (typeof COMBINE_MODES)[number]['value'];

/** The code of each mode in shaders/matte-combine.wgsl (index in COMBINE_MODES). */
export const combineCode = (mode: CombineMode) => COMBINE_MODES.findIndex((m) => m.value === mode);

export const combineLabel = (mode: CombineMode) => COMBINE_MODES.find((m) => m.value === mode)!.label;

export interface MatteOpsSettings {
  combine: CombineMode;
  threshold: boolean;
  /** Threshold level, 0..1: the matte becomes 1 at and above it, 0 below. */
  level: number;
  /** Width of a linear ramp centred on the level (0: a hard step). */
  softness: number;
  /** Pixels: < 0 shrinks (erodes) the matte, > 0 grows (dilates) it. */
  choke: number;
  /** Pixels (the Gaussian's σ is half of it), as the Color Key's matte blur. */
  blur: number;
  invert: boolean;
}

/** Allowed ranges, also used for the params schema. */
export const RANGES = {
  level: { min: 0, max: 1, default: 0.5 },
  softness: { min: 0, max: 1, default: 0 },
  choke: { min: -25, max: 25, default: 0 },
  blur: { min: 0, max: 100, default: 0 },
} as const;

const LABELS: Record<keyof typeof RANGES, string> = {
  level: 'threshold level', softness: 'threshold softness', choke: 'choke / grow', blur: 'blur',
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

function flag(params: Params, name: string, label: string): boolean {
  const raw = params[name] ?? false;
  if (raw === true || raw === 'true') return true;
  if (raw === false || raw === 'false') return false;
  throw new Error(`${label} must be on or off (true or false), not "${String(raw)}"`);
}

export function readSettings(params: Params): MatteOpsSettings {
  const combine = String(params.combine ?? 'off');
  if (!COMBINE_MODES.some((m) => m.value === combine)) {
    throw new Error(`combine must be one of ${COMBINE_MODES.map((m) => m.value).join(', ')} (it is "${combine}")`);
  }
  return {
    combine: combine as CombineMode,
    threshold: flag(params, 'threshold', 'threshold'),
    level: number(params, 'level'),
    softness: number(params, 'softness'),
    choke: number(params, 'choke'),
    blur: number(params, 'blur'),
    invert: flag(params, 'invert', 'invert'),
  };
}

/** The stages that change the matte, in chain order, for the node's status ("nothing" = pass-through). */
export function activeStages(s: MatteOpsSettings): string[] {
  const fmt = (v: number) => String(Math.round(v * 100) / 100);
  const stages: string[] = [];
  if (s.combine !== 'off') stages.push(`${s.combine} B`);
  if (s.threshold) stages.push(`threshold ${fmt(s.level)}${s.softness > 0 ? ` ±${fmt(s.softness / 2)}` : ''}`);
  if (s.choke !== 0) stages.push(`${s.choke < 0 ? 'choke' : 'grow'} ${fmt(Math.abs(s.choke))} px`);
  if (s.blur > 0) stages.push(`blur ${fmt(s.blur)} px`);
  if (s.invert) stages.push('invert');
  return stages;
}
