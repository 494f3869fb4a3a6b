// Reads the colour signalling of an H.264 stream from its first SPS (in the avcC record that
// WebCodecs takes as `description`): whether the VUI describes the colour (matrix, primaries,
// transfer) and whether it says full range. Needed because a decoder fills an undescribed
// stream's matrix with its own guess (Chromium: BT.709 for HD), while ffmpeg reads it as BT.601.

import { BitReader } from './stream-colour-bits.ts';

export interface SpsColour {
  /** The stream names its matrix (colour description present, matrix not "unspecified"). */
  described: boolean;
  /** video_full_range_flag (false when the VUI says nothing). */
  fullRange: boolean;
}

/** The NAL payload with emulation-prevention bytes (00 00 03) removed. */
function unescape(nal: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < nal.length; i++) {
    if (i >= 2 && nal[i] === 3 && nal[i - 1] === 0 && nal[i - 2] === 0) continue;
    out.push(nal[i]);
  }
  return Uint8Array.from(out);
}

const HIGH_PROFILES = new Set([100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135]);

function skipScalingList(r: BitReader, size: number): void {
  let last = 8;
  let next = 8;
  for (let j = 0; j < size; j++) {
    if (next !== 0) next = (last + r.se() + 256) % 256;
    last = next === 0 ? last : next;
  }
}

/** Colour signalling of the first SPS in an avcC record; undefined when it cannot be read. */
export function spsColourOfAvcC(avcC: Uint8Array): SpsColour | undefined {
  try {
    if (avcC.length < 8 || avcC[0] !== 1 || (avcC[5] & 0x1f) < 1) return undefined;
    const length = (avcC[6] << 8) | avcC[7];
    const nal = avcC.subarray(8, 8 + length);
    if ((nal[0] & 0x1f) !== 7) return undefined;
    return spsColour(unescape(nal.subarray(1)));
  } catch {
    return undefined;
  }
}

function spsColour(sps: Uint8Array): SpsColour {
  const r = new BitReader(sps);
  const profile = r.u(8);
  r.u(16); // constraint flags, level
  r.ue(); // seq_parameter_set_id
  if (HIGH_PROFILES.has(profile)) {
    const chroma = r.ue();
    if (chroma === 3) r.u(1); // separate_colour_plane_flag
    r.ue(); // bit_depth_luma
    r.ue(); // bit_depth_chroma
    r.u(1); // qpprime_y_zero_transform_bypass
    if (r.u(1)) {
      const lists = chroma === 3 ? 12 : 8;
      for (let i = 0; i < lists; i++) if (r.u(1)) skipScalingList(r, i < 6 ? 16 : 64);
    }
  }
  r.ue(); // log2_max_frame_num
  const pocType = r.ue();
  if (pocType === 0) r.ue();
  else if (pocType === 1) {
    r.u(1);
    r.se();
    r.se();
    const n = r.ue();
    for (let i = 0; i < n; i++) r.se();
  }
  r.ue(); // max_num_ref_frames
  r.u(1); // gaps_in_frame_num_allowed
  r.ue(); // pic_width_in_mbs
  r.ue(); // pic_height_in_map_units
  if (!r.u(1)) r.u(1); // frame_mbs_only, else mb_adaptive_frame_field
  r.u(1); // direct_8x8_inference
  if (r.u(1)) for (let i = 0; i < 4; i++) r.ue(); // frame cropping
  if (!r.u(1)) return { described: false, fullRange: false }; // no VUI
  if (r.u(1) && r.u(8) === 255) r.u(32); // aspect ratio (extended SAR)
  if (r.u(1)) r.u(1); // overscan
  if (!r.u(1)) return { described: false, fullRange: false }; // no video signal type
  r.u(3); // video_format
  const fullRange = r.u(1) === 1;
  if (!r.u(1)) return { described: false, fullRange };
  r.u(8); // colour_primaries
  r.u(8); // transfer_characteristics
  // matrix_coefficients 2 is "unspecified" (what x264 writes when only the range is set).
  return { described: r.u(8) !== 2, fullRange };
}
