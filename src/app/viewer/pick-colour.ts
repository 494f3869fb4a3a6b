// Sets a colour param from a pick in the viewer: the average of the picked pixels of the node's
// input (the picture the renderer already holds for this frame, or evaluated now), as one undo
// step, with a notice saying what was picked.

import { setParam } from '../../graph/document.ts';
import { engine } from '../engine.ts';
import { evalKey } from '../eval-key.ts';
import { useDocumentStore } from '../store/document-store.ts';
import { useMediaStore } from '../store/media-store.ts';
import { notify, notifyError } from '../store/notice-store.ts';
import { useTimelineStore } from '../store/timeline-store.ts';
import { currentView } from './current-view.ts';
import { averageRgb, hexColour, scaleRect, type PixelRect } from './pick-sample.ts';
import type { PickTarget } from './pick-target.ts';
import { cachedPicture, viewStateKey } from './view-request.ts';

/** `rect` is in pixels of the picture on screen, which is `shown` in size. */
export async function applyPick(target: PickTarget, rect: PixelRect, shown: { width: number; height: number }): Promise<void> {
  const frame = currentView()?.frame ?? useTimelineStore.getState().frame;
  const key = evalKey(useDocumentStore.getState().doc);
  const stateKey = viewStateKey(key, useMediaStore.getState().epoch);
  let hex: string;
  let size: string;
  try {
    const { picture } = await cachedPicture(engine(), target.source, frame, stateKey, new AbortController().signal, (doc) => evalKey(doc) === key);
    const r = scaleRect(rect, shown.width, shown.height, picture.width, picture.height);
    hex = hexColour(averageRgb(picture, r));
    size = r.x0 === r.x1 && r.y0 === r.y1 ? `pixel x ${r.x0} y ${r.y0}` : `average of ${r.x1 - r.x0 + 1}×${r.y1 - r.y0 + 1} px at x ${r.x0} y ${r.y0}`;
  } catch (e) {
    notifyError(`Cannot pick ${target.label.toLowerCase()}: ${e instanceof Error ? e.message : String(e)}`);
    return;
  }
  let changed = false;
  useDocumentStore.getState().update((d) => {
    const node = d.nodes.find((n) => n.id === target.node);
    if (!node || node.params[target.param] === hex) return d;
    changed = true;
    return setParam(d, target.node, target.param, hex);
  });
  notify(`${target.label} of ${target.node}: ${hex} (${size} of ${target.source.node})${changed ? '' : ', unchanged'}`);
}
