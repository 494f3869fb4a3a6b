import { describe, expect, it } from 'vitest';
import { matchNodeTypes } from '../../src/app/search/match-node-types.ts';

const types = [
  { type: 'VideoSource', label: 'Video', category: 'Source', description: 'Decodes a video file frame by frame.' },
  { type: 'RvmMatte', label: 'RVM matte', category: 'Matte', description: 'Robust Video Matting: the alpha matte.' },
  { type: 'Composite', label: 'Composite', category: 'Composite', description: 'Puts the foreground over the plate.' },
  { type: 'Export', label: 'Export', category: 'Output', description: 'Encodes an MP4 video.' },
];

describe('node search matching', () => {
  it('lists everything for an empty query, in registry order', () => {
    expect(matchNodeTypes(types, '  ').map((t) => t.type)).toEqual(['VideoSource', 'RvmMatte', 'Composite', 'Export']);
  });
  it('ranks label matches before description matches', () => {
    expect(matchNodeTypes(types, 'video').map((t) => t.type)).toEqual(['VideoSource', 'RvmMatte', 'Export']);
    expect(matchNodeTypes(types, 'matte').map((t) => t.type)).toEqual(['RvmMatte']);
  });
  it('needs every word, in any field, case-insensitive', () => {
    expect(matchNodeTypes(types, 'OUTPUT mp4').map((t) => t.type)).toEqual(['Export']);
    expect(matchNodeTypes(types, 'rvm plate')).toEqual([]);
    expect(matchNodeTypes(types, 'comp').map((t) => t.type)).toEqual(['Composite']);
  });
});
