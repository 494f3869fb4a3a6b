// The source's audio in an export. Packets are copied unchanged when the output container can
// hold the codec (AAC into MP4, Opus into WebM ...); otherwise the audio is decoded and
// re-encoded to Opus, and the export says so. Times are shifted so the export's first video
// frame is at 0: audio stays where it was relative to the picture (packets that begin before it
// keep negative times, which the muxer turns into an edit list, so nothing is cut from a packet).

import {
  ALL_FORMATS, AudioSampleSink, AudioSampleSource, BlobSource, EncodedAudioPacketSource, EncodedPacket, EncodedPacketSink,
  Input, type InputAudioTrack, type Output, type OutputFormat,
} from 'mediabunny';

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
  static async prepare(blob: Blob, output: Output, format: OutputFormat, containerName: string, window: AudioWindow, streaming: boolean): Promise<AudioTrackWriter | undefined> {
    const input = new Input({ source: new BlobSource(blob), formats: ALL_FORMATS });
    try {
      const track = await input.getPrimaryAudioTrack().catch(() => null);
      if (!track) {
        input.dispose();
        return undefined;
      }
      const codec = await track.getCodec();
      const config = await track.getDecoderConfig();
      const name = audioName(codec);
      if (codec && config && format.getSupportedAudioCodecs().includes(codec)) {
        const count = streaming ? await packetCount(track, window) : undefined;
        const source = new EncodedAudioPacketSource(codec);
        output.addAudioTrack(source, { maximumPacketCount: count });
        return new AudioTrackWriter(input, `${name} audio copied unchanged`, false, (until) => copyPackets(track, source, config, window, until));
      }
      if (!(await track.canDecode())) {
        throw new Error(`the source's audio (${name}) cannot go into ${containerName} and this browser cannot decode it ` +
          'to re-encode it as Opus: set the Export node\'s Audio to "No audio" to export without it');
      }
      const source = new AudioSampleSource({ codec: 'opus', bitrate: 160_000 });
      const end = Math.min(window.end, await track.computeDuration());
      const count = streaming ? Math.ceil((end - window.start + 1) / 0.01) + 64 : undefined;
      output.addAudioTrack(source, { maximumPacketCount: count });
      const why = `${name} audio re-encoded to Opus (${containerName} cannot hold ${name})`;
      return new AudioTrackWriter(input, why, true, (until) => reencode(track, source, window, until));
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
  config: AudioDecoderConfig,
  window: AudioWindow,
  until: () => number,
): AsyncGenerator<void, void, number> {
  let first = true;
  let preroll: EncodedPacket | undefined;
  // Matroska stores no duration for the last packet: it lasts as long as the one before.
  let lastDuration = 0;
  for await (const p of new EncodedPacketSink(track).packets()) {
    if (p.timestamp >= window.end) break;
    // (A zero duration, as Matroska gives the last packet, counts as the packet's own instant.)
    if (p.timestamp < window.start && p.timestamp + p.duration <= window.start) {
      preroll = p;
      continue;
    }
    for (const q of preroll ? [preroll, p] : [p]) {
      while (q.timestamp - window.start > until()) yield;
      const duration = q.duration || lastDuration;
      lastDuration = duration;
      await source.add(new EncodedPacket(q.data, q.type, q.timestamp - window.start, duration), first ? { decoderConfig: config } : undefined);
      first = false;
    }
    preroll = undefined;
  }
  source.close();
}

/** Decodes the window's audio and re-encodes it to Opus. */
async function* reencode(
  track: InputAudioTrack,
  source: AudioSampleSource,
  window: AudioWindow,
  until: () => number,
): AsyncGenerator<void, void, number> {
  for await (const sample of new AudioSampleSink(track).samples(window.start, window.end)) {
    try {
      while (sample.timestamp - window.start > until()) yield;
      sample.setTimestamp(sample.timestamp - window.start);
      await source.add(sample);
    } finally {
      sample.close();
    }
  }
  source.close();
}
