// Drives one WebCodecs VideoDecoder for random access into a demuxed track. Frames are numbered
// in presentation order. A request just after the last one continues the running decoder; a jump
// restarts it at the key frame the target depends on and closes the frames before the target.
// Damaged samples are remembered: frames that depend on them fail naming the damaged frame, and
// frames before them are still delivered (the decoder is flushed instead of fed the bad sample).

import type { ClipTiming } from './clip-timing.ts';
import { codecName, MediaFileError } from './media-error.ts';
import type { DemuxedSample, SampleSource } from './demuxed-track.ts';
import { locateDamagedSample } from './locate-damage.ts';
import { adoptFrame } from './open-frames.ts';

/** Chunks queued in the decoder before we wait for it (back-pressure). */
const MAX_DECODE_QUEUE = 4;

export class FrameDecoder {
  private decoder?: VideoDecoder;
  /** Decode-order index of the next sample to feed, and where the running decoder started. */
  private nextDecode = 0;
  private startedAt = 0;
  /** After flush() the decoder wants a key frame: it cannot simply continue. */
  private needsKey = true;
  private flushed = false;
  /** Presentation index of the last frame delivered since the decoder (re)started. */
  private lastOutput = -1;
  /** Frames below this index are closed as soon as they arrive. */
  private wanted = 0;
  private ready: { index: number; frame: VideoFrame }[] = [];
  /** Decode-order indices fed since the restart, and how many of them the decoder has taken. */
  private fed: number[] = [];
  private taken = 0;
  private failure?: { sample: number; error: Error };
  /** Damaged samples (decode order) and what the decoder said. */
  private readonly damaged = new Map<number, string>();
  private wake?: () => void;
  private closed = false;
  private readonly indexByTimestamp = new Map<number, number>();

  constructor(
    private readonly samples: readonly DemuxedSample[],
    private readonly timing: ClipTiming,
    private readonly config: VideoDecoderConfig,
    private readonly reader: SampleSource,
  ) {
    timing.timestampsUs.forEach((t, i) => this.indexByTimestamp.set(t, i));
  }

  /** Frame `index` (presentation order); the caller owns it. Calls must not overlap. */
  async frameAt(index: number, signal?: AbortSignal): Promise<VideoFrame> {
    if (this.closed) throw new Error('the clip is closed');
    this.wanted = index;
    this.dropReady(index);
    if (this.ready[0]?.index === index) return this.ready.shift()!.frame;

    const start = this.timing.seekStartOf[index];
    const target = this.timing.decodeIndexOf[index];
    for (let attempt = 0; ; attempt++) {
      this.throwIfDependsOnDamage(index, start, target);
      // Never feed a known-damaged sample: flush before it instead.
      const limit = Math.min(this.samples.length, ...[...this.damaged.keys()].filter((b) => b > target));
      const canContinue = this.decoder?.state === 'configured' && !this.needsKey && !this.failure &&
        this.startedAt <= start && this.nextDecode > start && this.nextDecode <= limit && this.lastOutput < index;
      if (!canContinue) this.restartAt(start);
      const frame = await this.run(index, limit, signal);
      if (frame) return frame;
      // The decoder failed on a sample: find which, remember it, and retry (the loop above
      // then either names the damaged frame or decodes up to it and flushes).
      const { sample, error } = this.failure!;
      const located = await this.locate(sample, signal);
      this.damaged.set(located?.sample ?? sample, located?.message ?? error.message);
      if (attempt >= 3) throw this.error(index, located?.sample ?? sample);
    }
  }

  /** Gives back a frame just returned by frameAt (it is handed out again on the next request). */
  putBack(index: number, frame: VideoFrame): void {
    this.wanted = Math.min(this.wanted, index);
    this.ready.unshift({ index, frame });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.dropReady(Infinity);
    if (this.decoder && this.decoder.state !== 'closed') this.decoder.close();
    this.decoder = undefined;
    this.wake?.();
  }

  /** Feeds until frame `index` arrives; undefined when the decoder failed (see `failure`). */
  private async run(index: number, limit: number, signal?: AbortSignal): Promise<VideoFrame | undefined> {
    const decoder = this.decoder!;
    for (;;) {
      if (this.closed) throw new Error('the clip is closed');
      if (this.failure) return undefined;
      const head = this.ready[0];
      if (head?.index === index) return this.ready.shift()!.frame;
      if (head) throw new MediaFileError(`the decoder skipped frame ${index}`);
      signal?.throwIfAborted();
      if (this.nextDecode < limit) {
        if (decoder.decodeQueueSize >= MAX_DECODE_QUEUE) {
          await this.nextEvent(signal);
          continue;
        }
        const j = this.nextDecode++;
        const data = await this.reader.read(j);
        if (this.failure || decoder.state !== 'configured') continue;
        const p = this.timing.presentationIndexOf[j];
        this.fed.push(j);
        try {
          decoder.decode(new EncodedVideoChunk({
            type: this.samples[j].isSync ? 'key' : 'delta',
            timestamp: this.timing.chunkTimestampsUs[j],
            duration: p >= 0 ? this.timing.durationsUs[p] : undefined,
            data,
          }));
        } catch (e) {
          this.failure ??= { sample: j, error: e as Error };
        }
      } else if (!this.flushed) {
        this.flushed = true;
        this.needsKey = true;
        await decoder.flush().catch((e: Error) => this.fail(e));
      } else {
        throw new MediaFileError(`the decoder produced no picture for frame ${index}`);
      }
    }
  }

  /** Bisects from the key frame of the first frame not yet shown up to the last sample fed. */
  private async locate(failedAt: number, signal?: AbortSignal) {
    const end = Math.max(failedAt, this.fed[this.fed.length - 1] ?? failedAt);
    const from = this.lastOutput >= 0 && this.lastOutput + 1 < this.timing.frameCount
      ? Math.max(this.startedAt, this.timing.seekStartOf[this.lastOutput + 1])
      : this.startedAt;
    const args = [this.config, this.samples, this.timing, this.reader] as const;
    return (await locateDamagedSample(...args, Math.min(from, end), end, signal)) ??
      (from > this.startedAt ? await locateDamagedSample(...args, this.startedAt, end, signal) : undefined);
  }

  private throwIfDependsOnDamage(index: number, start: number, target: number) {
    for (const b of this.damaged.keys()) if (b >= start && b <= target) throw this.error(index, b);
  }

  private error(index: number, sample: number): MediaFileError {
    const bad = this.timing.presentationIndexOf[sample];
    const why = this.damaged.get(sample) ?? 'decoding failed';
    const codec = codecName(this.config.codec);
    const which = bad >= 0 ? `frame ${bad}` : `a frame the edit list hides (sample ${sample})`;
    return new MediaFileError(bad === index
      ? `cannot decode frame ${index} (${codec}): ${why}`
      : `cannot decode frame ${index} (${codec}): ${which}, which it depends on, is damaged (${why})`);
  }

  private restartAt(start: number) {
    this.dropReady(Infinity);
    if (this.decoder && this.decoder.state !== 'closed') {
      this.decoder.reset();
    } else {
      const decoder: VideoDecoder = new VideoDecoder({
        output: (frame) => this.onFrame(adoptFrame(frame)),
        error: (e) => {
          if (decoder === this.decoder) this.fail(e);
        },
      });
      decoder.addEventListener('dequeue', () => {
        if (decoder !== this.decoder) return;
        this.taken = this.fed.length - decoder.decodeQueueSize;
        this.wake?.();
      });
      this.decoder = decoder;
    }
    this.decoder.configure(this.config);
    this.failure = undefined;
    this.fed = [];
    this.taken = 0;
    this.nextDecode = start;
    this.startedAt = start;
    this.needsKey = false;
    this.flushed = false;
    this.lastOutput = -1;
  }

  /** The sample the decoder was working on when it failed: the last one it had taken. */
  private fail(error: Error) {
    if (this.failure) return;
    const sample = this.fed[Math.max(0, Math.min(this.taken, this.fed.length) - 1)] ?? this.nextDecode;
    this.failure = { sample, error };
    this.wake?.();
  }

  private onFrame(frame: VideoFrame) {
    const index = this.indexByTimestamp.get(frame.timestamp);
    if (index !== undefined) this.lastOutput = Math.max(this.lastOutput, index);
    if (this.closed || index === undefined || index < this.wanted) frame.close();
    else this.ready.push({ index, frame });
    this.wake?.();
  }

  private nextEvent(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.wake = undefined;
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.wake = () => {
        this.wake = undefined;
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
    });
  }

  private dropReady(before: number) {
    while (this.ready.length && this.ready[0].index < before) this.ready.shift()!.frame.close();
  }
}
