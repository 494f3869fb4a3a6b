// The CodecDelay of a Matroska/WebM file's first audio track. Matroska block times of such a
// track (Opus from ffmpeg: its pre-skip) are that much later than the sound they carry; ffmpeg
// subtracts it when reading, mediabunny does not, so the export subtracts it itself to keep the
// audio where ffmpeg (and the file's writer) put it against the picture.

import { readVint } from './matroska-truncation.ts';

const SEGMENT = 0x18538067;
const TRACKS = 0x1654ae6b;
const TRACK_ENTRY = 0xae;
const TRACK_TYPE = 0x83;
const CODEC_DELAY = 0x56aa;
const CLUSTER = 0x1f43b675;
const AUDIO = 2;

interface Element { id: number; dataStart: number; dataEnd: number }

/** The elements in b[from, to): stops at one of unknown size or one that runs past the buffer's end. */
function* children(b: Uint8Array, from: number, to: number): Generator<Element> {
  let pos = from;
  while (pos < to) {
    const id = readVint(b, pos, true);
    const size = id && readVint(b, pos + id.length, false);
    if (!id || !size) return;
    const dataStart = pos + id.length + size.length;
    const dataEnd = size.value < 0 ? to : dataStart + size.value;
    yield { id: id.value, dataStart, dataEnd: Math.min(dataEnd, to) };
    if (size.value < 0 || dataEnd > to) return;
    pos = dataEnd;
  }
}

function uint(b: Uint8Array, e: Element): number {
  let v = 0;
  for (let i = e.dataStart; i < e.dataEnd; i++) v = v * 256 + b[i];
  return v;
}

/** Seconds; 0 when the file says nothing (or its Tracks are not near the start). */
export async function matroskaAudioCodecDelay(blob: Blob): Promise<number> {
  const b = new Uint8Array(await blob.slice(0, 256 * 1024).arrayBuffer());
  for (const top of children(b, 0, b.length)) {
    if (top.id !== SEGMENT) continue;
    for (const level1 of children(b, top.dataStart, top.dataEnd)) {
      if (level1.id === CLUSTER) return 0;
      if (level1.id !== TRACKS) continue;
      for (const entry of children(b, level1.dataStart, level1.dataEnd)) {
        if (entry.id !== TRACK_ENTRY) continue;
        let type = 0;
        let delayNs = 0;
        for (const field of children(b, entry.dataStart, entry.dataEnd)) {
          if (field.id === TRACK_TYPE) type = uint(b, field);
          if (field.id === CODEC_DELAY) delayNs = uint(b, field);
        }
        if (type === AUDIO) return delayNs / 1e9;
      }
      return 0;
    }
  }
  return 0;
}
