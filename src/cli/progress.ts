// Render progress on stderr: one updating `frame n/N` line on a terminal, periodic lines otherwise
// (logs and CI keep every line, so a line per frame would flood them).

export class ProgressLine {
  private lastLineAt = 0;
  private lastDone = -1;
  private label = 'frame';
  private open = false;
  /** Rate counts from the first frame on (model loading is not frame time). */
  private first?: { at: number; done: number };

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly everyMs = 5000,
  ) {}

  private get tty() {
    return Boolean(this.stream.isTTY);
  }

  /** `label` names what is counted (`frame` for a render); a new label restarts the rate. */
  update(done: number, total: number, label = 'frame') {
    if (label !== this.label) {
      this.label = label;
      this.first = undefined;
      this.lastLineAt = 0;
    } else if (done === this.lastDone) return;
    this.lastDone = done;
    this.first ??= { at: Date.now(), done };
    const seconds = (Date.now() - this.first.at) / 1000;
    const fps = seconds > 0 ? (done - this.first.done) / seconds : 0;
    const unit = label === 'frame' ? ' fps' : '/s';
    const text = `${label} ${done}/${total}${fps > 0 ? ` (${fps.toFixed(fps < 10 ? 2 : 1)}${unit})` : ''}`;
    if (this.tty) {
      this.stream.write(`\r\x1b[2K${text}`);
      this.open = true;
      return;
    }
    const now = Date.now();
    if (done === total || now - this.lastLineAt >= this.everyMs || this.lastLineAt === 0) {
      this.lastLineAt = now;
      this.stream.write(`${text}\n`);
    }
  }

  /** Prints a line of its own, below the progress line. */
  log(line: string) {
    this.end();
    this.stream.write(`${line}\n`);
  }

  end() {
    if (this.open) this.stream.write('\n');
    this.open = false;
  }
}
