// Matte Ops params: defaults are a pass-through, values are checked with plain messages, and the
// node's status names the active stages in chain order.

import { describe, expect, it } from 'vitest';
import { matteOps } from '../../nodes/matte-ops/definition.ts';
import { activeStages, COMBINE_MODES, readSettings } from '../../nodes/matte-ops/matte-ops-settings.ts';

const defaults = Object.fromEntries(Object.entries(matteOps.params).map(([k, spec]) => [k, spec.default]));

describe('Matte Ops settings', () => {
  it('the schema defaults and missing params both read as no stage at all', () => {
    expect(activeStages(readSettings(defaults))).toEqual([]);
    expect(readSettings({})).toEqual(readSettings(defaults));
  });

  it('offers every combine mode in the inspector, Off first', () => {
    const combine = matteOps.params.combine;
    expect(combine.kind === 'enum' && combine.options.map((o) => o.value)).toEqual(COMBINE_MODES.map((m) => m.value));
    expect(combine.default).toBe('off');
  });

  it('names the active stages in chain order', () => {
    const s = readSettings({ invert: true, blur: 2.5, choke: 3, threshold: true, level: 0.25, softness: 0.1, combine: 'min' });
    expect(activeStages(s)).toEqual(['min B', 'threshold 0.25 ±0.05', 'grow 3 px', 'blur 2.5 px', 'invert']);
    expect(activeStages(readSettings({ choke: -1.5 }))).toEqual(['choke 1.5 px']);
  });

  it('accepts numbers and booleans given as text (as on the command line)', () => {
    expect(readSettings({ choke: '-2', threshold: 'true', invert: 'false' })).toMatchObject({ choke: -2, threshold: true, invert: false });
  });

  it('rejects values out of range or of the wrong kind with a plain message', () => {
    expect(() => readSettings({ level: 1.5 })).toThrow('threshold level must be between 0 and 1 (it is 1.5)');
    expect(() => readSettings({ blur: -1 })).toThrow('blur must be between 0 and 100 (it is -1)');
    expect(() => readSettings({ softness: '' })).toThrow('threshold softness must be a number, not ""');
    expect(() => readSettings({ invert: 1 })).toThrow('invert must be on or off (true or false), not "1"');
    expect(() => readSettings({ combine: 'xor' })).toThrow('combine must be one of off, max, min');
  });
});
