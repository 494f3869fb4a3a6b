// Chooses a VideoEncoderConfig for H.264 that this browser accepts: High, then Main, then
// Baseline profile, each at the level the size, frame rate and bitrate need.

import { h264CodecString, h264LevelFor, type H264Profile } from './h264-level.ts';

const PROFILES: readonly H264Profile[] = ['high', 'main', 'baseline'];

export async function h264EncoderConfig(width: number, height: number, fps: number, bitrate: number): Promise<VideoEncoderConfig> {
  for (const profile of PROFILES) {
    const level = h264LevelFor(width, height, fps, bitrate, profile);
    if (level === undefined) continue;
    const config: VideoEncoderConfig = {
      codec: h264CodecString(profile, level),
      width,
      height,
      bitrate,
      framerate: fps,
      bitrateMode: 'variable',
      latencyMode: 'quality',
      avc: { format: 'avc' },
    };
    try {
      const support = await VideoEncoder.isConfigSupported(config);
      if (support.supported) return config;
    } catch {
      // An invalid combination for this browser: try the next profile.
    }
  }
  throw new Error(`this browser cannot encode H.264 video at ${width}x${height}, ${fps.toFixed(2)} fps`);
}
