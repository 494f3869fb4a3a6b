// The Composite node's params: their schema (what the inspector shows) and the typed settings
// the GPU passes take. Params missing from a graph take their defaults, which reproduce the
// original node: straight fgr + pha, plate stretched to the frame, no edge treatment.

import type { ParamSpec, Params, ParamsSchema } from '../../src/graph/types.ts';
import type { PlateAlign, PlateFit } from './plate-layout.ts';

export const compositeParams = {
  foreground: {
    kind: 'enum', label: 'Foreground', default: 'straight',
    options: [
      { value: 'straight', label: 'Straight (fgr + pha)' },
      { value: 'premultiplied', label: 'Premultiplied RGBA' },
    ],
    help: 'Straight: colour not multiplied by alpha, as RVM and the Color Key give it. Premultiplied: colour already multiplied by alpha. Alpha is the Matte input, or the foreground\'s own alpha when no matte is connected.',
  },
  plateFit: {
    kind: 'enum', label: 'Plate size', default: 'stretch',
    options: [
      { value: 'stretch', label: 'Stretch to the frame' },
      { value: 'fit', label: 'Fit (whole plate, black bars)' },
      { value: 'fill', label: 'Fill (cover the frame, crop)' },
      { value: 'none', label: 'None (pixel for pixel)' },
    ],
    help: 'How a plate of another size or shape than the frame is scaled. Fit and fill keep its aspect ratio.',
  },
  plateAlign: {
    kind: 'enum', label: 'Plate anchor', default: 'center',
    options: [
      { value: 'top-left', label: 'Top left' }, { value: 'top', label: 'Top' }, { value: 'top-right', label: 'Top right' },
      { value: 'left', label: 'Left' }, { value: 'center', label: 'Centre' }, { value: 'right', label: 'Right' },
      { value: 'bottom-left', label: 'Bottom left' }, { value: 'bottom', label: 'Bottom' }, { value: 'bottom-right', label: 'Bottom right' },
    ],
    help: 'Which side of the frame the plate keeps to when it is smaller or larger than the frame.',
  },
  plateX: {
    kind: 'number', label: 'Plate x (px)', default: 0, step: 1,
    help: 'Moves the plate right (negative: left), in frame pixels.',
  },
  plateY: {
    kind: 'number', label: 'Plate y (px)', default: 0, step: 1,
    help: 'Moves the plate up (negative: down), in frame pixels: y is up, as in Nuke.',
  },
  despill: {
    kind: 'number', label: 'Despill', default: 0, min: 0, max: 1, step: 0.05,
    help: 'Removes this much of the screen colour cast from the foreground (0: off). Greys and skin are left alone.',
  },
  despillScreen: {
    kind: 'enum', label: 'Despill screen', default: 'green',
    options: [
      { value: 'green', label: 'Green' },
      { value: 'blue', label: 'Blue' },
      { value: 'custom', label: 'Picked colour' },
    ],
    help: 'The colour of the screen the foreground was shot against.',
  },
  despillColor: {
    kind: 'color', label: 'Picked screen colour', default: '#00ff00',
    help: 'The screen colour for despill when Despill screen is "Picked colour".',
  },
  decontaminate: {
    kind: 'number', label: 'Edge decontaminate', default: 0, min: 0, max: 1, step: 0.05,
    help: 'Replaces the old background showing through semi-transparent edges with the colour of the solid foreground nearby (0: off).',
  },
  decontaminateRadius: {
    kind: 'number', label: 'Decontaminate reach (px)', default: 8, min: 1, max: 64, step: 1,
    help: 'How far from an edge pixel to look for solid foreground colour.',
  },
  lightWrap: {
    kind: 'number', label: 'Light wrap', default: 0, min: 0, max: 1, step: 0.05,
    help: 'How much of the blurred plate bleeds onto the foreground\'s edges (0: off).',
  },
  lightWrapWidth: {
    kind: 'number', label: 'Light wrap width (px)', default: 12, min: 1, max: 128, step: 1,
    help: 'How far the wrap reaches into the foreground from its edge.',
  },
} as const satisfies ParamsSchema;

export interface CompositeSettings {
  premultiplied: boolean;
  plateFit: PlateFit;
  plateAlign: PlateAlign;
  plateX: number;
  plateY: number;
  despill: number;
  /** The screen colour, 0..1 per channel. */
  despillScreen: [number, number, number];
  decontaminate: number;
  decontaminateRadius: number;
  lightWrap: number;
  lightWrapWidth: number;
}

type Key = keyof typeof compositeParams;

function enumParam<T extends string>(params: Params, key: Key): T {
  const spec = compositeParams[key];
  const value = params[key] ?? spec.default;
  if (spec.kind !== 'enum' || !spec.options.some((o) => o.value === value)) {
    throw new Error(`${spec.label}: "${String(value)}" is not one of ${spec.kind === 'enum' ? spec.options.map((o) => o.value).join(', ') : ''}`);
  }
  return value as T;
}

function numberParam(params: Params, key: Key): number {
  const spec: ParamSpec = compositeParams[key];
  const value = params[key] ?? spec.default;
  if (spec.kind !== 'number' || typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`${spec.label} must be a number, not "${String(value)}"`);
  }
  return Math.min(spec.max ?? Infinity, Math.max(spec.min ?? -Infinity, value));
}

/** '#rrggbb' to 0..1 channels. */
export function hexToUnit(value: string): [number, number, number] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(value.trim());
  if (!m) throw new Error(`Screen colour "${value}" is not a colour: use a hex colour like #00ff00`);
  return [m[1], m[2], m[3]].map((h) => parseInt(h, 16) / 255) as [number, number, number];
}

function screenColour(params: Params): [number, number, number] {
  const screen = enumParam<'green' | 'blue' | 'custom'>(params, 'despillScreen');
  if (screen === 'green') return [0, 1, 0];
  if (screen === 'blue') return [0, 0, 1];
  return hexToUnit(String(params.despillColor ?? compositeParams.despillColor.default));
}

export function readCompositeSettings(params: Params): CompositeSettings {
  return {
    premultiplied: enumParam(params, 'foreground') === 'premultiplied',
    plateFit: enumParam<PlateFit>(params, 'plateFit'),
    plateAlign: enumParam<PlateAlign>(params, 'plateAlign'),
    plateX: numberParam(params, 'plateX'),
    plateY: numberParam(params, 'plateY'),
    despill: numberParam(params, 'despill'),
    despillScreen: screenColour(params),
    decontaminate: numberParam(params, 'decontaminate'),
    decontaminateRadius: numberParam(params, 'decontaminateRadius'),
    lightWrap: numberParam(params, 'lightWrap'),
    lightWrapWidth: numberParam(params, 'lightWrapWidth'),
  };
}

/** The screen colour's chroma (colour minus its grey), the direction despill removes. */
export function despillHue([r, g, b]: readonly number[]): [number, number, number] {
  const mean = (r + g + b) / 3;
  return [r - mean, g - mean, b - mean];
}
