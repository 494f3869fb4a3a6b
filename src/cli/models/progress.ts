// A download progress bar on stderr: redrawn in place on a terminal, a line per quarter otherwise
// (so logs of CI runs stay readable).

const MB = 1024 * 1024;

export function progressBar(label: string, total: number | null) {
  const tty = process.stderr.isTTY;
  let lastQuarter = -1;
  let lastDraw = 0;
  return {
    update(done: number) {
      const frac = total ? Math.min(1, done / total) : 0;
      if (tty) {
        const now = Date.now();
        if (now - lastDraw < 100 && done !== total) return;
        lastDraw = now;
        const width = 30;
        const filled = Math.round(frac * width);
        const size = total ? `${(done / MB).toFixed(1)}/${(total / MB).toFixed(1)} MB` : `${(done / MB).toFixed(1)} MB`;
        const pct = total ? `${Math.floor(frac * 100)}%`.padStart(4) : '';
        process.stderr.write(`\r${label} [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${pct} ${size}`);
      } else if (total) {
        const quarter = Math.floor(frac * 4);
        if (quarter > lastQuarter) {
          lastQuarter = quarter;
          process.stderr.write(`${label}: ${quarter * 25}% of ${(total / MB).toFixed(1)} MB\n`);
        }
      }
    },
    end() {
      if (tty) process.stderr.write('\n');
    },
  };
}
