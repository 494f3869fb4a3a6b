// How ffmpeg reads a track's colours, from what the coded stream itself signals: ffmpeg's VP8,
// VP9 and AV1 decoders take a frame's matrix and range from the bitstream alone (container tags
// are ignored), and an H.264 SPS without a colour description leaves the matrix unspecified. An
// unspecified matrix is BT.601 in swscale, at every size; Chromium instead guesses (BT.709 for
// HD H.264) or follows the container's tags. Renders must match ffmpeg's decode of the file.

import type { YuvEncoding } from './color-matrix.ts';
import type { DemuxedVideoTrack } from './demuxed-track.ts';
import { av1ConfigColour, av1ObusColour } from './av1-colour.ts';
import { spsColourOfAvcC } from './h264-sps-colour.ts';
import { vp8KeyFrameColour } from './vp8-colour.ts';
import { vp9KeyFrameColour } from './vp9-colour.ts';

/** Colour signalled by a coded stream, in the terms ffmpeg's decoders report it. */
export interface CodedColour {
  /** H.273 matrix_coefficients: 1 BT.709, 2 unspecified, 5/6 BT.601, 9 BT.2020 (0 RGB ...). */
  matrix: number;
  fullRange: boolean;
}

const MC_UNSPECIFIED = 2;

/**
 * The matrix and range swscale converts a frame of this colour with; undefined for matrices our
 * kernel does not implement (RGB, FCC, SMPTE 240M, YCgCo, BT.2020 constant luminance), which
 * stay with the browser's conversion.
 */
export function ffmpegEncodingOf(c: CodedColour): YuvEncoding | undefined {
  switch (c.matrix) {
    case 1: return { matrix: 'bt709', fullRange: c.fullRange };
    case 2: case 3: case 5: case 6: return { matrix: 'bt601', fullRange: c.fullRange };
    case 9: return { matrix: 'bt2020', fullRange: c.fullRange };
    default: return undefined;
  }
}

/**
 * The colour the track's coded stream signals, where ffmpeg reads the frames by it: VP8, VP9
 * and AV1 always; H.264 when its SPS names no matrix (a described SPS is read alike by both).
 * `firstSample` is decode-order sample 0 (a key frame). Undefined when nothing can be read.
 */
export async function codedColourOf(
  track: Pick<DemuxedVideoTrack, 'codec' | 'description' | 'samples'>,
  firstSample: () => Promise<Uint8Array>,
): Promise<CodedColour | undefined> {
  const fourcc = track.codec.split('.')[0];
  const keyFrame = async () => (track.samples[0]?.isSync ? await firstSample() : undefined);
  if (fourcc === 'avc1' || fourcc === 'avc3') {
    const sps = track.description && spsColourOfAvcC(track.description);
    return sps && !sps.described ? { matrix: MC_UNSPECIFIED, fullRange: sps.fullRange } : undefined;
  }
  if (fourcc === 'vp8') {
    const frame = await keyFrame();
    return frame && vp8KeyFrameColour(frame);
  }
  if (fourcc === 'vp09') {
    const frame = await keyFrame();
    return frame && vp9KeyFrameColour(frame);
  }
  if (fourcc === 'av01') {
    const fromConfig = track.description && av1ConfigColour(track.description);
    if (fromConfig) return fromConfig;
    const frame = await keyFrame();
    return frame && av1ObusColour(frame);
  }
  return undefined;
}
