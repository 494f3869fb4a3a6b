// Reads the colour a VP9 stream signals in the uncompressed header of its first key frame
// (color_config: color_space, color_range). ffmpeg's VP9 decoder takes a frame's colour from
// there alone, whatever the container says; CS_UNKNOWN leaves the matrix unspecified, which
// swscale reads as BT.601.

import { BitReader } from './stream-colour-bits.ts';
import type { CodedColour } from './stream-colour.ts';

/** VP9 color_space (0..7) as the H.273 matrix_coefficients code ffmpeg reports for it. */
const MATRIX_OF_VP9_COLOR_SPACE = [
  2, // CS_UNKNOWN: unspecified
  5, // CS_BT_601 (ffmpeg: bt470bg)
  1, // CS_BT_709
  6, // CS_SMPTE_170
  7, // CS_SMPTE_240
  9, // CS_BT_2020 (non-constant luminance)
  3, // CS_RESERVED
  0, // CS_RGB
];

const SYNC_CODE = 0x498342;

/** Colour of a VP9 key frame (a packet; a superframe starts with its first frame). */
export function vp9KeyFrameColour(frame: Uint8Array): CodedColour | undefined {
  try {
    const r = new BitReader(frame);
    if (r.u(2) !== 2) return undefined; // frame_marker
    const profileLow = r.u(1);
    const profile = r.u(1) * 2 + profileLow;
    if (profile === 3) r.u(1); // reserved_zero
    if (r.u(1)) return undefined; // show_existing_frame: no header of its own
    if (r.u(1) !== 0) return undefined; // frame_type: not a key frame
    r.u(1); // show_frame
    r.u(1); // error_resilient_mode
    if (r.u(24) !== SYNC_CODE) return undefined;
    if (profile >= 2) r.u(1); // ten_or_twelve_bit
    const colorSpace = r.u(3);
    const fullRange = colorSpace === 7 ? true : r.u(1) === 1; // RGB is always full range
    return { matrix: MATRIX_OF_VP9_COLOR_SPACE[colorSpace], fullRange };
  } catch {
    return undefined;
  }
}
