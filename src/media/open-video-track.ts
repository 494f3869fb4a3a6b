// Opens the video track of any container we read, choosing the demuxer from the file's first
// bytes (not its name): mp4box for MP4/MOV, mediabunny for WebM/Matroska.

import { sniffContainer } from './container-sniff.ts';
import type { DemuxedVideoTrack } from './demuxed-track.ts';
import { demuxMatroska } from './matroska-demux.ts';
import { matroskaTruncation } from './matroska-truncation.ts';
import { MediaFileError } from './media-error.ts';
import { demuxMp4 } from './mp4-demux.ts';

export async function openVideoTrack(blob: Blob, signal?: AbortSignal): Promise<DemuxedVideoTrack> {
  const kind = await sniffContainer(blob);
  if (kind === 'mp4') return demuxMp4(blob, signal);
  const truncated = await matroskaTruncation(blob);
  if (truncated) throw new MediaFileError(truncated);
  return demuxMatroska(blob, signal);
}
