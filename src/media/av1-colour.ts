// Reads the colour an AV1 stream signals in its sequence header OBU (color_config): the matrix
// when color_description_present_flag is set (else "unspecified"), and color_range. ffmpeg
// (libdav1d) takes a frame's colour from there alone, whatever the container says. The sequence
// header is in the av1C record's configOBUs (WebCodecs' `description`) and in the first key frame.

import { BitReader } from './stream-colour-bits.ts';
import type { CodedColour } from './stream-colour.ts';

const OBU_SEQUENCE_HEADER = 1;
const MC_UNSPECIFIED = 2;

/** Colour of the first sequence header among the OBUs in `data` (a sample, or configOBUs). */
export function av1ObusColour(data: Uint8Array): CodedColour | undefined {
  try {
    const header = findSequenceHeader(data);
    return header && sequenceHeaderColour(header);
  } catch {
    return undefined;
  }
}

/** Colour from an av1C record (ISO BMFF / Matroska CodecPrivate): its configOBUs, if any. */
export function av1ConfigColour(av1C: Uint8Array): CodedColour | undefined {
  if (av1C.length <= 4 || av1C[0] !== 0x81) return undefined; // marker 1, version 1
  return av1ObusColour(av1C.subarray(4));
}

function findSequenceHeader(data: Uint8Array): Uint8Array | undefined {
  let p = 0;
  while (p < data.length) {
    const h = data[p];
    if (h & 0x80) return undefined; // forbidden bit: not an OBU stream
    const type = (h >> 3) & 15;
    const hasExtension = (h >> 2) & 1;
    const hasSize = (h >> 1) & 1;
    p += 1 + hasExtension;
    let size = data.length - p;
    if (hasSize) {
      size = 0;
      for (let i = 0; ; i++) {
        const byte = data[p++];
        if (byte === undefined || i === 8) return undefined;
        size += (byte & 0x7f) * 2 ** (7 * i);
        if (!(byte & 0x80)) break;
      }
    }
    if (p + size > data.length) return undefined;
    if (type === OBU_SEQUENCE_HEADER) return data.subarray(p, p + size);
    p += size;
  }
  return undefined;
}

function sequenceHeaderColour(seq: Uint8Array): CodedColour {
  const r = new BitReader(seq);
  const profile = r.u(3);
  r.u(1); // still_picture
  const reduced = r.u(1) === 1;
  if (reduced) {
    r.u(5); // seq_level_idx[0]
  } else {
    let decoderModelInfo = false;
    let bufferDelayBits = 0;
    if (r.u(1)) { // timing_info_present_flag
      r.u(32); // num_units_in_display_tick
      r.u(32); // time_scale
      if (r.u(1)) r.uvlc(); // equal_picture_interval: num_ticks_per_picture_minus_1
      decoderModelInfo = r.u(1) === 1;
      if (decoderModelInfo) {
        bufferDelayBits = r.u(5) + 1;
        r.u(32); // num_units_in_decoding_tick
        r.u(5); // buffer_removal_time_length_minus_1
        r.u(5); // frame_presentation_time_length_minus_1
      }
    }
    const initialDisplayDelay = r.u(1) === 1;
    const operatingPoints = r.u(5) + 1;
    for (let i = 0; i < operatingPoints; i++) {
      r.u(12); // operating_point_idc
      if (r.u(5) > 7) r.u(1); // seq_level_idx, seq_tier
      if (decoderModelInfo && r.u(1)) {
        r.u(bufferDelayBits); // decoder_buffer_delay
        r.u(bufferDelayBits); // encoder_buffer_delay
        r.u(1); // low_delay_mode_flag
      }
      if (initialDisplayDelay && r.u(1)) r.u(4);
    }
  }
  const widthBits = r.u(4) + 1;
  const heightBits = r.u(4) + 1;
  r.u(widthBits); // max_frame_width_minus_1
  r.u(heightBits); // max_frame_height_minus_1
  if (!reduced && r.u(1)) { // frame_id_numbers_present_flag
    r.u(4);
    r.u(3);
  }
  r.u(3); // use_128x128_superblock, enable_filter_intra, enable_intra_edge_filter
  if (!reduced) {
    r.u(4); // interintra_compound, masked_compound, warped_motion, dual_filter
    const orderHint = r.u(1) === 1;
    if (orderHint) r.u(2); // enable_jnt_comp, enable_ref_frame_mvs
    const forceScreenContentTools = r.u(1) ? 2 : r.u(1); // seq_choose_screen_content_tools
    if (forceScreenContentTools > 0 && !r.u(1)) r.u(1); // seq_choose_integer_mv, seq_force_integer_mv
    if (orderHint) r.u(3); // order_hint_bits_minus_1
  }
  r.u(3); // enable_superres, enable_cdef, enable_restoration
  // color_config()
  const highBitDepth = r.u(1) === 1;
  if (profile === 2 && highBitDepth) r.u(1); // twelve_bit
  const monochrome = profile === 1 ? false : r.u(1) === 1;
  let primaries = 2;
  let transfer = 2;
  let matrix = MC_UNSPECIFIED;
  if (r.u(1)) { // color_description_present_flag
    primaries = r.u(8);
    transfer = r.u(8);
    matrix = r.u(8);
  }
  // BT.709 primaries, sRGB transfer, identity matrix: RGB, full range by definition.
  if (!monochrome && primaries === 1 && transfer === 13 && matrix === 0) return { matrix, fullRange: true };
  return { matrix, fullRange: r.u(1) === 1 };
}
