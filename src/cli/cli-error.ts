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

/** Longest message printed: an error quoting a whole file or a page dump stays readable. */
const MAX_CHARS = 600;

/**
 * One line for any thrown value: CliError and Error messages as they are, flattened. Control
 * characters (from binary data a parser quoted) become `?` so the terminal shows one plain line.
 */
export function oneLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  const flat = text
    .replace(/\s*[\n\r\u2028\u2029\v\f\x85]\s*/g, ' ')
    .replace(/[\x00-\x08\x0e-\x1f\x7f-\x9f]/g, '?')
    .replace(/\t/g, ' ')
    .trim();
  if (!flat) return 'unknown error';
  return flat.length > MAX_CHARS ? `${flat.slice(0, MAX_CHARS - 1)}…` : flat;
}

/** Words for a file-system error code, e.g. EACCES -> "permission denied". */
export function fsProblem(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EROFS': return 'read-only file system';
    case 'ENOSPC': return 'no space left on the disk';
    case 'EDQUOT': return 'disk quota exceeded';
    case 'ENOENT': return 'files cannot be created there';
    default: return err.code ?? err.message;
  }
}
