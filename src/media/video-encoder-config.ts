// A VideoEncoderConfig this browser accepts for H.264, VP9, AV1 or VP8 at a size, rate and
// bitrate (or constant quality): codec strings carry the level the stream needs (VP9 and AV1
// level tables from their specs; H.264 in h264-encoder-config.ts).

import { codecLabel, type VideoCodecId } from './export-settings.ts';
import { h264EncoderConfig } from './h264-encoder-config.ts';

/** [level as written in the codec string, max picture samples, max samples per second]. */
const VP9_LEVELS: readonly [string, number, number][] = [
  ['10', 36864, 829440], ['11', 73728, 2764800], ['20', 122880, 4608000], ['21', 245760, 9216000],
  ['30', 552960, 20736000], ['31', 983040, 36864000], ['40', 2228224, 83558400], ['41', 2228224, 160432128],
  ['50', 8912896, 311951360], ['51', 8912896, 588251136], ['52', 8912896, 1176502272],
  ['60', 35651584, 1176502272], ['61', 35651584, 2353004544], ['62', 35651584, 4706009088],
];
const AV1_LEVELS: readonly [string, number, number][] = [
  ['00', 147456, 4423680], ['01', 278784, 8363520], ['04', 665856, 19975680], ['05', 1065024, 31950720],
  ['08', 2359296, 70778880], ['09', 2359296, 141557760], ['12', 8912896, 267386880], ['13', 8912896, 534773760],
  ['14', 8912896, 1069547520], ['16', 35651584, 1069547520], ['17', 35651584, 2139095040], ['18', 35651584, 4278190080],
];

function level(table: readonly [string, number, number][], width: number, height: number, fps: number): string | undefined {
  const samples = width * height;
  return table.find(([, pic, rate]) => samples <= pic && samples * fps <= rate)?.[0];
}

/** WebCodecs codec string for `codec` at this size and rate; undefined when no level is big enough. */
export function codecString(codec: Exclude<VideoCodecId, 'h264'>, width: number, height: number, fps: number): string | undefined {
  if (codec === 'vp8') return 'vp8';
  if (codec === 'vp9') {
    const l = level(VP9_LEVELS, width, height, fps);
    return l && `vp09.00.${l}.08`;
  }
  const l = level(AV1_LEVELS, width, height, fps);
  return l && `av01.0.${l}M.08`;
}

/**
 * Quantizer for WebCodecs' `quantizer` mode from quality 1..100: 0 (best) .. 63 for VP9 and AV1,
 * 0 .. 51 for H.264 (its QP range).
 */
export function quantizerFor(quality: number, codec: VideoCodecId = 'vp9'): number {
  const worst = codec === 'h264' ? 51 : 63;
  return Math.round(((100 - quality) * worst) / 99);
}

export interface ChosenEncoderConfig {
  config: VideoEncoderConfig;
  /** Per-frame quantizer when encoding at constant quality. */
  quantizer?: number;
  notes: string[];
}

export async function videoEncoderConfig(
  codec: VideoCodecId,
  width: number,
  height: number,
  fps: number,
  bitrate: number,
  quality?: number,
): Promise<ChosenEncoderConfig> {
  const notes: string[] = [];
  const base = codec === 'h264'
    ? await h264EncoderConfig(width, height, fps, bitrate)
    : await otherConfig(codec, width, height, fps, bitrate);
  if (quality === undefined) return { config: base, notes };
  const constant: VideoEncoderConfig = { ...base, bitrateMode: 'quantizer', bitrate: undefined };
  if (await supported(constant)) return { config: constant, quantizer: quantizerFor(quality, codec), notes };
  notes.push(`constant quality is not available for ${codecLabel(codec)} in this browser: encoded at ${(bitrate / 1e6).toFixed(1)} Mbit/s`);
  return { config: base, notes };
}

async function otherConfig(codec: Exclude<VideoCodecId, 'h264'>, width: number, height: number, fps: number, bitrate: number) {
  const string = codecString(codec, width, height, fps);
  const config: VideoEncoderConfig | undefined = string
    ? { codec: string, width, height, bitrate, framerate: fps, bitrateMode: 'variable', latencyMode: 'quality' }
    : undefined;
  if (config && (await supported(config))) return config;
  throw new Error(`this browser cannot encode ${codecLabel(codec)} video at ${width}x${height}, ${fps.toFixed(2)} fps`);
}

async function supported(config: VideoEncoderConfig): Promise<boolean> {
  try {
    return (await VideoEncoder.isConfigSupported(config)).supported === true;
  } catch {
    return false; // an invalid combination for this browser
  }
}
