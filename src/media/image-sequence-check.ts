// Checks a sequence's files before it is used, from their first bytes: each must be a picture
// we read, all of one size. Where the files are listed (the editor's drop or picker, the CLI's
// folder scan) this runs up front, so a bad frame is named before a render starts.

import { readPictureHeader, sniffPictureFormat, type PictureHeader } from './image-sequence-header.ts';

export interface SequenceFileHead {
  name: string;
  /** The file's size in bytes. */
  bytes: number;
  /** Its first bytes (HEADER_BYTES of them, or the whole file when smaller). */
  head: Uint8Array;
}

const shortName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** The first problem with the files, in words naming the file; undefined when all is well. */
export function sequenceFilesProblem(files: readonly SequenceFileHead[]): string | undefined {
  let first: { name: string; header: PictureHeader } | undefined;
  for (const f of files) {
    if (f.bytes === 0) return `${shortName(f.name)} is empty (0 bytes)`;
    if (!sniffPictureFormat(f.head)) return `${shortName(f.name)} is not a PNG, JPEG or WebP picture`;
    // A JPEG whose frame header lies past the bytes read (huge metadata) is checked when decoded.
    const header = readPictureHeader(f.head);
    if (!header) continue;
    first ??= { name: f.name, header };
    const { width, height } = first.header;
    if (header.width !== width || header.height !== height) {
      return `${shortName(f.name)} is ${header.width}×${header.height}, but ${shortName(first.name)} is ${width}×${height}: every frame of a sequence must have the same size`;
    }
  }
  return undefined;
}
