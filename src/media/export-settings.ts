// The Export node's params turned into what the export job does: container, video codec, how
// alpha is written, whether colour is straight or premultiplied, audio, bitrate or quality.
// Combinations that cannot work are refused here with a sentence naming the way out.

import type { Params } from '../graph/types.ts';

export type VideoCodecId = 'h264' | 'vp9' | 'av1' | 'vp8';
export type ExportFormat = 'mp4' | 'webm' | 'webm-alpha' | 'matte-pair' | 'png-sequence';
export type ColourMode = 'straight' | 'premultiplied';

export const VIDEO_CODECS: readonly { value: VideoCodecId; label: string }[] = [
  { value: 'h264', label: 'H.264' },
  { value: 'vp9', label: 'VP9' },
  { value: 'av1', label: 'AV1' },
  { value: 'vp8', label: 'VP8' },
];

export const EXPORT_FORMATS: readonly { value: ExportFormat; label: string }[] = [
  { value: 'mp4', label: 'MP4 video' },
  { value: 'webm', label: 'WebM video' },
  { value: 'webm-alpha', label: 'WebM with alpha (transparent)' },
  { value: 'matte-pair', label: 'Colour + matte (two videos)' },
  { value: 'png-sequence', label: 'RGBA PNG sequence' },
];

/** Codecs each container takes (Chromium encodes all four; H.264 has no place in WebM). */
const CONTAINER_CODECS: Record<'mp4' | 'webm', readonly VideoCodecId[]> = {
  mp4: ['h264', 'vp9', 'av1'],
  webm: ['vp9', 'vp8', 'av1'],
};

export interface ExportSettings {
  format: ExportFormat;
  /** Video files' container ('png' for an image sequence). */
  container: 'mp4' | 'webm' | 'png';
  codec: VideoCodecId;
  bitrate: number;
  /** 1 (smallest) .. 100 (best), or undefined to encode at `bitrate`. */
  quality?: number;
  /** How the alpha input is written: not at all, as the video's alpha stream, as a second video, in the PNGs. */
  alpha: 'none' | 'stream' | 'separate-video' | 'png';
  /** Colour of transparent exports: straight (unassociated) or multiplied by alpha. */
  colour: ColourMode;
  audio: 'keep' | 'drop';
  /** File name of the main output, extension matching the format. */
  filename: string;
  /** What the user should know about choices made for them. */
  notes: string[];
}

/** Who reads each transparent format (all of them expect straight colour). */
const TRANSPARENT_FORMAT_READERS: Partial<Record<ExportFormat, string>> = {
  'webm-alpha': 'players of WebM with alpha (Chrome, Firefox, ffmpeg)',
  'matte-pair': 'editors keying a colour + matte pair',
  'png-sequence': 'PNG readers (the PNG specification)',
};

const CODEC_NAMES: Record<VideoCodecId, string> = { h264: 'H.264', vp9: 'VP9', av1: 'AV1', vp8: 'VP8' };
export const codecLabel = (c: VideoCodecId) => CODEC_NAMES[c];

export function exportSettings(params: Params): ExportSettings {
  const format = String(params.format ?? 'mp4') as ExportFormat;
  if (!EXPORT_FORMATS.some((f) => f.value === format)) {
    throw new Error(`export format "${format}" is unknown (choose ${EXPORT_FORMATS.map((f) => f.value).join(', ')})`);
  }
  const codecParam = String(params.codec ?? 'h264');
  if (!VIDEO_CODECS.some((c) => c.value === codecParam)) {
    throw new Error(`export codec "${codecParam}" is not supported (choose h264, vp9, av1 or vp8)`);
  }
  let codec = codecParam as VideoCodecId;
  const notes: string[] = [];
  const container = format === 'png-sequence' ? 'png' : format === 'webm' || format === 'webm-alpha' ? 'webm' : 'mp4';
  if (format === 'webm-alpha') {
    // Browsers play alpha from VP9 and VP8 WebM only. H.264 is the param's default: take VP9 then.
    if (codec === 'h264') {
      codec = 'vp9';
      notes.push('codec VP9: WebM with alpha cannot hold H.264');
    }
    if (codec !== 'vp9' && codec !== 'vp8') {
      throw new Error(`WebM with alpha needs VP9 or VP8 (browsers do not play alpha from ${CODEC_NAMES[codec]}); set the codec to vp9`);
    }
  } else if (container === 'webm' && codec === 'h264') {
    codec = 'vp9'; // the default codec cannot go into WebM; VP9 is what WebM users expect
    notes.push('codec VP9: WebM cannot hold H.264');
  } else if (container === 'mp4' && !CONTAINER_CODECS.mp4.includes(codec)) {
    throw new Error(`${CODEC_NAMES[codec]} cannot go into MP4 here; choose H.264, VP9 or AV1, or the WebM format`);
  }

  const bitrateMbps = Number(params.bitrateMbps ?? 8);
  if (!(bitrateMbps > 0)) throw new Error(`the export bitrate must be above 0 Mbit/s, got ${params.bitrateMbps}`);
  const q = params.quality;
  const quality = q === undefined || q === 'auto' ? undefined : Number(q);
  if (quality !== undefined && !(quality >= 1 && quality <= 100)) throw new Error(`export quality must be 1..100 or auto, got ${q}`);

  const colourParam = String(params.alphaColour ?? 'auto');
  if (!['auto', 'straight', 'premultiplied'].includes(colourParam)) {
    throw new Error(`alpha colour "${colourParam}" is unknown (choose auto, straight or premultiplied)`);
  }
  // Every transparent format here expects straight colour (WebM alpha, PNG, fill + matte pairs).
  const colour: ColourMode = colourParam === 'premultiplied' ? 'premultiplied' : 'straight';
  if (colour === 'premultiplied' && TRANSPARENT_FORMAT_READERS[format]) {
    notes.push(`colour premultiplied by alpha, as asked: ${TRANSPARENT_FORMAT_READERS[format]} expect straight colour ` +
      'and show premultiplied colour darker at soft edges; keep it only for a tool that reads premultiplied colour');
  }
  const audio = String(params.audio ?? 'keep');
  if (audio !== 'keep' && audio !== 'drop') throw new Error(`export audio "${audio}" is unknown (choose keep or drop)`);

  return {
    format,
    container,
    codec,
    bitrate: Math.round(bitrateMbps * 1e6),
    quality,
    alpha: format === 'webm-alpha' ? 'stream' : format === 'matte-pair' ? 'separate-video' : format === 'png-sequence' ? 'png' : 'none',
    colour,
    audio,
    filename: filenameFor(String(params.filename || 'mattegraph-export.mp4'), format === 'png-sequence' ? 'zip' : container),
    notes,
  };
}

/** `name` with the extension the output needs (a user's `.mp4` becomes `.webm` for WebM). */
export function filenameFor(name: string, ext: string): string {
  const stem = name.replace(/\.(mp4|m4v|mov|webm|mkv|zip|png)$/i, '');
  return `${stem || 'mattegraph-export'}.${ext}`;
}

/** The matte video of a colour + matte pair: `clip.mp4` -> `clip-matte.mp4`. */
export function matteFilename(main: string): string {
  return main.replace(/(\.[^.]+)?$/, (ext) => `-matte${ext}`);
}

/** A PNG of a sequence: `shot.zip` -> `shot_000012.png`. */
export function pngFilename(main: string, frame: number, digits: number): string {
  return `${main.replace(/\.[^.]+$/, '')}_${String(frame).padStart(digits, '0')}.png`;
}
