// Transport commands (keys and buttons): play/pause, J/K/L shuttle, step, jump to in/out, and
// setting the in/out points the export uses.

import { notify } from '../store/notice-store.ts';
import { activeRange, useTimelineStore } from '../store/timeline-store.ts';

const MAX_SHUTTLE = 4;
const store = () => useTimelineStore.getState();
const hasClip = () => !!store().frameCount;

export function togglePlay(): void {
  if (!hasClip()) return;
  store().patch({ speed: store().speed ? 0 : 1 });
}

export function stop(): void {
  store().patch({ speed: 0 });
}

/** L: play forward, faster on each press; J: the same backwards. */
export function shuttle(direction: 1 | -1): void {
  if (!hasClip()) return;
  const s = store().speed;
  const next = Math.sign(s) === direction ? Math.min(MAX_SHUTTLE, Math.abs(s) * 2) * direction : direction;
  store().patch({ speed: next });
}

export function step(by: number): void {
  if (!hasClip()) return;
  store().patch({ speed: 0 });
  store().setFrame(store().frame + by);
}

export function goToIn(): void {
  if (!hasClip()) return;
  store().patch({ speed: 0 });
  store().setFrame(activeRange(store()).first);
}

export function goToOut(): void {
  if (!hasClip()) return;
  store().patch({ speed: 0 });
  store().setFrame(activeRange(store()).last);
}

export function setIn(): void {
  if (!hasClip()) return;
  const { frame, outPoint } = store();
  store().patch({ inPoint: frame, outPoint: outPoint !== undefined && outPoint < frame ? undefined : outPoint });
  notify(`In point at frame ${frame}`);
}

export function setOut(): void {
  if (!hasClip()) return;
  const { frame, inPoint } = store();
  store().patch({ outPoint: frame, inPoint: inPoint !== undefined && inPoint > frame ? undefined : inPoint });
  notify(`Out point at frame ${frame}`);
}

export function clearInOut(): void {
  store().patch({ inPoint: undefined, outPoint: undefined });
  notify('In and out points cleared: the whole clip plays and exports.');
}
