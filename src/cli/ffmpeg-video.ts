// ffprobe/ffmpeg as reference tools (bench and tests): what a video file holds, and its frames
// decoded to raw RGB or grey bytes, independently of the browser.

import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ProbedVideo {
  codec: string;
  width: number;
  height: number;
  frameCount: number;
  /** Frames per second from the stream's frame rate (e.g. 10/1). */
  fps: number;
  durationS: number;
  pixFmt: string;
  colorRange?: string;
}

export async function probeVideo(path: string): Promise<ProbedVideo> {
  const { stdout } = await run('ffprobe', [
    '-v', 'error', '-select_streams', 'v:0', '-count_frames',
    '-show_entries', 'stream=codec_name,width,height,nb_read_frames,r_frame_rate,duration,pix_fmt,color_range:format=duration',
    '-of', 'json', path,
  ]);
  const json = JSON.parse(stdout) as {
    streams: { codec_name: string; width: number; height: number; nb_read_frames: string; r_frame_rate: string; duration?: string; pix_fmt: string; color_range?: string }[];
    format: { duration?: string };
  };
  const s = json.streams[0];
  if (!s) throw new Error(`${path} has no video stream`);
  const [num, den] = s.r_frame_rate.split('/').map(Number);
  return {
    codec: s.codec_name,
    width: s.width,
    height: s.height,
    frameCount: Number(s.nb_read_frames),
    fps: num / (den || 1),
    durationS: Number(s.duration ?? json.format.duration),
    pixFmt: s.pix_fmt,
    colorRange: s.color_range,
  };
}

export interface DecodeOptions {
  /** Frames to decode from the start (all when absent). */
  count?: number;
  /** Scale to this size (the file's size when absent). */
  size?: { width: number; height: number };
  /** rgb24: 3 bytes a pixel; rgba: 4; gray: 1. */
  pixelFormat?: 'rgb24' | 'rgba' | 'gray';
}

/** Decodes frames with ffmpeg; each entry is one frame's packed pixels. */
export async function decodeFrames(path: string, width: number, height: number, options: DecodeOptions = {}): Promise<Uint8Array[]> {
  const format = options.pixelFormat ?? 'rgb24';
  const size = options.size ?? { width, height };
  const frameBytes = size.width * size.height * { rgb24: 3, rgba: 4, gray: 1 }[format];
  const args = ['-v', 'error', '-i', path];
  if (options.count !== undefined) args.push('-frames:v', String(options.count));
  if (options.size) args.push('-vf', `scale=${size.width}:${size.height}:flags=bilinear`);
  args.push('-f', 'rawvideo', '-pix_fmt', format, '-');
  const chunks: Buffer[] = [];
  const errors: Buffer[] = [];
  const code = await new Promise<number>((done, fail) => {
    const child = spawn('ffmpeg', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (b: Buffer) => chunks.push(b));
    child.stderr.on('data', (b: Buffer) => errors.push(b));
    child.on('error', fail);
    child.on('close', (c) => done(c ?? -1));
  });
  if (code !== 0) throw new Error(`ffmpeg could not decode ${path}: ${Buffer.concat(errors).toString().trim()}`);
  const all = Buffer.concat(chunks);
  const frames: Uint8Array[] = [];
  for (let at = 0; at + frameBytes <= all.length; at += frameBytes) frames.push(new Uint8Array(all.subarray(at, at + frameBytes)));
  return frames;
}
