// A live camera (getUserMedia) read as VideoFrames: a reader keeps only the newest frame (older
// ones are closed at once, so a slow graph never piles frames up), and `next()` hands out a frame
// newer than the last one handed out, waiting for the camera when needed. Every frame is counted
// in open-frames. MediaStreamTrackProcessor where the browser has it, else a <video> element.

import { adoptFrame } from './open-frames.ts';

export interface CameraRequest {
  /** A deviceId, or part of a camera's label; '' for the default camera. */
  device: string;
  width: number;
  height: number;
  fps: number;
}

export interface CameraInfo {
  label: string;
  width: number;
  height: number;
  fps: number;
}

/** How long `next()` waits for a new frame before handing out the last one again. */
const FRAME_WAIT_MS = 1000;

type TrackProcessorCtor = new (init: { track: MediaStreamTrack }) => { readable: ReadableStream<VideoFrame> };

export class CameraCapture {
  private latest?: VideoFrame;
  private latestSerial = 0;
  private givenSerial = 0;
  private waiters: (() => void)[] = [];
  private stopped = false;
  private failure?: Error;

  private constructor(private readonly track: MediaStreamTrack, readonly info: CameraInfo) {}

  static async open(req: CameraRequest): Promise<CameraCapture> {
    if (!navigator.mediaDevices?.getUserMedia) throw new Error('this browser gives no camera access (a secure page is needed)');
    const deviceId = await findDevice(req.device);
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        audio: false,
        video: { deviceId: deviceId ? { exact: deviceId } : undefined, width: { ideal: req.width }, height: { ideal: req.height }, frameRate: { ideal: req.fps } },
      });
    } catch (e) {
      const name = (e as DOMException).name;
      throw new Error(name === 'NotAllowedError' ? 'camera access was refused: allow the camera for this page'
        : name === 'NotFoundError' || name === 'OverconstrainedError' ? `no camera found${req.device ? ` matching "${req.device}"` : ''}`
        : name === 'NotReadableError' ? 'the camera is in use by another program'
        : `cannot open the camera: ${(e as Error).message}`);
    }
    const track = stream.getVideoTracks()[0];
    const s = track.getSettings();
    const capture = new CameraCapture(track, { label: track.label || 'camera', width: s.width ?? req.width, height: s.height ?? req.height, fps: s.frameRate ?? req.fps });
    capture.start();
    return capture;
  }

  /** A frame newer than the previous one returned (or the newest, after a wait); the caller closes it. */
  async next(signal?: AbortSignal): Promise<VideoFrame> {
    if (this.latestSerial <= this.givenSerial) await this.waitForFrame(signal);
    if (this.failure) throw this.failure;
    if (!this.latest) throw new Error('the camera sends no pictures');
    this.givenSerial = this.latestSerial;
    return adoptFrame(this.latest.clone());
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.track.stop();
    this.latest?.close();
    this.latest = undefined;
    for (const w of this.waiters.splice(0)) w();
  }

  private accept(frame: VideoFrame) {
    if (this.stopped) {
      frame.close();
      return;
    }
    this.latest?.close();
    this.latest = adoptFrame(frame);
    this.latestSerial++;
    for (const w of this.waiters.splice(0)) w();
  }

  private start() {
    const Processor = (globalThis as { MediaStreamTrackProcessor?: TrackProcessorCtor }).MediaStreamTrackProcessor;
    if (Processor) void this.pump(new Processor({ track: this.track }).readable.getReader());
    else void this.watchVideoElement();
  }

  private async pump(reader: ReadableStreamDefaultReader<VideoFrame>) {
    try {
      while (!this.stopped) {
        const { value, done } = await reader.read();
        if (done) break;
        this.accept(value);
      }
    } catch (e) {
      this.failure = new Error(`the camera stopped: ${(e as Error).message}`);
    } finally {
      await reader.cancel().catch(() => undefined);
      if (!this.stopped) this.failure ??= new Error('the camera stopped sending pictures');
      for (const w of this.waiters.splice(0)) w();
    }
  }

  /** Browsers without MediaStreamTrackProcessor: a frame per presented video frame. */
  private async watchVideoElement() {
    const video = document.createElement('video');
    video.muted = true;
    video.playsInline = true;
    video.srcObject = new MediaStream([this.track]);
    await video.play().catch((e: Error) => (this.failure = new Error(`cannot play the camera: ${e.message}`)));
    const onFrame = () => {
      if (this.stopped) return;
      try {
        this.accept(new VideoFrame(video, { timestamp: Math.round(performance.now() * 1000) }));
      } catch {
        // The element had no picture yet.
      }
      video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
  }

  private waitForFrame(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== done);
        reject(signal!.reason);
      };
      const timer = setTimeout(done, FRAME_WAIT_MS);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(done);
    });
  }
}

/** The deviceId for `device` (an id or part of a label), or undefined for the default camera. */
async function findDevice(device: string): Promise<string | undefined> {
  if (!device) return undefined;
  const cameras = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput');
  const hit = cameras.find((d) => d.deviceId === device) ?? cameras.find((d) => d.label.toLowerCase().includes(device.toLowerCase()));
  if (!hit) {
    const names = cameras.map((d) => d.label).filter(Boolean);
    throw new Error(`no camera matches "${device}"${names.length ? ` (cameras: ${names.join(', ')})` : ''}`);
  }
  return hit.deviceId;
}
