// Y'CbCr <-> R'G'B' coefficients for the matrices video uses (BT.601, BT.709, BT.2020) and the
// two ranges (limited 16-235/240, full 0-255). Untagged video is read the way ffmpeg reads it
// (swscale's default): BT.601, limited range, at every size. Players often guess BT.709 for HD
// instead, but renders must match ffmpeg's decode of the same file, and tagged files (phones,
// cameras, anything ffmpeg writes with -colorspace) are read by their tags either way.

export type MatrixName = 'bt601' | 'bt709' | 'bt2020';

export interface YuvEncoding {
  matrix: MatrixName;
  fullRange: boolean;
}

const KR_KB: Record<MatrixName, [number, number]> = {
  bt601: [0.299, 0.114],
  bt709: [0.2126, 0.0722],
  bt2020: [0.2627, 0.0593],
};

/** The matrix and range a frame's colour tags mean, with the defaults for untagged video. */
export function yuvEncodingOf(colorSpace: VideoColorSpaceInit | undefined): YuvEncoding {
  const m: string | null | undefined = colorSpace?.matrix;
  const matrix: MatrixName =
    m === 'bt709' ? 'bt709'
    : m === 'bt470bg' || m === 'smpte170m' ? 'bt601'
    : m === 'bt2020-ncl' ? 'bt2020'
    : 'bt601';
  return { matrix, fullRange: colorSpace?.fullRange === true };
}

/** VideoColorSpaceInit tags that describe `enc` (primaries/transfer follow the matrix family). */
export function colorSpaceTags(enc: YuvEncoding): VideoColorSpaceInit {
  const family = enc.matrix === 'bt709'
    ? { primaries: 'bt709', transfer: 'bt709', matrix: 'bt709' }
    : enc.matrix === 'bt2020'
      ? { primaries: 'bt2020', transfer: 'bt709', matrix: 'bt2020-ncl' }
      : { primaries: 'smpte170m', transfer: 'smpte170m', matrix: 'smpte170m' };
  return { ...(family as VideoColorSpaceInit), fullRange: enc.fullRange };
}

/**
 * Integer-friendly coefficients for 8-bit decode: R = ys*(Y - yOff) + rv*(V-128), etc.
 * (floats; the kernels round once at the end).
 */
export interface YuvToRgbCoefficients {
  yOffset: number;
  yScale: number;
  rv: number;
  gu: number;
  gv: number;
  bu: number;
}

export function yuvToRgbCoefficients(enc: YuvEncoding): YuvToRgbCoefficients {
  const [kr, kb] = KR_KB[enc.matrix];
  const kg = 1 - kr - kb;
  const yScale = enc.fullRange ? 1 : 255 / 219;
  const cScale = enc.fullRange ? 1 : 255 / 224;
  return {
    yOffset: enc.fullRange ? 0 : 16,
    yScale,
    rv: 2 * (1 - kr) * cScale,
    gu: ((-2 * kb * (1 - kb)) / kg) * cScale,
    gv: ((-2 * kr * (1 - kr)) / kg) * cScale,
    bu: 2 * (1 - kb) * cScale,
  };
}

/** Forward coefficients: Y = yOff + yr*R + yg*G + yb*B, U = 128 + ur*R + ug*G + ub*B, likewise V. */
export interface RgbToYuvCoefficients {
  yOffset: number;
  yr: number; yg: number; yb: number;
  ur: number; ug: number; ub: number;
  vr: number; vg: number; vb: number;
}

export function rgbToYuvCoefficients(enc: YuvEncoding): RgbToYuvCoefficients {
  const [kr, kb] = KR_KB[enc.matrix];
  const kg = 1 - kr - kb;
  const ys = enc.fullRange ? 1 : 219 / 255;
  const cs = enc.fullRange ? 1 : 224 / 255;
  const cb = cs / (2 * (1 - kb));
  const cr = cs / (2 * (1 - kr));
  return {
    yOffset: enc.fullRange ? 0 : 16,
    yr: kr * ys, yg: kg * ys, yb: kb * ys,
    ur: -kr * cb, ug: -kg * cb, ub: (1 - kb) * cb,
    vr: (1 - kr) * cr, vg: -kg * cr, vb: -kb * cr,
  };
}
