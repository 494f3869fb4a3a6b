// Errors about a media file the user gave us, worded for the user (shown on the node and the CLI).

export class MediaFileError extends Error {
  override name = 'MediaFileError';
}

/** A readable name for a WebCodecs/MP4 codec string, e.g. `hvc1.1.6.L93.B0` -> `H.265/HEVC`. */
export function codecName(codec: string): string {
  const fourcc = codec.split('.')[0];
  const names: Record<string, string> = {
    avc1: 'H.264', avc3: 'H.264', hvc1: 'H.265/HEVC', hev1: 'H.265/HEVC', vp08: 'VP8', vp8: 'VP8',
    vp09: 'VP9', vp9: 'VP9', av01: 'AV1', mp4v: 'MPEG-4 Part 2', apcn: 'ProRes', apch: 'ProRes',
    apcs: 'ProRes', apco: 'ProRes', ap4h: 'ProRes 4444', vvc1: 'H.266/VVC', vvi1: 'H.266/VVC',
  };
  return names[fourcc] ?? fourcc;
}
