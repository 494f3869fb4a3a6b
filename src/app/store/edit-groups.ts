// Which undo step an edit belongs to. A gesture (dragging nodes, dragging a slider) is one
// step however many edits it makes; quick repeated edits of one thing (typing a value) are one
// step too.

let gesture: string | undefined;
let seq = 0;
let last: { key: string; at: number; group: string } | undefined;

/** Edits within this time of the previous edit of the same thing merge with it. */
const MERGE_MS = 1000;

export function beginGesture(): void {
  gesture = `gesture-${++seq}`;
}

export function endGesture(): void {
  gesture = undefined;
}

/** The history group for an edit of `key` (e.g. "param:matte.downsampleRatio"). */
export function groupFor(key?: string): string | undefined {
  if (gesture) return gesture;
  if (key === undefined) return undefined;
  const now = performance.now();
  if (last && last.key === key && now - last.at < MERGE_MS) {
    last.at = now;
    return last.group;
  }
  last = { key, at: now, group: `${key}#${++seq}` };
  return last.group;
}

/** Starts a gesture now and ends it when the pointer is released anywhere. */
export function gestureUntilPointerUp(): void {
  beginGesture();
  const end = () => {
    endGesture();
    window.removeEventListener('pointerup', end, true);
    window.removeEventListener('pointercancel', end, true);
  };
  window.addEventListener('pointerup', end, true);
  window.addEventListener('pointercancel', end, true);
}
