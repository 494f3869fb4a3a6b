// Undo/redo over immutable snapshots (the editor keeps GraphDocuments here). A step may belong
// to a group: the next step of the same group replaces it instead of adding one, so a slider
// drag or a node drag is one undo step however many edits it made.

export interface History<T> {
  readonly past: readonly T[];
  readonly present: T;
  readonly future: readonly T[];
  /** Group of the newest step; a new step with the same group merges into it. */
  readonly group?: string;
}

/** Steps kept; older ones are forgotten. */
export const HISTORY_LIMIT = 300;

export const startHistory = <T>(present: T): History<T> => ({ past: [], present, future: [] });

/** Records `next` as the new present. The same object as the present records nothing. */
export function record<T>(h: History<T>, next: T, group?: string, limit = HISTORY_LIMIT): History<T> {
  if (next === h.present) return h;
  if (group !== undefined && group === h.group && h.past.length > 0) {
    return { past: h.past, present: next, future: [], group };
  }
  const past = h.past.length >= limit ? [...h.past.slice(h.past.length - limit + 1), h.present] : [...h.past, h.present];
  return { past, present: next, future: [], group };
}

export function undo<T>(h: History<T>): History<T> {
  if (!h.past.length) return h;
  return { past: h.past.slice(0, -1), present: h.past[h.past.length - 1], future: [h.present, ...h.future] };
}

export function redo<T>(h: History<T>): History<T> {
  if (!h.future.length) return h;
  return { past: [...h.past, h.present], present: h.future[0], future: h.future.slice(1) };
}
