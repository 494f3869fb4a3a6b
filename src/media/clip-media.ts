// Which file a clip's timing came from, so the export can copy that file's audio in sync. Keyed
// by the ClipInfo object a source returns (the evaluator hands the same object on), so nothing in
// the graph core needs to know about files or audio.

import type { ClipInfo } from '../graph/types.ts';

export interface ClipMedia {
  /** The source file. */
  blob: Blob;
  /** Where the clip's frame 0 sits on the file's timeline, seconds (edit lists applied). */
  startSeconds: number;
  /** Ticks per second of the video track's timestamps (an MP4 export of a variable rate keeps them). */
  timescale: number;
}

const media = new WeakMap<ClipInfo, ClipMedia>();

export function registerClipMedia(info: ClipInfo, m: ClipMedia): void {
  media.set(info, m);
}

export function clipMediaOf(info: ClipInfo): ClipMedia | undefined {
  return media.get(info);
}
