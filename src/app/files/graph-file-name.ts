// Graph file names: saved as "<name>.mattegraph.json", whatever the user typed or opened.

export const GRAPH_SUFFIX = '.mattegraph.json';

/** "rvm-green.json" -> "rvm-green"; "a.mattegraph.json" -> "a"; "" -> "untitled". */
export function graphStem(name: string): string {
  const stem = name.trim().replace(/\.mattegraph\.json$/i, '').replace(/\.json$/i, '');
  return stem.replace(/[\\/:*?"<>|]+/g, '-') || 'untitled';
}

export const graphFileName = (name: string): string => `${graphStem(name)}${GRAPH_SUFFIX}`;
