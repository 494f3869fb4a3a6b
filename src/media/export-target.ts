// Where an export's bytes go. Memory: each file becomes a Blob (the editor downloads them).
// Stream: bytes are handed out with their position (the CLI writes files; the MP4 header is
// rewritten at the end); `file` names a second file of the export (a matte video, one PNG of a
// sequence) and is absent for the main output.

import { BufferTarget, Mp4OutputFormat, Output, StreamTarget, WebMOutputFormat, type OutputFormat, type Target } from 'mediabunny';

export type ExportTarget =
  | { kind: 'memory' }
  | { kind: 'stream'; write(chunk: Uint8Array, position: number, file?: string): void | Promise<void> };

export interface WrittenFile {
  name: string;
  /** The file's bytes, for a memory target. */
  blob?: Blob;
}

/** One mediabunny Output writing a video file to an export target. */
export class VideoFileOutput {
  readonly output: Output;
  readonly format: OutputFormat;
  private readonly memory?: BufferTarget;

  constructor(target: ExportTarget, container: 'mp4' | 'webm', readonly name: string, main: boolean) {
    this.memory = target.kind === 'memory' ? new BufferTarget() : undefined;
    const sink: Target = this.memory ?? new StreamTarget(new WritableStream({
      write: (chunk) => (target as Extract<ExportTarget, { kind: 'stream' }>).write(chunk.data, chunk.position, main ? undefined : name),
    }));
    this.format = container === 'mp4'
      ? new Mp4OutputFormat({ fastStart: this.memory ? 'in-memory' : 'reserve' })
      : new WebMOutputFormat();
    this.output = new Output({ format: this.format, target: sink });
  }

  get streaming(): boolean {
    return !this.memory;
  }

  async finish(): Promise<WrittenFile> {
    await this.output.finalize();
    const type = this.format instanceof Mp4OutputFormat ? 'video/mp4' : 'video/webm';
    return { name: this.name, blob: this.memory?.buffer ? new Blob([this.memory.buffer], { type }) : undefined };
  }

  async cancel(): Promise<void> {
    if (this.output.state !== 'canceled' && this.output.state !== 'finalized') await this.output.cancel().catch(() => undefined);
  }
}
