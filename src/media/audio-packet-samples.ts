// How many samples an audio packet holds, read from its own bytes. Matroska gives the last block
// of a track no duration (only the next block's time bounds a block), yet FLAC and PCM end on a
// shorter one: copied with its predecessor's duration, the export's sound would end late. FLAC
// and Opus say their length in the packet; PCM's follows from its size.

/** Samples per channel in `data`, or undefined when the codec does not say (AAC, MP3, AC-3 ...: fixed-size frames). */
export function audioPacketSamples(codec: string, data: Uint8Array, channels: number): number | undefined {
  if (codec === 'flac') return flacBlockSize(data);
  if (codec === 'opus') return opusPacketSamples(data);
  const pcmBits = /^pcm-[suf](\d+)(be)?$/.exec(codec)?.[1] ?? (codec === 'ulaw' || codec === 'alaw' ? '8' : undefined);
  if (pcmBits && channels > 0) return data.byteLength / (channels * (Number(pcmBits) / 8));
  return undefined;
}

/** The block size in a FLAC frame header (RFC 9639 §9.1), undefined when `data` does not start with one. */
export function flacBlockSize(data: Uint8Array): number | undefined {
  if (data.length < 6 || data[0] !== 0xff || (data[1] & 0xfe) !== 0xf8) return undefined;
  const code = data[2] >> 4;
  if (code === 1) return 192;
  if (code >= 2 && code <= 5) return 576 << (code - 2);
  if (code >= 8) return 256 << (code - 8);
  if (code !== 6 && code !== 7) return undefined;
  // Codes 6 and 7 put (size - 1) after the coded frame/sample number, which is UTF-8-like.
  const lead = data[4];
  let numberLength = 1;
  if (lead >= 0x80) {
    numberLength = 0;
    for (let bit = 0x80; lead & bit; bit >>= 1) numberLength++;
    if (numberLength < 2 || numberLength > 7) return undefined;
  }
  const at = 4 + numberLength;
  if (code === 6) return at < data.length ? data[at] + 1 : undefined;
  return at + 1 < data.length ? ((data[at] << 8) | data[at + 1]) + 1 : undefined;
}

/** Samples at 48 kHz in an Opus packet, from its TOC byte (RFC 6716 §3.1). */
export function opusPacketSamples(data: Uint8Array): number | undefined {
  if (data.length < 1) return undefined;
  const config = data[0] >> 3;
  // Frame length in units of 2.5 ms (120 samples at 48 kHz).
  const units = config < 12 ? [4, 8, 16, 24][config & 3] : config < 16 ? [4, 8][config & 1] : [1, 2, 4, 8][config & 3];
  const code = data[0] & 3;
  const frames = code === 0 ? 1 : code !== 3 ? 2 : data.length > 1 ? data[1] & 0x3f : 0;
  return frames ? frames * units * 120 : undefined;
}
