// The render's output file: bytes go to a temp file next to OUT, which is renamed to OUT only
// when the render succeeded. A failed or interrupted render leaves no OUT and no temp file.

import { closeSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { CliError, fsProblem } from './cli-error.ts';
import { userCwd } from './project-paths.ts';

export class OutputFile {
  private fd: number | undefined;
  private writes: Promise<void> = Promise.resolve();
  private finished = false;
  bytes = 0;

  private constructor(readonly out: string, readonly temp: string) {
    this.fd = openSync(temp, 'wx');
  }

  /** Checks the output folder, then creates the temp file. */
  static create(outPath: string, cwd = userCwd()): OutputFile {
    const out = resolve(cwd, outPath);
    const dir = dirname(out);
    let isDir = false;
    try {
      isDir = statSync(dir).isDirectory();
    } catch {
      // reported below
    }
    if (!isDir) throw new CliError(`output folder ${dirname(outPath) || '.'} does not exist`);
    try {
      if (statSync(out).isDirectory()) throw new CliError(`output ${outPath} is a folder`);
    } catch (e) {
      if (e instanceof CliError) throw e;
    }
    const temp = join(dir, `.${basename(out)}.${process.pid}.${randomBytes(4).toString('hex')}.part`);
    try {
      return new OutputFile(out, temp);
    } catch (e) {
      throw new CliError(`cannot write to ${dirname(outPath) || '.'} (${fsProblem(e)})`);
    }
  }

  /** Writes `chunk` at `position`; writes happen in call order (later ones may overwrite). */
  write(chunk: Uint8Array, position: number): Promise<void> {
    const run = this.writes.then(() => {
      if (this.fd === undefined) throw new Error('output file is closed');
      let done = 0;
      while (done < chunk.length) done += writeSync(this.fd, chunk, done, chunk.length - done, position + done);
      this.bytes = Math.max(this.bytes, position + chunk.length);
    });
    this.writes = run.catch(() => {});
    return run;
  }

  /** Waits for pending writes and moves the temp file to OUT. */
  async commit(): Promise<void> {
    await this.writes;
    this.close();
    renameSync(this.temp, this.out);
    this.finished = true;
  }

  /** Deletes the temp file (synchronous: safe in exit and signal handlers). Idempotent. */
  discard(): void {
    if (this.finished) return;
    this.finished = true;
    this.close();
    try {
      unlinkSync(this.temp);
    } catch {
      // already gone
    }
  }

  private close() {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }
}
