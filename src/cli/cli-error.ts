// An error the CLI reports as one line on stderr (no stack trace), with its exit code.

export class CliError extends Error {
  override name = 'CliError';
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

/** Exit codes: 1 the render failed, 2 the command line is wrong, 130 interrupted (Ctrl-C). */
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERRUPTED = 130;

/** One line for any thrown value: CliError and Error messages as they are, flattened. */
export function oneLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.replace(/\s*\n\s*/g, ' ').trim() || 'unknown error';
}
