// `npm run render -- GRAPH.json --set NODE.PARAM=VALUE --out OUT.mp4`: renders a graph's Export
// node (to MP4, WebM, a colour + matte pair or a PNG folder) with the editor's engine, running
// the built app in headless Chromium.
// Failures print one line on stderr (stack traces with --verbose) and exit non-zero.

import { CliError, EXIT_FAILED, EXIT_INTERRUPTED, oneLine } from './cli-error.ts';
import { ProgressLine } from './progress.ts';
import { parseRenderArgs, renderUsage, type RenderOptions } from './render-args.ts';
import { renderGraph } from './render-job.ts';

async function main(argv: string[]): Promise<number> {
  const progress = new ProgressLine();
  const cleanup: (() => void)[] = [];
  const interrupt = (signal: string) => {
    progress.end();
    for (const f of cleanup) f();
    process.stderr.write(`render interrupted (${signal}); no output written\n`);
    process.exit(EXIT_INTERRUPTED);
  };
  process.once('SIGINT', () => interrupt('SIGINT'));
  process.once('SIGTERM', () => interrupt('SIGTERM'));
  let opts: RenderOptions | undefined;
  try {
    opts = parseRenderArgs(argv);
    if (!opts) {
      process.stdout.write(`${renderUsage}\n`);
      return 0;
    }
    await renderGraph(opts, progress, cleanup);
    return 0;
  } catch (e) {
    progress.end();
    if (opts?.verbose && !(e instanceof CliError) && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
    process.stderr.write(`error: ${oneLine(e)}\n`);
    return e instanceof CliError ? e.exitCode : EXIT_FAILED;
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
