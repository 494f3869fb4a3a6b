// Reads the video track of a WebM/Matroska file with mediabunny: decoder configuration, colour
// tags, rotation, the sample table and, for transparent files, the alpha stream stored with each
// packet. Opening walks the packet index once (metadata only); sample bytes are fetched on
// demand, sequential reads continuing from the previous packet.

import { BlobSource, EncodedPacketSink, Input, MATROSKA, WEBM, type EncodedPacket, type InputVideoTrack } from 'mediabunny';
import type { DemuxedSample, DemuxedVideoTrack, SampleSource } from './demuxed-track.ts';
import { codecName, MediaFileError } from './media-error.ts';
import type { Rotation } from './rotate-rgba.ts';

/** Matroska codec IDs we can name when WebCodecs has no decoder for them. */
const MATROSKA_CODECS: Record<string, string> = {
  V_MPEG2: 'MPEG-2', V_MPEG4_ISO_ASP: 'MPEG-4 Part 2', V_MPEGH_ISO_HEVC: 'H.265/HEVC', V_THEORA: 'Theora',
  V_PRORES: 'ProRes', V_MS_VFW_FOURCC: 'a Video for Windows codec', V_UNCOMPRESSED: 'uncompressed video',
  V_FFV1: 'FFV1', V_MJPEG: 'Motion JPEG',
};

export async function demuxMatroska(blob: Blob, signal?: AbortSignal): Promise<DemuxedVideoTrack> {
  const input = new Input({ source: new BlobSource(blob), formats: [WEBM, MATROSKA] });
  try {
    return await readTrack(input, signal);
  } catch (e) {
    input.dispose();
    if (e instanceof MediaFileError || signal?.aborted) throw e;
    throw new MediaFileError(`cannot read the WebM/Matroska structure: ${(e as Error).message}`);
  }
}

async function readTrack(input: Input, signal?: AbortSignal): Promise<DemuxedVideoTrack> {
  const format = await input.getFormat();
  const container = format === WEBM ? 'WebM' : 'Matroska';
  // A still cover stored as a track (ffmpeg writes an MJPEG/PNG cover so) may come first and
  // carry the default flag: prefer a track the browser decodes, as ffmpeg prefers the real video.
  const track = (await input.getPrimaryVideoTrack({ filter: decodable })) ?? (await input.getPrimaryVideoTrack());
  if (!track) throw new MediaFileError('the file has no video track');
  const config = await track.getDecoderConfig();
  if (!config) {
    const id = String((await track.getInternalCodecId()) ?? 'unknown');
    throw new MediaFileError(`this browser cannot decode ${MATROSKA_CODECS[id] ?? id} video (Matroska codec ${id})`);
  }

  const timescale = await track.getTimeResolution();
  const sink = new EncodedPacketSink(track);
  const samples: DemuxedSample[] = [];
  const sequence: number[] = [];
  const times: number[] = [];
  for await (const p of sink.packets(undefined, undefined, { metadataOnly: true })) {
    signal?.throwIfAborted();
    const cts = Math.round(p.timestamp * timescale);
    samples.push({ dts: samples.length, cts, duration: Math.round(p.duration * timescale), isSync: p.type === 'key' });
    sequence.push(p.sequenceNumber);
    times.push(p.timestamp);
  }
  if (samples.length === 0) throw new MediaFileError('the video track has no frames');
  await fixLastDuration(input, samples, timescale);

  const first = samples.reduce((m, s) => Math.min(m, s.cts), Infinity);
  const reader = new PacketReader(sink, track, sequence, times);
  return {
    container,
    codec: config.codec,
    description: config.description ? bytesOf(config.description) : undefined,
    codedWidth: config.codedWidth ?? (await track.getCodedWidth()),
    codedHeight: config.codedHeight ?? (await track.getCodedHeight()),
    timescale,
    samples,
    startSeconds: first / timescale,
    colorSpace: tagged(await track.getColorSpace()),
    rotation: (await track.getRotation()) as Rotation,
    source: reader,
    // ffmpeg re-encodes keep alpha_mode=1 with no alpha data: players show those opaque, so do we.
    alphaSource: (await track.canBeTransparent()) && (await reader.hasAlpha(0)) ? { read: (j) => reader.readAlpha(j) } : undefined,
    close: () => input.dispose(),
  };
}

async function decodable(track: InputVideoTrack): Promise<boolean> {
  try {
    return (await track.getDecoderConfig()) !== null && (await track.canDecode());
  } catch {
    return false;
  }
}

/**
 * The last frame often has no duration in Matroska (only its start is stored): take it from the
 * segment's duration, else repeat the frame before it.
 */
async function fixLastDuration(input: Input, samples: DemuxedSample[], timescale: number) {
  const byTime = [...samples].sort((a, b) => a.cts - b.cts);
  const last = byTime[byTime.length - 1];
  if (last.duration > 0) return;
  const total = await input.getDurationFromMetadata().catch(() => null);
  const fromSegment = total ? Math.round(total * timescale) - last.cts : 0;
  const before = byTime.length > 1 ? last.cts - byTime[byTime.length - 2].cts : 1;
  last.duration = fromSegment > 0 ? fromSegment : Math.max(1, before);
}

/** Container colour tags, or undefined when the file has none (the decoder then decides). */
function tagged(cs: VideoColorSpaceInit): VideoColorSpaceInit | undefined {
  return cs.matrix || cs.primaries || cs.transfer || cs.fullRange !== undefined ? cs : undefined;
}

function bytesOf(d: AllowSharedBufferSource): Uint8Array {
  return d instanceof Uint8Array ? d : ArrayBuffer.isView(d) ? new Uint8Array(d.buffer, d.byteOffset, d.byteLength) : new Uint8Array(d);
}

/** Packets kept for reuse: the colour and alpha decoders read the same samples a little apart. */
const CACHED_PACKETS = 24;

class PacketReader implements SampleSource {
  private readonly cache = new Map<number, EncodedPacket>();

  constructor(
    private readonly sink: EncodedPacketSink,
    private readonly track: InputVideoTrack,
    private readonly sequence: readonly number[],
    private readonly times: readonly number[],
  ) {}

  async read(j: number): Promise<Uint8Array> {
    return (await this.packetAt(j)).data;
  }

  async hasAlpha(j: number): Promise<boolean> {
    return (await this.packetAt(j)).sideData.alpha !== undefined;
  }

  /** The alpha frame stored with sample `j`. */
  async readAlpha(j: number): Promise<Uint8Array> {
    const alpha = (await this.packetAt(j)).sideData.alpha;
    if (!alpha) throw new MediaFileError(`sample ${j} has no alpha data, though the track says it stores alpha`);
    return alpha;
  }

  private async packetAt(j: number): Promise<EncodedPacket> {
    const cached = this.cache.get(j);
    if (cached) return cached;
    const before = this.cache.get(j - 1);
    let packet = before ? await this.sink.getNextPacket(before) : await this.sink.getPacket(this.times[j]);
    if (packet && packet.sequenceNumber !== this.sequence[j]) packet = await this.scanFor(j);
    if (!packet) throw new MediaFileError(`frame data of sample ${j} (${codecName(this.track.codec ?? '')}) is missing from the file`);
    this.cache.set(j, packet);
    if (this.cache.size > CACHED_PACKETS) this.cache.delete(this.cache.keys().next().value!);
    return packet;
  }

  /** Two packets at the same time: walk from the key packet before it in decode order. */
  private async scanFor(j: number): Promise<EncodedPacket | null> {
    let p = await this.sink.getKeyPacket(this.times[j]);
    p ??= await this.sink.getFirstPacket();
    while (p && p.sequenceNumber < this.sequence[j]) p = await this.sink.getNextPacket(p);
    if (p && p.sequenceNumber === this.sequence[j]) return p;
    // The key packet may already be past it: start over from the beginning.
    p = await this.sink.getFirstPacket();
    while (p && p.sequenceNumber < this.sequence[j]) p = await this.sink.getNextPacket(p);
    return p && p.sequenceNumber === this.sequence[j] ? p : null;
  }
}
