// Reads the coded bytes of MP4 samples from the file, a window of consecutive samples per read,
// so sequential decoding does one Blob read per few MB instead of one per frame.

import type { SampleSource } from './demuxed-track.ts';
import type { Mp4Sample } from './mp4-demux.ts';

const WINDOW_BYTES = 4 << 20;
const WINDOW_SAMPLES = 120;

export class SampleReader implements SampleSource {
  private window?: { start: number; bytes: Uint8Array };

  constructor(
    private readonly blob: Blob,
    private readonly samples: readonly Mp4Sample[],
  ) {}

  /** The coded data of decode-order sample `j`. */
  async read(j: number): Promise<Uint8Array> {
    const s = this.samples[j];
    const w = this.window;
    if (w && s.offset >= w.start && s.offset + s.size <= w.start + w.bytes.length) {
      return w.bytes.subarray(s.offset - w.start, s.offset - w.start + s.size);
    }
    let end = s.offset + s.size;
    for (let k = j + 1; k < this.samples.length && k < j + WINDOW_SAMPLES; k++) {
      const next = this.samples[k];
      if (next.offset < s.offset || next.offset + next.size - s.offset > WINDOW_BYTES) break;
      end = Math.max(end, next.offset + next.size);
    }
    const bytes = new Uint8Array(await this.blob.slice(s.offset, end).arrayBuffer());
    this.window = { start: s.offset, bytes };
    return bytes.subarray(0, s.size);
  }
}
