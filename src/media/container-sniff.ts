// Tells what a file is from its first bytes, whatever its name says: an MP4/MOV, a
// WebM/Matroska, or something else we can name for the user (an image, a PDF, an AVI ...).

import { MediaFileError } from './media-error.ts';

export type SniffedContainer = 'mp4' | 'matroska';

/** Still-picture formats by their signature. */
const PICTURE_FORMATS: { test: (b: Uint8Array) => boolean; format: string }[] = [
  { test: (b) => starts(b, [0x89, 0x50, 0x4e, 0x47]), format: 'PNG' },
  { test: (b) => starts(b, [0xff, 0xd8, 0xff]), format: 'JPEG' },
  { test: (b) => ascii(b, 0, 'GIF8'), format: 'GIF' },
  { test: (b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP'), format: 'WebP' },
];

/** The still-picture format (PNG, JPEG, GIF, WebP) of a file starting with `head`, if it is one. */
export function pictureFormat(head: Uint8Array): string | undefined {
  return PICTURE_FORMATS.find((p) => p.test(head))?.format;
}

/** Files people mistake for videos we read, by their signature. */
const OTHER_KINDS: { test: (b: Uint8Array) => boolean; what: string }[] = [
  ...PICTURE_FORMATS.map(({ test, format }) => ({ test, what: `a ${format} image` })),
  { test: (b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'AVI '), what: 'an AVI video (re-save it as MP4 or WebM)' },
  { test: (b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WAVE'), what: 'a WAV sound file' },
  { test: (b) => ascii(b, 0, 'OggS'), what: 'an Ogg file (sound or Theora video; re-save it as MP4 or WebM)' },
  { test: (b) => ascii(b, 0, 'fLaC'), what: 'a FLAC sound file' },
  { test: (b) => ascii(b, 0, 'ID3') || (b[0] === 0xff && (b[1] & 0xe0) === 0xe0), what: 'an MP3 sound file' },
  { test: (b) => ascii(b, 0, '%PDF'), what: 'a PDF document' },
  { test: (b) => starts(b, [0x50, 0x4b, 0x03, 0x04]), what: 'a ZIP archive' },
  { test: (b) => b.length >= 377 && b[0] === 0x47 && b[188] === 0x47 && b[376] === 0x47, what: 'an MPEG transport stream (re-save it as MP4)' },
  { test: (b) => starts(b, [0x00, 0x00, 0x01, 0xba]), what: 'an MPEG program stream (re-save it as MP4)' },
  { test: (b) => ascii(b, 0, 'FLV') && b[3] === 0x01, what: 'a Flash video (FLV; re-save it as MP4)' },
  { test: isText, what: 'text' },
];

/** Which demuxer reads `blob`; throws a MediaFileError naming what the file is otherwise. */
export async function sniffContainer(blob: Blob): Promise<SniffedContainer> {
  if (blob.size === 0) throw new MediaFileError('the file is empty (0 bytes)');
  const head = new Uint8Array(await blob.slice(0, 512).arrayBuffer());
  if (starts(head, [0x1a, 0x45, 0xdf, 0xa3])) return 'matroska';
  const type = head.length >= 8 ? String.fromCharCode(...head.subarray(4, 8)) : '';
  if (/^(ftyp|styp|moov|mdat|free|skip|wide|pnot|uuid|junk|sidx)$/.test(type)) return 'mp4';
  const other = OTHER_KINDS.find((k) => k.test(head));
  throw new MediaFileError(
    `not a video file Mattegraph reads (MP4, MOV, WebM or MKV): ${other ? `it is ${other.what}` : 'its data is not in any of these formats'}`,
  );
}

function starts(b: Uint8Array, sig: number[]): boolean {
  return b.length >= sig.length && sig.every((v, i) => b[i] === v);
}

function ascii(b: Uint8Array, at: number, s: string): boolean {
  return b.length >= at + s.length && [...s].every((c, i) => b[at + i] === c.charCodeAt(0));
}

function isText(b: Uint8Array): boolean {
  const sample = b.subarray(0, 256);
  return sample.length > 0 && sample.every((c) => c === 9 || c === 10 || c === 13 || (c >= 0x20 && c !== 0x7f));
}
