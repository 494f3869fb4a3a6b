// Re-encodes the source's audio to Opus with WebCodecs, timing every packet itself so the export's
// sound starts and ends where the source's does: the input is resampled to 48 kHz here (Chromium's
// own resampler delays it), the encoder's look-ahead (OpusHead pre-skip) is placed before the
// start, and the last packet's duration is cut to the source's end (the muxer turns that into
// the MP4 edit list's length) instead of counting the encoder's end padding.

import { AudioSampleSink, EncodedAudioPacketSource, EncodedPacket, type AudioSample, type InputAudioTrack } from 'mediabunny';
import { Resampler } from './audio-resample.ts';

const OPUS_RATE = 48_000;
const BITRATE = 160_000;
/** Look-ahead of libopus (Chromium's encoder), used when the encoder's OpusHead does not say. */
const DEFAULT_PRE_SKIP = 312;

export interface OpusWindow {
  /** Source seconds that become 0 in the export. */
  start: number;
  /** Source seconds where the export's sound stops (Infinity: the source's end). */
  end: number;
}

/** Channels the Opus encoder gets: the source's, or stereo when this browser cannot encode that many. */
export async function opusChannelsFor(sourceChannels: number): Promise<number> {
  if (sourceChannels <= 2) return sourceChannels;
  const support = await AudioEncoder.isConfigSupported({ codec: 'opus', sampleRate: OPUS_RATE, numberOfChannels: sourceChannels, bitrate: BITRATE })
    .catch(() => ({ supported: false }));
  return support.supported ? sourceChannels : 2;
}

const HALF = Math.SQRT1_2;
/** Stereo from WAVE-ordered channels: 5.1 and 7.1 by ITU-R BS.775 (LFE left out), others alternating. */
export function downmixToStereo(planes: Float32Array[]): Float32Array[] {
  const n = planes[0].length;
  const left = new Float32Array(n);
  const right = new Float32Array(n);
  // Weights of each channel into [left, right].
  const weights: [number, number][] = planes.length === 6 || planes.length === 8
    ? [[1, 0], [0, 1], [HALF, HALF], [0, 0], [HALF, 0], [0, HALF], [HALF, 0], [0, HALF]].slice(0, planes.length) as [number, number][]
    : planes.map((_, c) => (c % 2 === 0 ? [1, 0] : [0, 1]));
  // Scaled so a signal in every channel at once cannot clip (as ffmpeg's default downmix does).
  const norm = 1 / Math.max(weights.reduce((s, w) => s + w[0], 0), weights.reduce((s, w) => s + w[1], 0));
  planes.forEach((p, c) => {
    const [wl, wr] = weights[c];
    for (let i = 0; i < n; i++) {
      left[i] += wl * norm * p[i];
      right[i] += wr * norm * p[i];
    }
  });
  return [left, right];
}

function planesOf(sample: AudioSample, from: number, count: number): Float32Array[] {
  return Array.from({ length: sample.numberOfChannels }, (_, c) => {
    const plane = new Float32Array(count);
    if (count > 0) sample.copyTo(plane, { planeIndex: c, format: 'f32-planar', frameOffset: from, frameCount: count });
    return plane;
  });
}

interface Pending { data: Uint8Array; timestamp: number; duration: number }

/**
 * Decodes `track` over the window and feeds Opus packets to `source`; yields whenever the
 * export time reached exceeds `until()`. The encoder's look-ahead goes at negative time: MP4's
 * edit list hides it, and in WebM (no CodecDelay from the muxer) decoders drop it as OpusHead's
 * pre-skip, so in both the sound lands where it was. `msTimestamps` (WebM): the look-ahead is
 * rounded up to whole milliseconds, so ffmpeg, which times the first decoded sample from the
 * block's millisecond time plus the pre-skip rounded up, puts it where the source has it.
 */
export async function* encodeOpus(
  track: InputAudioTrack,
  source: EncodedAudioPacketSource,
  channels: number,
  window: OpusWindow,
  until: () => number,
  msTimestamps: boolean,
): AsyncGenerator<void, void, number> {
  let error: unknown;
  const ready: Pending[] = [];
  let meta: AudioDecoderConfig | undefined;
  const encoder = new AudioEncoder({
    output: (chunk, m) => {
      const data = new Uint8Array(chunk.byteLength);
      chunk.copyTo(data);
      ready.push({ data, timestamp: 0, duration: Math.round(((chunk.duration ?? 20_000) * OPUS_RATE) / 1e6) });
      if (m?.decoderConfig) meta ??= m.decoderConfig;
    },
    error: (e) => (error ??= e),
  });
  encoder.configure({ codec: 'opus', sampleRate: OPUS_RATE, numberOfChannels: channels, bitrate: BITRATE });

  let resampler: Resampler | undefined;
  let t0: number | undefined; // export seconds of the first sound sample
  let fedIn = 0; // source-rate frames taken
  let fedOut = 0; // 48 kHz frames given to the encoder
  let packetSamples = 0; // 48 kHz samples in the packets handed on
  let held: Pending | undefined;
  let first = true;

  /** Encodes source-rate planes (`resampled`: already at 48 kHz, from the resampler's tail). */
  const encode = (planes: Float32Array[], resampled = false) => {
    const mixed = planes.length > channels ? downmixToStereo(planes) : planes;
    const out = resampler && !resampled ? resampler.push(mixed) : mixed;
    const n = out[0]?.length ?? 0;
    if (!n) return;
    const data = new Float32Array(n * channels);
    out.forEach((p, c) => data.set(p, c * n));
    const audio = new AudioData({ format: 'f32-planar', sampleRate: OPUS_RATE, numberOfChannels: channels, numberOfFrames: n, timestamp: Math.round((fedOut / OPUS_RATE) * 1e6), data });
    encoder.encode(audio);
    audio.close();
    fedOut += n;
  };
  const handOn = async () => {
    if (error) throw error;
    const preSkip = meta?.description ? opusPreSkip(meta.description) : DEFAULT_PRE_SKIP;
    const lead = msTimestamps ? (Math.ceil((preSkip * 1000) / OPUS_RATE) * OPUS_RATE) / 1000 : preSkip;
    while (ready.length) {
      const p = ready.shift()!;
      p.timestamp = (t0 ?? 0) + (packetSamples - lead) / OPUS_RATE;
      packetSamples += p.duration;
      if (held) await addPacket(held, held.duration / OPUS_RATE);
      held = p;
    }
  };
  const addPacket = async (p: Pending, duration: number) => {
    await source.add(new EncodedPacket(p.data, 'key', p.timestamp, duration), first ? { decoderConfig: meta! } : undefined);
    first = false;
  };

  try {
    for await (const sample of new AudioSampleSink(track).samples(window.start, window.end)) {
      try {
        const rate = sample.sampleRate;
        // Only the frames inside the window: the export's sound starts and stops exactly there.
        const skip = Math.max(0, Math.round((window.start - sample.timestamp) * rate));
        const stop = Math.min(sample.numberOfFrames, Math.round((window.end - sample.timestamp) * rate));
        if (stop <= skip) continue;
        if (t0 === undefined) {
          t0 = sample.timestamp + skip / rate - window.start;
          if (rate !== OPUS_RATE) resampler = new Resampler(rate, OPUS_RATE, Math.min(sample.numberOfChannels, channels));
        }
        while (sample.timestamp - window.start > until()) yield;
        // A gap in the source's audio stays a gap (silence), so what follows keeps its time.
        const gap = Math.round((sample.timestamp + skip / rate - window.start - t0) * rate) - fedIn;
        if (gap > rate / 1000) {
          encode(Array.from({ length: sample.numberOfChannels }, () => new Float32Array(gap)));
          fedIn += gap;
        }
        encode(planesOf(sample, skip, stop - skip));
        fedIn += stop - skip;
        while (encoder.encodeQueueSize > 4) await new Promise((r) => setTimeout(r, 1));
        await handOn();
      } finally {
        sample.close();
      }
    }
    if (resampler) encode(resampler.finish(), true);
    await encoder.flush();
    await handOn();
    // The sound ends after fedOut samples; the encoder's end padding is cut off the last packet.
    if (held && t0 !== undefined) {
      const end = t0 + fedOut / OPUS_RATE;
      const duration = end - held.timestamp;
      if (duration > 0) await addPacket(held, Math.min(duration, held.duration / OPUS_RATE));
    }
    source.close();
  } finally {
    if (encoder.state !== 'closed') encoder.close();
  }
}

/** OpusHead's pre-skip, 48 kHz samples. */
export function opusPreSkip(description: AllowSharedBufferSource): number {
  const b = description instanceof ArrayBuffer || description instanceof SharedArrayBuffer
    ? new Uint8Array(description)
    : new Uint8Array(description.buffer, description.byteOffset, description.byteLength);
  // OpusHead: "OpusHead", version, channels, pre-skip (16-bit little-endian) ...
  return b.length >= 12 ? b[10] | (b[11] << 8) : DEFAULT_PRE_SKIP;
}
