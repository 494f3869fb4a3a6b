// Walks the top-level boxes of an MP4/MOV file (headers only, a few bytes per box) to tell a
// user plainly when a file is empty, not an MP4/MOV at all, or cut short, before mp4box parses it.

import { byteSize } from './byte-size.ts';
import { MediaFileError } from './media-error.ts';

export interface TopLevelBox {
  type: string;
  start: number;
  /** Declared size in bytes (header included); may run past the end of a truncated file. */
  size: number;
}

/** Boxes an MP4 or QuickTime file may start with. */
const FIRST_BOX_TYPES = new Set(['ftyp', 'styp', 'moov', 'mdat', 'free', 'skip', 'wide', 'pnot', 'uuid', 'junk', 'sidx']);

const isFourCC = (bytes: Uint8Array) => bytes.every((b) => b >= 0x20 && b <= 0x7e);

async function readBytes(blob: Blob, start: number, length: number): Promise<Uint8Array> {
  return new Uint8Array(await blob.slice(start, Math.min(blob.size, start + length)).arrayBuffer());
}

/**
 * Lists the top-level boxes. Throws a MediaFileError for an empty file or one that does not
 * start like an MP4/MOV. A last box that runs past the end of the file is listed with its
 * declared size (the caller decides what that means). Trailing bytes that are not a box end the walk.
 */
export async function scanTopLevelBoxes(blob: Blob, signal?: AbortSignal): Promise<TopLevelBox[]> {
  if (blob.size === 0) throw new MediaFileError('the file is empty (0 bytes)');
  const boxes: TopLevelBox[] = [];
  let pos = 0;
  while (pos + 8 <= blob.size) {
    signal?.throwIfAborted();
    const head = await readBytes(blob, pos, 16);
    const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
    const type = String.fromCharCode(...head.subarray(4, 8));
    let size = view.getUint32(0);
    if (size === 1) {
      if (head.length < 16) break;
      size = Number(view.getBigUint64(8));
    } else if (size === 0) {
      size = blob.size - pos; // "extends to the end of the file"
    }
    const plausible = isFourCC(head.subarray(4, 8)) && size >= 8;
    if (boxes.length === 0 && (!plausible || !FIRST_BOX_TYPES.has(type))) throw notMp4();
    if (!plausible) break;
    boxes.push({ type, start: pos, size });
    pos += size;
  }
  if (boxes.length === 0) throw notMp4();
  return boxes;
}

const notMp4 = () => new MediaFileError('not an MP4/MOV file (the data does not start with an MP4 box)');

/** Says what is wrong when the box list shows a cut-off file; undefined when it looks whole. */
export function describeTruncation(boxes: readonly TopLevelBox[], fileSize: number): string | undefined {
  const hasMoov = boxes.some((b) => b.type === 'moov' && b.start + b.size <= fileSize);
  const cut = boxes.find((b) => b.start + b.size > fileSize);
  if (!hasMoov) {
    if (cut?.type === 'moov') {
      return `the file is truncated: its index (moov box) is cut off (the file is ${byteSize(fileSize)}, it should be ${byteSize(cut.start + cut.size)})`;
    }
    const why = cut ? ` and the file ends early (${byteSize(fileSize)} of ${byteSize(cut.start + cut.size)})` : '';
    return `the file is incomplete: its index (moov box) is missing${why}; was it cut off while being written or copied?`;
  }
  return undefined;
}
