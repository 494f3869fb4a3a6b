// What every demuxer hands the decoder: one video track as codec configuration, a sample table
// in decode order and a way to read a sample's coded bytes. MP4/MOV (mp4box) and WebM/Matroska
// (mediabunny) both produce this, so the decoder and the graph never know the container.

import type { Rotation } from './rotate-rgba.ts';

/** One coded frame, in decode order. Times are in the track timescale. */
export interface DemuxedSample {
  dts: number;
  cts: number;
  duration: number;
  isSync: boolean;
}

/** Reads the coded bytes of decode-order sample `j`. */
export interface SampleSource {
  read(j: number): Promise<Uint8Array>;
}

export type ContainerName = 'MP4' | 'MOV' | 'WebM' | 'Matroska';

export interface DemuxedVideoTrack {
  container: ContainerName;
  /** WebCodecs codec string, e.g. `avc1.64001f`, `vp09.00.10.08`. */
  codec: string;
  /** Codec configuration record (avcC, hvcC, av1C ...) for VideoDecoderConfig.description. */
  description?: Uint8Array;
  codedWidth: number;
  codedHeight: number;
  timescale: number;
  samples: DemuxedSample[];
  /**
   * Presentation window in track timescale units (an MP4 edit list): samples whose composition
   * time falls outside it are decoded (others may depend on them) but never shown.
   */
  window?: { start: number; end: number };
  /**
   * Where the track's first shown frame sits on the file's timeline, in seconds (edit lists
   * applied): other tracks of the file (audio) are placed relative to it.
   */
  startSeconds: number;
  /** Colour tags of the container, when it has them. */
  colorSpace?: VideoColorSpaceInit;
  /** Clockwise turn the container asks for when showing the pictures. */
  rotation: Rotation;
  source: SampleSource;
  /**
   * The alpha stream, for files that store one beside the colour (WebM/Matroska BlockAdditions,
   * as VP9/VP8 with alpha are written): same codec, same samples, read like the colour.
   */
  alphaSource?: SampleSource;
  /** Releases what reading needed (parsers, caches). */
  close(): void;
}
