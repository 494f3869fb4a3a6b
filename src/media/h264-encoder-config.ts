// Chooses a VideoEncoderConfig for H.264 that this browser accepts: High, then Main, then
// Baseline profile, each at the level the size, frame rate and bitrate need.
//
// What Chromium's software H.264 encoder does (OpenH264 on Linux without a GPU: CAVLC, one
// reference frame, no B-frames, even when the SPS says High), measured on 320x180 .. 1280x720:
// - `bitrateMode: 'quantizer'` is refused for avc, so quality is always reached via the bitrate.
// - The bitrate is a ceiling, not a target: the rate control never goes below QP 12 on P-frames,
//   codes the first key frame at a QP from a bits-per-pixel table (24 up to 320x180, 26 up to
//   640x360, 28 above, however high the bitrate) and later key frames at QP 22. Still areas are
//   skipped in P-frames, so they keep their key frame's quality. Hence a quiet 320x180 clip comes
//   out at ~70 kbit/s of an 8 Mbit/s budget, ~42 dB luma; busier or larger clips use more.
// - 'constant' vs 'variable', latencyMode, hardwareAcceleration, framerate and `contentHint`
//   ('detail'/'text' is worse: screen-content mode) change nothing else; L1T2/L1T3 help still
//   clips by ~1-2 dB and cost moving ones ~0.5-1.5 dB, so they are not used.
// What helps everywhere is a second key frame at frame 1 (QP 22 instead of 24..28), which
// VideoTrackWriter adds: +0.3..+2 dB. A still 320x180 clip then reaches ~39.6 dB RGB against its
// source (43 dB luma), moving or larger clips 40.5..42 dB; 45 dB is out of this encoder's reach.

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
