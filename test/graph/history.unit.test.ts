import { describe, expect, it } from 'vitest';
import { record, redo, startHistory, undo } from '../../src/graph/history.ts';

describe('history', () => {
  it('undoes and redoes steps in order', () => {
    let h = startHistory('a');
    h = record(h, 'b');
    h = record(h, 'c');
    expect(h.present).toBe('c');
    h = undo(h);
    expect(h.present).toBe('b');
    h = undo(h);
    expect(h.present).toBe('a');
    expect(undo(h)).toBe(h); // nothing left to undo
    h = redo(redo(h));
    expect(h.present).toBe('c');
    expect(redo(h)).toBe(h);
  });

  it('merges steps of one group (a drag) into one step', () => {
    let h = startHistory(0);
    h = record(h, 1, 'drag-1');
    h = record(h, 2, 'drag-1');
    h = record(h, 3, 'drag-1');
    h = record(h, 4, 'drag-2');
    expect(h.past).toEqual([0, 3]);
    h = undo(h);
    expect(h.present).toBe(3);
    h = undo(h);
    expect(h.present).toBe(0);
  });

  it('a new step after an undo drops the redo list and never merges into the undone group', () => {
    let h = startHistory('a');
    h = record(h, 'b', 'g');
    h = undo(h);
    h = record(h, 'c', 'g');
    expect(h.past).toEqual(['a']);
    expect(h.future).toEqual([]);
    expect(undo(h).present).toBe('a');
  });

  it('records nothing for an unchanged present and forgets beyond the limit', () => {
    const h0 = startHistory({ n: 0 });
    expect(record(h0, h0.present)).toBe(h0);
    let h = startHistory(0);
    for (let i = 1; i <= 10; i++) h = record(h, i, undefined, 4);
    expect(h.past).toEqual([6, 7, 8, 9]);
  });
});
