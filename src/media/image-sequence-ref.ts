// How an image sequence is named in a `file` param, as Nuke's Read node shows it: a printf
// pattern for the frame number and the first/last frame, e.g. `shot/frame_%04d.png 1-120`.
// Pure text handling, shared by the Video Source node, the editor (files dropped or picked
// together) and the CLI (a folder or a pattern on the command line).

export interface SequenceRef {
  /** Path or name with one `%d` / `%0Nd` where the frame number goes. */
  pattern: string;
  first: number;
  last: number;
}

const PICTURE_EXT = /\.(png|jpe?g|webp)$/i;
const PATTERN = /%(0\d+)?d/;
const REF = /^(.*%(?:0\d+)?d[^%]*?) (\d+)-(\d+)$/;

/** The sequence a param value names, or undefined when it names a single file. */
export function parseSequenceRef(ref: string): SequenceRef | undefined {
  const m = REF.exec(ref.trim());
  if (!m) return undefined;
  return { pattern: m[1], first: Number(m[2]), last: Number(m[3]) };
}

/**
 * True when `ref` is a picture name with a printf frame number (`frame_%04d.png`), with or
 * without its range. Nuke's `####` counts only where the caller knows no such file exists
 * (a picture may well be called `take#2.png`): run it through hashesToPrintf first.
 */
export const isSequencePattern = (ref: string): boolean => PICTURE_EXT.test(ref) && PATTERN.test(ref);

export function formatSequenceRef(seq: SequenceRef): string {
  return `${seq.pattern} ${seq.first}-${seq.last}`;
}

export const sequenceFrameCount = (seq: SequenceRef): number => seq.last - seq.first + 1;

/** The file name of frame number `n` (the number in the name, not the clip's frame index). */
export function sequenceFileName(pattern: string, n: number): string {
  return pattern.replace(PATTERN, (_, pad?: string) => String(n).padStart(pad ? Number(pad) : 0, '0'));
}

/** Every file name of the sequence, first to last. */
export function sequenceFileNames(seq: SequenceRef): string[] {
  const names: string[] = [];
  for (let n = seq.first; n <= seq.last; n++) names.push(sequenceFileName(seq.pattern, n));
  return names;
}

/** Nuke's `frame_####.png` written as printf's `frame_%04d.png`. */
export function hashesToPrintf(pattern: string): string {
  const slash = pattern.lastIndexOf('/') + 1;
  return pattern.slice(0, slash) + pattern.slice(slash).replace(/#+/, (h) => (h.length > 1 ? `%0${h.length}d` : '%d'));
}

const basename = (path: string) => path.slice(path.lastIndexOf('/') + 1);

export interface FoundSequence {
  /** The pattern, in the folder of the names it was found in. */
  pattern: string;
  /** Frame numbers present, ascending. */
  numbers: number[];
  /** The names, in the order of `numbers`. */
  names: string[];
}

/**
 * Groups numbered picture names (`a/frame_0001.png`, …) into sequences: same folder, text
 * before and after the last run of digits, and the same zero-padding. Names that are not
 * numbered pictures are left out. Largest sequence first.
 */
export function findSequences(names: readonly string[]): FoundSequence[] {
  const groups = new Map<string, { head: string; tail: string; items: { digits: string; name: string }[] }>();
  for (const name of names) {
    // A literal `%` would read as part of the pattern: such names are not taken as sequences.
    if (!PICTURE_EXT.test(name) || name.includes('%')) continue;
    const slash = name.lastIndexOf('/') + 1;
    const m = /^(.*?)(\d+)(\D*)$/.exec(name.slice(slash));
    if (!m) continue;
    const head = name.slice(0, slash) + m[1];
    const key = `${head}\u0000${m[3].toLowerCase()}`;
    const g = groups.get(key) ?? { head, tail: m[3], items: [] };
    g.items.push({ digits: m[2], name });
    groups.set(key, g);
  }
  const found: FoundSequence[] = [];
  for (const { head, tail, items } of groups.values()) {
    // Padded when some number has a leading zero: the shortest such name gives the width.
    const padded = items.filter((i) => i.digits.length > 1 && i.digits.startsWith('0'));
    const width = padded.length ? Math.min(...padded.map((i) => i.digits.length)) : 0;
    const pattern = `${head}${width ? `%0${width}d` : '%d'}${tail}`;
    const fits = items.filter((i) => sequenceFileName(pattern, Number(i.digits)) === i.name);
    fits.sort((a, b) => Number(a.digits) - Number(b.digits));
    if (fits.length) found.push({ pattern, numbers: fits.map((i) => Number(i.digits)), names: fits.map((i) => i.name) });
  }
  return found.sort((a, b) => b.numbers.length - a.numbers.length);
}

/**
 * Frame numbers missing between the first and last of `numbers` (ascending), at most `limit`
 * of them; an empty list means the numbering is complete.
 */
export function missingNumbers(numbers: readonly number[], limit = 5): number[] {
  const missing: number[] = [];
  for (let i = 1; i < numbers.length && missing.length < limit; i++) {
    for (let n = numbers[i - 1] + 1; n < numbers[i] && missing.length < limit; n++) missing.push(n);
  }
  return missing;
}

/** The sentence naming the gap in a sequence's numbering, or undefined when it has none. */
export function gapProblem(seq: FoundSequence): string | undefined {
  const missing = missingNumbers(seq.numbers);
  if (!missing.length) return undefined;
  const total = seq.numbers[seq.numbers.length - 1] - seq.numbers[0] + 1 - seq.numbers.length;
  const names = missing.map((n) => basename(sequenceFileName(seq.pattern, n))).join(', ');
  return `the image sequence ${basename(seq.pattern)} has a gap: ${total} frame${total === 1 ? '' : 's'} missing (${names}${total > missing.length ? ', …' : ''})`;
}
