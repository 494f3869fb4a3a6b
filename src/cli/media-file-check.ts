// Checks on a local media file a render will serve to the page, made before the page asks for it:
// problems the page can only see as a failed fetch (a file that cannot be read, a device or a
// pipe) and a still picture whose name says it is a video (the Video Source would quietly turn it
// into a one-frame clip). A missing file is left to the page: a node may not need its file.

import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { CliError } from './cli-error.ts';

/** Names that promise a video, with how to say it. */
const VIDEO_EXTENSIONS: Record<string, string> = {
  '.mp4': 'an MP4', '.m4v': 'an M4V', '.mov': 'a MOV', '.webm': 'a WebM', '.mkv': 'an MKV',
};

const PICTURES: { what: string; test: (b: Uint8Array) => boolean }[] = [
  { what: 'a JPEG picture', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { what: 'a PNG picture', test: (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 },
  { what: 'a WebP picture', test: (b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP') },
  { what: 'a GIF picture', test: (b) => ascii(b, 0, 'GIF8') },
];

function ascii(b: Uint8Array, at: number, s: string): boolean {
  return [...s].every((c, i) => b[at + i] === c.charCodeAt(0));
}

/** Throws a CliError naming `where` (e.g. `source.file`) when the file cannot be used. */
export function checkMediaFile(path: string, where: string): void {
  let info;
  try {
    info = statSync(path);
  } catch {
    return; // missing: the page says "file not found" when the node needs it
  }
  if (info.isDirectory()) return; // image-sequence folders are checked elsewhere
  if (!info.isFile()) throw new CliError(`${where}: "${path}" is not a regular file (a device, pipe or socket): give a video or picture file`);
  const head = new Uint8Array(16);
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    readSync(fd, head, 0, head.length, 0);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code ?? (e as Error).message;
    throw new CliError(`${where}: cannot read "${path}" (${why})`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  const ext = extname(path).toLowerCase();
  const promised = VIDEO_EXTENSIONS[ext];
  const picture = promised && info.size > 0 ? PICTURES.find((p) => p.test(head)) : undefined;
  if (picture) {
    throw new CliError(`${where}: "${path}" is ${picture.what}, not ${promised} video: ` +
      'give the video, or name the picture by its format (.jpg, .png ...) to use it as a one-frame clip');
  }
}
