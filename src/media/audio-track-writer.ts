// The source's audio in an export. Packets are copied unchanged when the output container can
// hold the codec (AAC into MP4, Opus into WebM ...) and players read it there; otherwise the
// audio is decoded and re-encoded to Opus, and the export says so. Times are shifted so the
// export's first video frame is at 0: audio stays where it was relative to the picture (packets
// that begin before it keep negative times, which the muxer turns into an edit list, so nothing
// is cut from a packet).

import {
  ALL_FORMATS, BlobSource, EncodedAudioPacketSource, EncodedPacket, EncodedPacketSink,
  Input, MatroskaInputFormat, Mp4OutputFormat, type InputAudioTrack, type Output, type OutputFormat,
} from 'mediabunny';
import { encodeOpus, opusChannelsFor, opusPreSkip } from './audio-opus-encode.ts';
import { audioPacketSamples } from './audio-packet-samples.ts';
import { matroskaAudioCodecDelay } from './matroska-codec-delay.ts';

/** Feed audio this far (seconds) ahead of the video, so the muxer can interleave. */
const LEAD_SECONDS = 1;

export interface AudioWindow {
  /** The export's first video frame on the source file's timeline, seconds. */
  start: number;
  /** End of the export's last video frame on that timeline, seconds; Infinity keeps all the rest. */
  end: number;
}

const AUDIO_NAMES: Record<string, string> = {
  aac: 'AAC', opus: 'Opus', mp3: 'MP3', vorbis: 'Vorbis', flac: 'FLAC', ac3: 'AC-3', eac3: 'E-AC-3',
  'pcm-s16': 'PCM', 'pcm-s16be': 'PCM', 'pcm-s24': 'PCM', 'pcm-s32': 'PCM', 'pcm-f32': 'PCM', 'pcm-u8': 'PCM',
  alaw: 'A-law', ulaw: 'µ-law',
};
const audioName = (codec: string | null) => (codec ? AUDIO_NAMES[codec] ?? codec : 'an unknown codec');

export class AudioTrackWriter {
  private feeding?: AsyncGenerator<void, void, number>;

  private constructor(
    private readonly input: Input,
    /** What happened to the audio, for the user ("AAC copied", "AAC re-encoded to Opus: ..."). */
    readonly description: string,
    /** True when the audio was decoded and re-encoded instead of copied. */
    readonly reencoded: boolean,
    private readonly pump: (until: () => number) => AsyncGenerator<void, void, number>,
  ) {}

  /**
   * Adds the source's audio track to `output` (before it starts). Undefined when the source has
   * no audio. Throws a user-facing Error when the audio can be neither copied nor re-encoded.
   */
  static async prepare(blob: Blob, output: Output, format: OutputFormat, containerName: string, videoWindow: AudioWindow, streaming: boolean): Promise<AudioTrackWriter | undefined> {
    const input = new Input({ source: new BlobSource(blob), formats: ALL_FORMATS });
    try {
      const track = await input.getPrimaryAudioTrack().catch(() => null);
      if (!track) {
        input.dispose();
        return undefined;
      }
      const codec = await track.getCodec();
      const fromMatroska = (await input.getFormat()) instanceof MatroskaInputFormat;
      const config = await track.getDecoderConfig();
      // mediabunny gives Matroska audio its block times; the sound is CodecDelay earlier than them.
      let delay = fromMatroska ? await matroskaAudioCodecDelay(blob) : 0;
      // Into WebM (whole-millisecond times, no CodecDelay from the muxer) Opus goes that much
      // earlier that its pre-skip ends on a whole millisecond, as ffmpeg counts it: ffmpeg then
      // reads the sound where it was (the truth is within 0.5 ms either way).
      if (codec === 'opus' && !(format instanceof Mp4OutputFormat)) delay += roundUpToMs(opusPreSkipSeconds(config)) - opusPreSkipSeconds(config);
      const window = { start: videoWindow.start + delay, end: videoWindow.end + delay };
      const name = audioName(codec);
      const unreadable = codec && format instanceof Mp4OutputFormat ? pcmUnreadableInMp4(codec) : undefined;
      if (codec && config && !unreadable && format.getSupportedAudioCodecs().includes(codec)) {
        const count = streaming ? await packetCount(track, window) : undefined;
        const source = new EncodedAudioPacketSource(codec);
        output.addAudioTrack(source, { maximumPacketCount: count });
        return new AudioTrackWriter(input, `${name} audio copied unchanged`, false, (until) => copyPackets(track, source, codec, config, window, fromMatroska, until));
      }
      if (!(await track.canDecode())) {
        throw new Error(`the source's audio (${name}) cannot go into ${containerName} and this browser cannot decode it ` +
          'to re-encode it as Opus: set the Export node\'s Audio to "No audio" to export without it');
      }
      const source = new EncodedAudioPacketSource('opus');
      // The source's own end (an MP4's last AAC frame may be cut short), not its decoded frames'.
      // (Matroska's says nothing more than its frames: mediabunny ends it where the last block starts.)
      const end = fromMatroska ? window.end : Math.min(window.end, await track.computeDuration());
      const count = streaming ? Math.ceil((Math.min(end, await track.computeDuration()) - window.start + 1) / 0.01) + 64 : undefined;
      output.addAudioTrack(source, { maximumPacketCount: count });
      const channels = await opusChannelsFor(track.numberOfChannels);
      const mix = channels < track.numberOfChannels ? `, mixed down from ${track.numberOfChannels} channels to stereo (this browser's Opus encoder takes at most 2)` : '';
      const why = `${name} audio re-encoded to Opus (${unreadable ?? `${containerName} cannot hold ${name}`}${mix})`;
      return new AudioTrackWriter(input, why, true, (until) => encodeOpus(track, source, channels, { start: window.start, end }, until, !(format instanceof Mp4OutputFormat)));
    } catch (e) {
      input.dispose();
      throw e;
    }
  }

  /** Feeds audio up to `seconds` (export time) plus a little lead; call as the video advances. */
  async advanceTo(seconds: number): Promise<void> {
    this.target = seconds + LEAD_SECONDS;
    this.feeding ??= this.pump(() => this.target);
    await this.feeding.next();
  }

  /** Feeds the rest. */
  async finish(): Promise<void> {
    this.target = Infinity;
    this.feeding ??= this.pump(() => this.target);
    for (;;) if ((await this.feeding.next()).done) break;
    this.close();
  }

  close(): void {
    void this.feeding?.return();
    this.input.dispose();
  }

  private target = 0;
}

/**
 * Why uncompressed audio other than 16-bit little-endian PCM is not copied into MP4: the muxer
 * writes it as ISO `ipcm`/`fpcm`, which browsers do not play and ffmpeg before 6.1 reads as
 * 16-bit little-endian whatever it is (24-bit camera audio comes out as noise).
 */
function pcmUnreadableInMp4(codec: string): string | undefined {
  if (codec === 'pcm-s16' || !(codec.startsWith('pcm-') || codec === 'ulaw' || codec === 'alaw')) return undefined;
  const m = /^pcm-([suf])(\d+)(be)?$/.exec(codec);
  const kind = m ? `${m[2]}-bit ${m[1] === 'f' ? 'float ' : ''}${m[3] ? 'big-endian ' : ''}PCM` : audioName(codec);
  return `players and ffmpeg before 6.1 misread ${kind} in MP4`;
}

const roundUpToMs = (seconds: number) => Math.ceil(seconds * 1000 - 1e-6) / 1000;

/** OpusHead's pre-skip in seconds (libopus's 312 samples when the config has no OpusHead). */
const opusPreSkipSeconds = (config: AudioDecoderConfig | null) => (config?.description ? opusPreSkip(config.description) : 312) / 48_000;

async function packetCount(track: InputAudioTrack, window: AudioWindow): Promise<number> {
  let n = 0;
  let preroll = 0;
  for await (const p of new EncodedPacketSink(track).packets(undefined, undefined, { metadataOnly: true })) {
    if (p.timestamp >= window.end) break;
    if (p.timestamp >= window.start || p.timestamp + p.duration > window.start) n++;
    else preroll = 1;
  }
  return n + preroll;
}

/**
 * Copies the packets overlapping the window, plus the one just before it: decoders need a
 * packet of pre-roll (AAC's priming frame is one), and the muxer's edit list hides it.
 * Yields whenever it has caught up with `until()`.
 */
async function* copyPackets(
  track: InputAudioTrack,
  source: EncodedAudioPacketSource,
  codec: string,
  config: AudioDecoderConfig,
  window: AudioWindow,
  fromMatroska: boolean,
  until: () => number,
): AsyncGenerator<void, void, number> {
  let first = true;
  let preroll: EncodedPacket | undefined;
  // Matroska stores no duration for the last block of a cluster: the packet says its length
  // (FLAC, Opus, PCM: the track's last block is usually shorter) or it lasts as long as the one before.
  const rate = codec === 'opus' ? 48_000 : config.sampleRate;
  const ownDuration = (q: EncodedPacket) => (audioPacketSamples(codec, q.data, config.numberOfChannels) ?? 0) / rate;
  let lastDuration = 0;
  // Where the next packet starts if the sound runs on without a gap (packets that say their length).
  let expected: number | undefined;
  for await (const read of new EncodedPacketSink(track).packets()) {
    // Matroska rounds times to whole milliseconds (Opus from ffmpeg: 0, 21, 41 ... ms): a packet
    // that follows on within that rounding goes exactly where the samples before it end, counted
    // from the track's first packet (also across those left out before the window).
    const own = fromMatroska ? ownDuration(read) : 0;
    const time = own && expected !== undefined && Math.abs(read.timestamp - expected) <= 0.0015 ? expected : read.timestamp;
    expected = own ? time + own : undefined;
    const p = own ? read.clone({ timestamp: time, duration: own }) : read;
    if (p.timestamp >= window.end) break;
    // (A zero duration, as Matroska gives the last packet, counts as the packet's own instant.)
    if (p.timestamp < window.start && p.timestamp + p.duration <= window.start) {
      preroll = p;
      continue;
    }
    // Pre-roll only helps when it runs straight into the first packet. Across a gap (fragmented
    // MP4 from ffmpeg leaves one after the priming packet; its demuxed duration then spans the
    // gap) the muxer keeps the stretched duration and decoders, which skip samples rather than
    // time, would take the edit list's skip out of the next packet: audio late by the gap.
    if (preroll && (p.timestamp - (preroll.timestamp + preroll.duration) > 0.001 || (p.duration > 0 && preroll.duration > 1.5 * p.duration))) {
      preroll = undefined;
    }
    for (const q of preroll ? [preroll, p] : [p]) {
      while (q.timestamp - window.start > until()) yield;
      const duration = q.duration || ownDuration(q) || lastDuration;
      lastDuration = duration;
      await source.add(new EncodedPacket(q.data, q.type, q.timestamp - window.start, duration), first ? { decoderConfig: config } : undefined);
      first = false;
    }
    preroll = undefined;
  }
  source.close();
}
