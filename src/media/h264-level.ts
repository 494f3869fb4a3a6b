// Picks the H.264 level a stream needs (ITU-T H.264 Table A-1): the smallest level whose frame
// size, macroblock rate, picture dimensions and bitrate limits all fit. Plain TS, unit tested.

interface Level {
  /** level_idc, e.g. 40 for level 4.0. */
  idc: number;
  maxMbPerSec: number;
  maxFrameMbs: number;
  /** Max video bitrate in kbit/s for Baseline/Main (High allows 1.25x). */
  maxKbps: number;
}

const LEVELS: readonly Level[] = [
  { idc: 10, maxMbPerSec: 1485, maxFrameMbs: 99, maxKbps: 64 },
  { idc: 11, maxMbPerSec: 3000, maxFrameMbs: 396, maxKbps: 192 },
  { idc: 12, maxMbPerSec: 6000, maxFrameMbs: 396, maxKbps: 384 },
  { idc: 13, maxMbPerSec: 11880, maxFrameMbs: 396, maxKbps: 768 },
  { idc: 20, maxMbPerSec: 11880, maxFrameMbs: 396, maxKbps: 2000 },
  { idc: 21, maxMbPerSec: 19800, maxFrameMbs: 792, maxKbps: 4000 },
  { idc: 22, maxMbPerSec: 20250, maxFrameMbs: 1620, maxKbps: 4000 },
  { idc: 30, maxMbPerSec: 40500, maxFrameMbs: 1620, maxKbps: 10000 },
  { idc: 31, maxMbPerSec: 108000, maxFrameMbs: 3600, maxKbps: 14000 },
  { idc: 32, maxMbPerSec: 216000, maxFrameMbs: 5120, maxKbps: 20000 },
  { idc: 40, maxMbPerSec: 245760, maxFrameMbs: 8192, maxKbps: 20000 },
  { idc: 41, maxMbPerSec: 245760, maxFrameMbs: 8192, maxKbps: 50000 },
  { idc: 42, maxMbPerSec: 522240, maxFrameMbs: 8704, maxKbps: 50000 },
  { idc: 50, maxMbPerSec: 589824, maxFrameMbs: 22080, maxKbps: 135000 },
  { idc: 51, maxMbPerSec: 983040, maxFrameMbs: 36864, maxKbps: 240000 },
  { idc: 52, maxMbPerSec: 2073600, maxFrameMbs: 36864, maxKbps: 240000 },
  { idc: 60, maxMbPerSec: 4177920, maxFrameMbs: 139264, maxKbps: 240000 },
  { idc: 61, maxMbPerSec: 8355840, maxFrameMbs: 139264, maxKbps: 480000 },
  { idc: 62, maxMbPerSec: 16711680, maxFrameMbs: 139264, maxKbps: 800000 },
];

export type H264Profile = 'high' | 'main' | 'baseline';

const PROFILE_IDC: Record<H264Profile, string> = { high: '6400', main: '4d00', baseline: '42e0' };

/** level_idc for the stream, or undefined when even level 6.2 is too small. */
export function h264LevelFor(width: number, height: number, fps: number, bitrate: number, profile: H264Profile): number | undefined {
  const wMbs = Math.ceil(width / 16);
  const hMbs = Math.ceil(height / 16);
  const frameMbs = wMbs * hMbs;
  const brFactor = profile === 'high' ? 1.25 : 1;
  const level = LEVELS.find((l) => {
    const maxSide = Math.sqrt(8 * l.maxFrameMbs);
    return frameMbs <= l.maxFrameMbs && wMbs <= maxSide && hMbs <= maxSide &&
      frameMbs * fps <= l.maxMbPerSec && bitrate <= l.maxKbps * 1000 * brFactor;
  });
  return level?.idc;
}

/** WebCodecs codec string, e.g. `avc1.640028` (High, level 4.0). */
export function h264CodecString(profile: H264Profile, levelIdc: number): string {
  return `avc1.${PROFILE_IDC[profile]}${levelIdc.toString(16).padStart(2, '0')}`;
}
