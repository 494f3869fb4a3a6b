// Finds which sample broke the decoder. WebCodecs reports decode errors asynchronously, after
// later chunks may have been queued, so the failing chunk is found exactly by bisection: decode
// from the key frame up to a candidate with a throwaway decoder and see whether flush() succeeds.
// Only runs on damaged files.

import type { ClipTiming } from './clip-timing.ts';
import type { DemuxedSample, SampleSource } from './demuxed-track.ts';

export interface DamagedSample {
  /** Decode-order index. */
  sample: number;
  message: string;
}

export async function locateDamagedSample(
  config: VideoDecoderConfig,
  samples: readonly DemuxedSample[],
  timing: ClipTiming,
  reader: SampleSource,
  start: number,
  end: number,
  signal?: AbortSignal,
): Promise<DamagedSample | undefined> {
  const probe = async (last: number) => {
    signal?.throwIfAborted();
    return decodeError(config, samples, timing, reader, start, last);
  };
  let message = await probe(end);
  if (message === undefined) return undefined;
  let lo = start;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const m = await probe(mid);
    if (m === undefined) lo = mid + 1;
    else {
      hi = mid;
      message = m;
    }
  }
  return { sample: hi, message };
}

/** Decodes samples start..last (decode order) and returns the decoder's error, if any. */
async function decodeError(
  config: VideoDecoderConfig,
  samples: readonly DemuxedSample[],
  timing: ClipTiming,
  reader: SampleSource,
  start: number,
  last: number,
): Promise<string | undefined> {
  let error: string | undefined;
  const decoder = new VideoDecoder({ output: (f) => f.close(), error: (e) => (error ??= e.message) });
  try {
    decoder.configure(config);
    for (let j = start; j <= last && error === undefined; j++) {
      decoder.decode(new EncodedVideoChunk({
        type: samples[j].isSync ? 'key' : 'delta',
        timestamp: timing.chunkTimestampsUs[j],
        data: await reader.read(j),
      }));
    }
    await decoder.flush();
  } catch (e) {
    error ??= (e as Error).message;
  } finally {
    if (decoder.state !== 'closed') decoder.close();
  }
  return error;
}
