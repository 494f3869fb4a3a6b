// Reads the video track of an MP4/MOV file with mp4box: codec, decoder description, size, colour
// tags, edit list and the sample table (timing, key frames, byte ranges). The file is read in
// chunks and mp4box skips the media data, so only the index is held in memory; sample bytes are
// read later, a window at a time (sample-reader.ts).

import { createFile, DataStream, MP4BoxBuffer, type Movie, type Sample } from 'mp4box';
import { byteSize } from './byte-size.ts';
import type { DemuxedSample, DemuxedVideoTrack } from './demuxed-track.ts';
import { endLastFrameWithTrack, presentationWindow } from './edit-list.ts';
import { codecName, MediaFileError, neverDecodedNote } from './media-error.ts';
import { describeTruncation, scanTopLevelBoxes } from './mp4-boxes.ts';
import { rotationOfMatrix } from './rotate-rgba.ts';
import { SampleReader } from './sample-reader.ts';

/** A sample with where its coded data lies in the file. */
export interface Mp4Sample extends DemuxedSample {
  offset: number;
  size: number;
}

const CHUNK_BYTES = 1 << 20;

interface ColrBox {
  colour_type: string;
  colour_primaries: number;
  transfer_characteristics: number;
  matrix_coefficients: number;
  full_range_flag: number;
}

interface CodecConfigBox {
  write(stream: DataStream): void;
}

/** Parses `blob` and returns its first video track, or throws a MediaFileError saying why not. */
export async function demuxMp4(blob: Blob, signal?: AbortSignal): Promise<DemuxedVideoTrack> {
  const boxes = await scanTopLevelBoxes(blob, signal);
  const truncation = describeTruncation(boxes, blob.size);
  if (truncation) throw new MediaFileError(truncation);

  const file = createFile();
  let movie: Movie | undefined;
  let parseError: string | undefined;
  file.onReady = (m) => (movie = m);
  file.onError = (_module, message) => (parseError ??= message);
  let pos = 0;
  while (pos < blob.size) {
    signal?.throwIfAborted();
    const bytes = await blob.slice(pos, pos + CHUNK_BYTES).arrayBuffer();
    const end = pos + bytes.byteLength;
    let next: number | undefined;
    try {
      next = file.appendBuffer(MP4BoxBuffer.fromArrayBuffer(bytes, pos), end >= blob.size);
    } catch (e) {
      throw new MediaFileError(`cannot read the MP4/MOV structure: ${(e as Error).message}`);
    }
    // A fragmented file keeps sample tables in its moof boxes: read on to the end for those.
    if (movie && !movie.isFragmented) break;
    pos = next !== undefined && next > pos ? next : end;
  }
  file.flush();
  if (!movie) {
    throw new MediaFileError(parseError ? `cannot read the MP4/MOV index: ${parseError}` : 'the file is incomplete: no movie index (moov box) was found');
  }
  const track = await firstDecodableTrack(file, movie.videoTracks);
  if (!track) throw new MediaFileError(noVideoTrackMessage(file, movie));

  const trak = file.getTrackById(track.id);
  const entry = sampleEntryOf(file, track);
  const codec = mp4vCodec(track.codec, entry);
  const configBox = configBoxOf(entry);
  if (/^(avc|hvc|hev)/.test(codec) && !configBox) {
    throw new MediaFileError(`the ${codecName(codec)} track has no decoder configuration (avcC/hvcC box)`);
  }

  const samples = file.getTrackSamplesInfo(track.id).map(toDemuxedSample);
  if (samples.length === 0) throw new MediaFileError('the video track has no frames');
  restoreLastSttsDuration(trak as unknown as SttsHolder, samples);
  const present = samples.filter((s) => s.offset + s.size <= blob.size).length;
  if (present < samples.length) {
    const needed = samples.reduce((m, s) => Math.max(m, s.offset + s.size), 0);
    throw new MediaFileError(
      `the file is truncated: only ${present} of ${samples.length} frames are in it ` +
        `(${byteSize(blob.size)} of ${byteSize(needed)})`,
    );
  }

  const elst = (trak as unknown as { edts?: { elst?: { entries: EditEntry[] } } }).edts?.elst?.entries ?? [];
  const edits = presentationWindow(
    elst.map((e) => ({ segmentDuration: e.segment_duration, mediaTime: e.media_time })),
    movie.timescale,
    track.timescale,
  );
  // Fragments carry their own durations, and a fragmented file's headers describe only the
  // part before its first fragment.
  if (!movie.isFragmented) endLastFrameWithTrack(samples, trak.mdia.mdhd.duration, edits.window);
  // Where the first shown frame sits, as ffmpeg places it: with an edit list, at the end of its
  // empty edits (even when the edit starts mid-frame or before the first frame: ffmpeg moves the
  // picture, not the audio); without one, at its composition time.
  const firstCts = samples.reduce((m, s) => Math.min(m, s.cts), Infinity);
  const startSeconds = edits.window ? edits.emptySeconds : edits.emptySeconds + firstCts / track.timescale;

  return {
    container: (await majorBrand(blob, boxes.find((b) => b.type === 'ftyp')?.start)) === 'qt  ' ? 'MOV' : 'MP4',
    codec,
    description: configBox ? serializeBody(configBox) : undefined,
    codedWidth: entry.width || track.video?.width || track.track_width,
    codedHeight: entry.height || track.video?.height || track.track_height,
    timescale: track.timescale,
    samples,
    window: edits.window,
    startSeconds,
    colorSpace: colorSpaceOf(entry.colr as ColrBox | undefined),
    rotation: rotationOfMatrix(track.matrix),
    source: new SampleReader(blob, samples),
    close: () => undefined,
  };
}

type VideoTrackInfo = Movie['videoTracks'][number];
type SampleEntry = Record<string, unknown> & { width: number; height: number };

function sampleEntryOf(file: ReturnType<typeof createFile>, track: VideoTrackInfo): SampleEntry {
  return file.getTrackById(track.id).mdia.minf.stbl.stsd.entries[0] as unknown as SampleEntry;
}

function configBoxOf(entry: SampleEntry): CodecConfigBox | undefined {
  return (entry.avcC ?? entry.hvcC ?? entry.av1C) as CodecConfigBox | undefined;
}

/**
 * The first video track (file order) the browser can decode, else the first one (which then
 * fails with a message naming its codec): a file may carry an HEVC track ahead of an H.264 one.
 */
async function firstDecodableTrack(file: ReturnType<typeof createFile>, tracks: VideoTrackInfo[]): Promise<VideoTrackInfo | undefined> {
  if (tracks.length < 2 || typeof VideoDecoder === 'undefined') return tracks[0];
  for (const t of tracks) {
    const entry = sampleEntryOf(file, t);
    const box = configBoxOf(entry);
    const config: VideoDecoderConfig = {
      codec: t.codec,
      description: box ? serializeBody(box) : undefined,
      codedWidth: entry.width || t.video?.width || t.track_width,
      codedHeight: entry.height || t.video?.height || t.track_height,
    };
    try {
      if ((await VideoDecoder.isConfigSupported(config)).supported) return t;
    } catch {
      // A malformed configuration: not this track.
    }
  }
  return tracks[0];
}

/**
 * An `mp4v` sample entry holds any MPEG-4 Systems video: its esds object type says which (ffmpeg
 * writes Motion JPEG and MPEG-2 in MP4 this way). Named by the fourcc of that codec, so the
 * message says "Motion JPEG", not "MPEG-4 Part 2".
 */
function mp4vCodec(codec: string, entry: SampleEntry): string {
  if (codec.split('.')[0] !== 'mp4v') return codec;
  const esds = entry.esds as { esd?: { descs?: { oti?: number }[] } } | undefined;
  const oti = esds?.esd?.descs?.[0]?.oti;
  if (oti === undefined) return codec;
  if (oti >= 0x60 && oti <= 0x65) return 'mp2v';
  if (oti === 0x6c) return 'jpeg';
  if (oti === 0x6d) return 'png ';
  return codec;
}

/**
 * mp4box lists a picture track whose sample entry it does not know (ProRes, Motion JPEG ...) as
 * metadata: find it by its `vide` handler, so the user hears which codec it is, not "no video".
 */
function noVideoTrackMessage(file: ReturnType<typeof createFile>, movie: Movie): string {
  for (const t of movie.tracks) {
    const trak = file.getTrackById(t.id) as unknown as { mdia?: { hdlr?: { handler?: string } } } | undefined;
    if (trak?.mdia?.hdlr?.handler !== 'vide') continue;
    const size = t.track_width && t.track_height ? `, ${t.track_width}x${t.track_height}` : '';
    return `this browser cannot decode ${codecName(t.codec)} video (codec ${t.codec}${size})${neverDecodedNote(t.codec) || ': browsers have no decoder for it'}`;
  }
  return 'the file has no video track';
}

interface EditEntry {
  segment_duration: number;
  media_time: number;
}

/** The ftyp box's major brand (`qt  ` for QuickTime), '' without one. */
async function majorBrand(blob: Blob, ftypStart: number | undefined): Promise<string> {
  if (ftypStart === undefined) return '';
  const head = new Uint8Array(await blob.slice(ftypStart + 8, ftypStart + 12).arrayBuffer());
  return String.fromCharCode(...head);
}

interface SttsHolder {
  mdia?: { minf?: { stbl?: { stts?: { sample_counts: number[]; sample_deltas: number[] } } } };
}

/**
 * mp4box gives the last sample of the sample table the length `mdhd duration - its dts`, which
 * is not its length when the track has B-frames or gaps: put back its own `stts` delta.
 */
function restoreLastSttsDuration(trak: SttsHolder, samples: Mp4Sample[]) {
  const stts = trak.mdia?.minf?.stbl?.stts;
  // Fragments carry their own durations.
  if (!stts || stts.sample_deltas.length === 0) return;
  const inTable = stts.sample_counts.reduce((a, b) => a + b, 0);
  if (inTable === samples.length) samples[samples.length - 1].duration = stts.sample_deltas[stts.sample_deltas.length - 1];
}

function toDemuxedSample(s: Sample): Mp4Sample {
  return { dts: s.dts, cts: s.cts, duration: s.duration, isSync: s.is_sync, offset: s.offset, size: s.size };
}

/** The box's payload without its 8-byte header (what WebCodecs wants as `description`). */
function serializeBody(box: CodecConfigBox): Uint8Array {
  const stream = new DataStream(undefined, 0);
  box.write(stream);
  return new Uint8Array(stream.buffer as ArrayBuffer, 8);
}

// Wider than TypeScript's DOM types (which lack bt2020, pq, hlg ...), hence plain strings.
const PRIMARIES: Record<number, string> = { 1: 'bt709', 5: 'bt470bg', 6: 'smpte170m', 9: 'bt2020', 12: 'smpte432' };
const TRANSFERS: Record<number, string> = {
  1: 'bt709', 6: 'smpte170m', 8: 'linear', 13: 'iec61966-2-1', 16: 'pq', 18: 'hlg',
};
const MATRICES: Record<number, string> = { 0: 'rgb', 1: 'bt709', 5: 'bt470bg', 6: 'smpte170m', 9: 'bt2020-ncl' };

function colorSpaceOf(colr: ColrBox | undefined): VideoColorSpaceInit | undefined {
  if (!colr || (colr.colour_type !== 'nclx' && colr.colour_type !== 'nclc')) return undefined;
  return {
    primaries: PRIMARIES[colr.colour_primaries] ?? null,
    transfer: TRANSFERS[colr.transfer_characteristics] ?? null,
    matrix: MATRICES[colr.matrix_coefficients] ?? null,
    fullRange: colr.colour_type === 'nclx' ? colr.full_range_flag === 1 : null,
  } as VideoColorSpaceInit;
}
