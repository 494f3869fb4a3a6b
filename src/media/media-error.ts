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
    apcs: 'ProRes', apco: 'ProRes', ap4h: 'ProRes 4444', ap4x: 'ProRes 4444 XQ', vvc1: 'H.266/VVC', vvi1: 'H.266/VVC',
    jpeg: 'Motion JPEG', mjpa: 'Motion JPEG', mjpb: 'Motion JPEG', dvh1: 'Dolby Vision', dvhe: 'Dolby Vision',
    mp2v: 'MPEG-2', m2v1: 'MPEG-2', xdvc: 'MPEG-2 (XDCAM)', 'dvc ': 'DV', dvcp: 'DV', dvpp: 'DV', dv5p: 'DV', dv5n: 'DV',
    cfhd: 'GoPro CineForm', avdh: 'Avid DNxHD', AVdh: 'Avid DNxHD', AVdn: 'Avid DNxHD', 'png ': 'PNG', 'rle ': 'QuickTime Animation',
  };
  return names[fourcc] ?? fourcc;
}

/** Camera and editing codecs no browser has a decoder for, whatever the machine. */
const NO_BROWSER_DECODER = /^(mp4v|mp2v|m2v1|xdv.|apc[nhso]|ap4[hx]|jpeg|mjp[ab]|dvc ?|dvcp|dvpp|dv5[pn]|cfhd|avdh|AVd[hn]|png |rle )$/;

/** Why a browser refuses `codec` when that does not depend on the machine, else ''. */
export function neverDecodedNote(codec: string): string {
  return NO_BROWSER_DECODER.test(codec.split('.')[0])
    ? `: browsers have no decoder for ${codecName(codec)}; convert it to H.264, VP9 or AV1 first (e.g. ffmpeg -i IN -c:v libx264 -crf 16 OUT.mp4)`
    : '';
}
