// Checks on a local media file a render will serve to the page, made before the page asks for it:
// problems the page can only see as a failed fetch (a file that cannot be read, a device or a
// pipe) and a still picture whose name says it is a video (the Video Source would quietly turn it
// into a one-frame clip). A missing file is left to the page: a node may not need its file.

import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { pictureFormat } from '../media/container-sniff.ts';
import { CliError, fsProblem } from './cli-error.ts';

/** Names that promise a video, with how to say it. */
const VIDEO_EXTENSIONS: Record<string, string> = {
  '.mp4': 'an MP4', '.m4v': 'an M4V', '.mov': 'a MOV', '.webm': 'a WebM', '.mkv': 'an MKV',
};

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
    throw new CliError(`${where}: cannot read "${path}" (${fsProblem(e)})`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  const ext = extname(path).toLowerCase();
  const promised = VIDEO_EXTENSIONS[ext];
  const picture = promised && info.size > 0 ? pictureFormat(head) : undefined;
  if (picture) {
    throw new CliError(`${where}: "${path}" is a ${picture} picture, not ${promised} video: ` +
      'give the video, or name the picture by its format (.jpg, .png ...) to use it as a one-frame clip');
  }
}
