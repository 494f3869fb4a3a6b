// Search-as-you-type over node types: every word typed must appear in the label, type name,
// category or description; label matches rank first, then registry order.

export interface SearchableType {
  type: string;
  label: string;
  category: string;
  description: string;
}

function score(t: SearchableType, words: readonly string[]): number | undefined {
  const label = t.label.toLowerCase();
  const name = `${label} ${t.type.toLowerCase()}`;
  const all = `${name} ${t.category.toLowerCase()} ${t.description.toLowerCase()}`;
  let s = 0;
  for (const w of words) {
    if (!all.includes(w)) return undefined;
    if (label.startsWith(w) || label.includes(` ${w}`)) s += 0;
    else if (name.includes(w)) s += 1;
    else if (t.category.toLowerCase().includes(w)) s += 2;
    else s += 3;
  }
  return s;
}

export function matchNodeTypes<T extends SearchableType>(types: readonly T[], query: string): T[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [...types];
  return types
    .map((t, i) => ({ t, i, s: score(t, words) }))
    .filter((x): x is { t: T; i: number; s: number } => x.s !== undefined)
    .sort((a, b) => a.s - b.s || a.i - b.i)
    .map((x) => x.t);
}
