// All the files one render writes, committed together or not at all: the main file (OUT) plus
// companions beside it (the matte video of a colour + matte pair), or a folder of PNGs. Until the
// render succeeds everything lives in temp files/folders ending in `.part`; a failed or
// interrupted render deletes them, so nothing half-written is ever presented as complete.

import { closeSync, existsSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { CliError, fsProblem } from './cli-error.ts';
import { OutputFile } from './output-file.ts';
import { userCwd } from './project-paths.ts';

/** A file name the page may ask for: one path segment, nothing hidden or climbing out. */
function safeName(name: string): string {
  if (!/^[\w][\w .()+-]*$/.test(name) || name.includes('..')) throw new Error(`refusing to write a file named "${name}"`);
  return name;
}

export class OutputSet {
  private readonly companions = new Map<string, OutputFile>();
  private readonly folderFiles = new Map<string, number>();
  private readonly folderNames: string[] = [];
  private finished = false;
  bytes = 0;

  private constructor(
    private readonly kind: 'file' | 'folder',
    /** Absolute OUT (a file, or the folder). */
    readonly out: string,
    private readonly main?: OutputFile,
    /** Folder mode: where files go until commit. */
    private readonly tempDir?: string,
    private readonly folderExisted = false,
  ) {}

  /** Throws when the folder OUT goes into does not exist (checked before any work starts). */
  static checkLocation(outPath: string, cwd = userCwd()): void {
    const out = resolve(cwd, outPath);
    const parent = dirname(out);
    if (!existsSync(parent) || !statSync(parent).isDirectory()) throw new CliError(`output folder ${dirname(outPath) || '.'} does not exist`);
  }

  static create(outPath: string, kind: 'file' | 'folder', cwd = userCwd()): OutputSet {
    if (kind === 'file') {
      const main = OutputFile.create(outPath, cwd);
      return new OutputSet('file', main.out, main);
    }
    const out = resolve(cwd, outPath);
    const existed = existsSync(out);
    if (existed && !statSync(out).isDirectory()) throw new CliError(`output ${outPath} is a file, not a folder`);
    const parent = existed ? out : dirname(out);
    if (!existsSync(parent) || !statSync(parent).isDirectory()) throw new CliError(`output folder ${dirname(outPath) || '.'} does not exist`);
    const temp = existed
      ? join(out, `.mattegraph-${process.pid}-${randomBytes(4).toString('hex')}.part`)
      : join(parent, `.${basename(out)}.${process.pid}.${randomBytes(4).toString('hex')}.part`);
    try {
      mkdirSync(temp);
    } catch (e) {
      throw new CliError(`cannot write to ${outPath} (${fsProblem(e)})`);
    }
    return new OutputSet('folder', out, undefined, temp, existed);
  }

  /** Writes `chunk` at `position` of the main file, or of file `name` (a companion or a PNG). */
  async write(chunk: Uint8Array, position: number, name?: string): Promise<void> {
    if (this.finished) throw new Error('output is closed');
    if (this.kind === 'file') {
      const target = name === undefined ? this.main! : this.companion(safeName(name));
      await target.write(chunk, position);
    } else {
      const file = safeName(name ?? 'output');
      let fd = this.folderFiles.get(file);
      if (fd === undefined) {
        fd = openSync(join(this.tempDir!, file), 'wx');
        this.folderFiles.set(file, fd);
        this.folderNames.push(file);
      }
      let done = 0;
      while (done < chunk.length) done += writeSync(fd, chunk, done, chunk.length - done, position + done);
    }
    this.bytes += chunk.length;
  }

  /** Names of the files written so far (main first). */
  get names(): string[] {
    return this.kind === 'file' ? [basename(this.out), ...this.companions.keys()] : [...this.folderNames];
  }

  async commit(): Promise<void> {
    if (this.kind === 'file') {
      await this.main!.commit();
      for (const c of this.companions.values()) await c.commit();
    } else {
      for (const fd of this.folderFiles.values()) closeSync(fd);
      this.folderFiles.clear();
      if (this.folderExisted) {
        for (const f of readdirSync(this.tempDir!)) renameSync(join(this.tempDir!, f), join(this.out, f));
        rmSync(this.tempDir!, { recursive: true, force: true });
      } else {
        renameSync(this.tempDir!, this.out);
      }
    }
    this.finished = true;
  }

  /** Deletes every temp file and folder (synchronous: safe in signal handlers). Idempotent. */
  discard(): void {
    if (this.finished) return;
    this.finished = true;
    this.main?.discard();
    for (const c of this.companions.values()) c.discard();
    for (const fd of this.folderFiles.values()) closeSync(fd);
    this.folderFiles.clear();
    if (this.tempDir) rmSync(this.tempDir, { recursive: true, force: true });
  }

  private companion(name: string): OutputFile {
    let file = this.companions.get(name);
    if (!file) {
      file = OutputFile.create(join(dirname(this.out), name));
      this.companions.set(name, file);
    }
    return file;
  }
}
