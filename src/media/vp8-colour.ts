// Reads the colour of a VP8 stream from its first key frame. VP8 knows one matrix (BT.601, its
// color_space bit 1 is reserved); ffmpeg's decoder reports BT.601 for every VP8 frame, whatever
// the container says, and takes the range from the next header bit (clamping_type, which it
// reads as "full range"). Both bits are the first two of the bool-coded first partition.

import type { CodedColour } from './stream-colour.ts';

const START_CODE = [0x9d, 0x01, 0x2a];
/** Frame tag (3 bytes), start code (3), width and height (2 each): the partition follows. */
const PARTITION_START = 10;
const BT470BG = 5;

export function vp8KeyFrameColour(frame: Uint8Array): CodedColour | undefined {
  if (frame.length < PARTITION_START + 2 || (frame[0] & 1) !== 0) return undefined; // not a key frame
  if (START_CODE.some((b, i) => frame[3 + i] !== b)) return undefined;
  const bits = new BoolDecoder(frame.subarray(PARTITION_START));
  bits.read(128); // color_space (0: YUV as BT.601; 1 reserved, ffmpeg warns and reads BT.601)
  const clampingType = bits.read(128);
  return { matrix: BT470BG, fullRange: clampingType === 1 };
}

/** The boolean entropy decoder of RFC 6386 section 7.3, enough for a few header bits. */
class BoolDecoder {
  private value: number;
  private range = 255;
  private bitCount = 0;
  private pos = 2;

  constructor(private readonly data: Uint8Array) {
    this.value = (data[0] << 8) | data[1];
  }

  read(probability: number): 0 | 1 {
    const split = 1 + (((this.range - 1) * probability) >> 8);
    const bigSplit = split << 8;
    let bit: 0 | 1 = 0;
    if (this.value >= bigSplit) {
      bit = 1;
      this.range -= split;
      this.value -= bigSplit;
    } else {
      this.range = split;
    }
    while (this.range < 128) {
      this.value <<= 1;
      this.range <<= 1;
      if (++this.bitCount === 8) {
        this.bitCount = 0;
        this.value |= this.data[this.pos++] ?? 0;
      }
    }
    return bit;
  }
}
